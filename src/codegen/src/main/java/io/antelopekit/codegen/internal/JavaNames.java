package io.antelopekit.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Java identifiers for Antelope names, deterministically: {@code set.item} → method
 * {@code setItem}, class {@code SetItem}; {@code from_account} → {@code fromAccount}. A name that
 * would start with a digit gets a {@code _} in front ({@code 1abc} → {@code _1abc}); a Java
 * keyword, literal or restricted identifier gets a {@code _} after it ({@code new} →
 * {@code new_}, {@code record} → {@code record_}); the words reserved only in {@code module-info}
 * ({@code to}, {@code with}...) are fine identifiers and stay as they are. Whether two names collide is for the caller
 * to check: this class only maps.
 */
public final class JavaNames {

    /** Keywords, literals and the restricted identifiers that cannot name a method, field or variable everywhere. */
    static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_",
            "var", "yield", "record", "sealed", "permits");

    /**
     * Names a record component may not have (JLS 8.10.1: the methods of {@link Object} without
     * parameters), so they are treated like reserved words.
     */
    static final Set<String> RECORD_FORBIDDEN = Set.of(
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    private JavaNames() {
    }

    /** The parts of a name, split at every character that is not an ASCII letter or digit. */
    static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                part.append(c);
            } else if (part.length() > 0) {
                parts.add(part.toString());
                part.setLength(0);
            }
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    /**
     * A class name: every part with its first letter in upper case, joined ({@code eosio.token}
     * → {@code EosioToken}, {@code stats_result} → {@code StatsResult}).
     *
     * @throws IllegalArgumentException if the name has no letter or digit
     */
    public static String className(String abiName) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts(abiName)) {
            sb.append(Character.toUpperCase(p.charAt(0))).append(p, 1, p.length());
        }
        if (sb.length() == 0) {
            throw new IllegalArgumentException("\"" + abiName + "\" has no letter or digit to make a Java name from");
        }
        return safe(sb.toString(), false);
    }

    /**
     * A method, field or parameter name: the first part as it is, every later part with its
     * first letter in upper case ({@code set.item} → {@code setItem}).
     *
     * @throws IllegalArgumentException if the name has no letter or digit
     */
    public static String memberName(String abiName) {
        return safe(camel(abiName), false);
    }

    /** A record component name: {@link #memberName} that also avoids {@link #RECORD_FORBIDDEN}. */
    public static String componentName(String abiName) {
        return safe(camel(abiName), true);
    }

    /** {@code prefix} followed by the class form of {@code abiName} ({@code by} + {@code owner} → {@code byOwner}). */
    public static String prefixed(String prefix, String abiName) {
        StringBuilder sb = new StringBuilder(prefix);
        for (String p : parts(abiName)) {
            sb.append(Character.toUpperCase(p.charAt(0))).append(p, 1, p.length());
        }
        if (sb.length() == prefix.length()) {
            throw new IllegalArgumentException("\"" + abiName + "\" has no letter or digit to make a Java name from");
        }
        return sb.toString();
    }

    private static String camel(String abiName) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts(abiName)) {
            if (sb.length() == 0) {
                sb.append(p);
            } else {
                sb.append(Character.toUpperCase(p.charAt(0))).append(p, 1, p.length());
            }
        }
        if (sb.length() == 0) {
            throw new IllegalArgumentException("\"" + abiName + "\" has no letter or digit to make a Java name from");
        }
        return sb.toString();
    }

    private static String safe(String name, boolean component) {
        if (Character.isDigit(name.charAt(0))) {
            return "_" + name;
        }
        if (RESERVED.contains(name) || (component && RECORD_FORBIDDEN.contains(name))) {
            return name + "_";
        }
        return name;
    }
}
