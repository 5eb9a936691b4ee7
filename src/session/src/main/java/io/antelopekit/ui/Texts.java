package io.antelopekit.ui;

import java.util.Map;
import java.util.Objects;

/** Message lookup and {@code {{param}}} substitution shared by the user interfaces. */
final class Texts {

    private final Map<String, String> translations;

    Texts(Map<String, String> translations) {
        this.translations = Map.copyOf(translations);
    }

    /** The translation of {@code key}, or {@code fallback}. */
    String translate(String key, String fallback) {
        Objects.requireNonNull(key, "key");
        String text = translations.get(key);
        return text != null ? text : fallback;
    }

    /** The translation of {@code key}, or {@code fallback}, with its {@code {{name}}} parameters replaced. */
    String translate(String key, String fallback, Map<String, ?> params) {
        return format(translate(key, fallback), params);
    }

    /**
     * Replaces each {@code {{name}}} (spaces inside the braces allowed) with {@code params.get(name)};
     * a name without a value stays as written.
     */
    static String format(String template, Map<String, ?> params) {
        if (template == null || params == null || params.isEmpty() || template.indexOf("{{") < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            int close = open < 0 ? -1 : template.indexOf("}}", open + 2);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String name = template.substring(open + 2, close).trim();
            out.append(template, i, open);
            if (params.containsKey(name)) {
                out.append(params.get(name));
            } else {
                out.append(template, open, close + 2);
            }
            i = close + 2;
        }
        return out.toString();
    }
}
