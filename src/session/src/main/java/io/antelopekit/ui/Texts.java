package io.antelopekit.ui;

import io.antelopekit.plugin.UserInterface;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The texts of a user interface in one locale: the application's translations for that locale
 * (the most specific first: {@code de_CH}, then {@code de}), its translations for every locale
 * ({@link Locale#ROOT}), the built-in resource bundle {@code io/antelopekit/ui/messages*.properties}
 * (English, {@code messages.properties}, is the last), then the caller's fallback. Translations
 * can be added while in use; lookups see a consistent snapshot.
 */
final class Texts {

    private static final String BUNDLE = "messages";
    private static final ResourceBundle.Control CANDIDATES = ResourceBundle.Control.getControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    /** The candidates of {@link #locale}, most specific first, without the root locale. */
    private final List<Locale> candidates;
    private final List<ResourceBundle> builtIn;
    private volatile Map<Locale, Map<String, String>> added;

    Texts(Locale locale, Map<Locale, Map<String, String>> translations) {
        this.locale = Objects.requireNonNull(locale, "locale");
        List<Locale> c = new ArrayList<>(CANDIDATES.getCandidateLocales("", locale));
        c.remove(Locale.ROOT);
        this.candidates = List.copyOf(c);
        List<ResourceBundle> bundles = new ArrayList<>();
        for (Locale l : candidates) {
            ResourceBundle b = load(BUNDLE + "_" + l);
            if (b != null) {
                bundles.add(b);
            }
        }
        bundles.add(Objects.requireNonNull(load(BUNDLE), "the built-in English texts are missing"));
        this.builtIn = List.copyOf(bundles);
        this.added = copy(translations);
    }

    /** Only the built-in texts, in {@code locale}. */
    Texts(Locale locale) {
        this(locale, Map.of());
    }

    /** The locale whose texts these are. */
    Locale locale() {
        return locale;
    }

    /** Adds or replaces translations, by locale. */
    synchronized void add(Map<Locale, Map<String, String>> translations) {
        Map<Locale, Map<String, String>> merged = new HashMap<>();
        added.forEach((l, texts) -> merged.put(l, new HashMap<>(texts)));
        copy(translations).forEach((l, texts) -> merged.computeIfAbsent(l, x -> new HashMap<>()).putAll(texts));
        added = copy(merged);
    }

    /** The translation of {@code key}, or {@code fallback}. */
    String translate(String key, String fallback) {
        Objects.requireNonNull(key, "key");
        Map<Locale, Map<String, String>> app = added;
        for (Locale l : candidates) {
            String text = app.getOrDefault(l, Map.of()).get(key);
            if (text != null) {
                return text;
            }
        }
        String text = app.getOrDefault(Locale.ROOT, Map.of()).get(key);
        if (text != null) {
            return text;
        }
        for (ResourceBundle b : builtIn) {
            if (b.containsKey(key)) {
                return b.getString(key);
            }
        }
        return fallback;
    }

    /** The translation of {@code key}, or {@code fallback}, with its {@code {{name}}} parameters replaced. */
    String translate(String key, String fallback, Map<String, ?> params) {
        return format(translate(key, fallback), params);
    }

    /** See {@link UserInterface#fill}. */
    static String format(String template, Map<String, ?> params) {
        return UserInterface.fill(template, params);
    }

    /** Adds {@code texts} for {@code locale} ({@link Locale#ROOT}: every locale) to a builder's {@code into}. */
    static void put(Map<Locale, Map<String, String>> into, Locale locale, Map<String, String> texts) {
        Objects.requireNonNull(locale, "locale");
        into.computeIfAbsent(locale, l -> new LinkedHashMap<>()).putAll(Objects.requireNonNull(texts, "translations"));
    }

    /** Adds a resource bundle's texts, for the bundle's locale, to a builder's {@code into}. */
    static void put(Map<Locale, Map<String, String>> into, ResourceBundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        put(into, bundle.getLocale() == null ? Locale.ROOT : bundle.getLocale(), of(bundle));
    }

    /** The texts of {@code bundle}, by key. */
    static Map<String, String> of(ResourceBundle bundle) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Enumeration<String> keys = bundle.getKeys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            out.put(k, bundle.getString(k));
        }
        return out;
    }

    private static Map<Locale, Map<String, String>> copy(Map<Locale, Map<String, String>> translations) {
        Map<Locale, Map<String, String>> out = new HashMap<>();
        Objects.requireNonNull(translations, "translations").forEach((l, texts) ->
                out.put(Objects.requireNonNull(l, "locale"), Map.copyOf(Objects.requireNonNull(texts, "texts of " + l))));
        return Map.copyOf(out);
    }

    /** A properties file beside this class, in UTF-8, or {@code null} when there is none. */
    private static ResourceBundle load(String name) {
        try (InputStream in = Texts.class.getResourceAsStream(name + ".properties")) {
            return in == null ? null : new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the texts " + name + ".properties", e);
        }
    }
}
