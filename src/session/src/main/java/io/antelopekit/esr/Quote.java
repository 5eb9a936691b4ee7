package io.antelopekit.esr;

/** Quotes a value for an exception message: escaped, and cut short when long. */
final class Quote {

    private static final int MAX = 80;

    private Quote() {
    }

    /** Four lower-case hex digits of {@code c}. */
    static String hex4(char c) {
        String h = Integer.toHexString(c);
        return "0000".substring(h.length()) + h;
    }

    static String of(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8).append('"');
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c)) {
                b.append("\\u").append(hex4(c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
        if (s.length() > MAX) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }
}
