package io.antelopekit.internal;

/** Quotes a user-supplied value for an exception message: escaped, and cut short if very long. */
public final class Quote {

    private static final int MAX = 80;

    private Quote() {
    }

    /** {@code s} in double quotes, escaped, cut after 80 characters (with its length); {@code null} as is. */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        int n = Math.min(s.length(), MAX);
        StringBuilder b = new StringBuilder(n + 16).append('"');
        for (int i = 0; i < n; i++) {
            escape(b, s.charAt(i));
        }
        b.append('"');
        if (s.length() > MAX) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    /** {@code c} in single quotes, escaped. */
    public static String of(char c) {
        StringBuilder b = new StringBuilder(8).append('\'');
        escape(b, c);
        return b.append('\'').toString();
    }

    /** {@code c} as {@code U+XXXX}, for messages that name a character by its code. */
    public static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                if (c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.isSurrogate(c)) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }
}
