package io.antelopekit.codegen.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Javadoc text from an ABI's free text: ricardian contracts (a YAML front matter between
 * {@code ---} lines, then the text) and clauses. Everything from the ABI is escaped, so that no
 * text can end the comment ({@code *}{@code /}: the slash is escaped), start a tag ({@code @}), open HTML
 * ({@code <}, {@code &}) or smuggle a unicode escape ({@code \}{@code u}) into the source.
 */
final class Javadoc {

    /** A ricardian contract: its title, summary and text, each possibly empty. */
    record Ricardian(String title, String summary, String body) {
    }

    private Javadoc() {
    }

    /** Escapes {@code text} for a Javadoc comment. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '@' -> sb.append("&#64;");
                case '\\' -> sb.append("&#92;");
                case '/' -> sb.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\r' -> {
                }
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** Splits a ricardian contract into front-matter title and summary, and its text. */
    static Ricardian ricardian(String contract) {
        String text = contract.replace("\r\n", "\n").strip();
        String title = "";
        String summary = "";
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 3);
            if (end > 0) {
                for (String line : text.substring(4, end).split("\n")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(0, colon).strip();
                    String value = unquote(line.substring(colon + 1).strip());
                    if (key.equals("title")) {
                        title = value;
                    } else if (key.equals("summary")) {
                        summary = value;
                    }
                }
                int next = text.indexOf('\n', end + 1);
                text = next < 0 ? "" : text.substring(next + 1).strip();
            }
        }
        return new Ricardian(title, summary, text);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith("\"") && v.endsWith("\"")))) {
            String inner = v.substring(1, v.length() - 1);
            return v.startsWith("'") ? inner.replace("''", "'") : inner.replace("\\\"", "\"");
        }
        return v;
    }

    /** Paragraphs of escaped text: blank lines become {@code <p>}. */
    static String paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.strip().split("\n\\s*\n")) {
            if (!p.isBlank()) {
                out.add(escape(p.strip()));
            }
        }
        return String.join("\n\n<p>", out);
    }
}
