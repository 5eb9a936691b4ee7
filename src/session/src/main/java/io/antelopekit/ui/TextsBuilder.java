package io.antelopekit.ui;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;

/** The language settings the user interfaces' builders share: translations and locale. */
abstract class TextsBuilder<B extends TextsBuilder<B>> {

    final Map<Locale, Map<String, String>> translations = new LinkedHashMap<>();
    Locale locale = Locale.getDefault(Locale.Category.DISPLAY);

    abstract B self();

    /**
     * Texts by key for every locale, replacing the built-in ones; may hold {@code {{name}}}
     * parameters. A translation for the interface's {@link #locale locale} comes first.
     */
    public B translations(Map<String, String> translations) {
        return translations(Locale.ROOT, translations);
    }

    /**
     * Texts by key for {@code locale} ({@link Locale#ROOT}: every locale), replacing the
     * built-in ones when the interface's {@link #locale locale} is it or within it
     * ({@code de} serves {@code de_CH}); may hold {@code {{name}}} parameters.
     */
    public B translations(Locale locale, Map<String, String> translations) {
        Texts.put(this.translations, locale, translations);
        return self();
    }

    /**
     * The texts of a resource bundle, for the bundle's locale (as
     * {@link #translations(Locale, Map)}), e.g. {@code ResourceBundle.getBundle("myapp.texts", Locale.GERMAN)}.
     */
    public B translations(ResourceBundle bundle) {
        Texts.put(this.translations, bundle);
        return self();
    }

    /**
     * The language of the texts (the platform's display locale by default); English, built in,
     * stands in for a text that has no translation in it.
     */
    public B locale(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        return self();
    }
}
