package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/** Reading Java and Jackson input values; every failure is a {@link PathException} naming the value. */
final class Values {

    private static final int MAX_SHOWN = 80;

    private Values() {
    }

    /** {@code null}, a JSON null or missing node, or an empty {@link Optional}. */
    static boolean isNull(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof JsonNode) {
            JsonNode n = (JsonNode) v;
            return n.isNull() || n.isMissingNode();
        }
        return v instanceof Optional && ((Optional<?>) v).isEmpty();
    }

    /** Unwraps a present {@link Optional}. */
    static Object unwrap(Object v) {
        return v instanceof Optional ? ((Optional<?>) v).orElse(null) : v;
    }

    /** A short, safe rendering of a value for an error message. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s;
        if (v instanceof CharSequence) {
            s = quote(v.toString());
        } else if (v instanceof JsonNode) {
            s = v.toString();
        } else if (v instanceof Number || v instanceof Boolean) {
            s = v.toString();
        } else if (v.getClass().getSimpleName().contains("Private")) {
            return "a " + v.getClass().getSimpleName();
        } else if (v instanceof byte[]) {
            return "byte[" + ((byte[]) v).length + "]";
        } else {
            String text;
            try {
                text = String.valueOf(v);
            } catch (RuntimeException e) {
                text = "?";
            }
            s = AbiJson.isChainValue(v.getClass()) ? quote(text) : v.getClass().getSimpleName() + " " + text;
        }
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "...(" + s.length() + " chars)" : s;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length() && i < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** What kind of value this is, for "expected X, got Y" messages. */
    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof JsonNode) {
            return "JSON " + ((JsonNode) v).getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return v.getClass().getSimpleName();
    }

    /** The text of a string-like value, or {@code null} if it is not one. */
    static String text(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof JsonNode) {
            JsonNode n = (JsonNode) v;
            return n.isTextual() ? n.textValue() : null;
        }
        if (v instanceof CharSequence) {
            return v.toString();
        }
        return null;
    }

    static String requireText(Object v, String type) {
        String s = text(v);
        if (s == null) {
            throw new PathException("expected a string for " + type + ", got " + kind(v) + " " + describe(v));
        }
        return s;
    }

    /**
     * The value of decimal text of at most 18 digits (an optional {@code -}), which always fits
     * a long; {@code Long.MIN_VALUE} when {@code v} is anything else.
     */
    static long smallDecimal(Object v) {
        String s = text(v);
        if (s == null) {
            return Long.MIN_VALUE;
        }
        int n = s.length();
        int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == start || n - start > 18) {
            return Long.MIN_VALUE;
        }
        long x = 0;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            x = x * 10 + (c - '0');
        }
        return start == 1 ? -x : x;
    }

    /** An integer value as a BigInteger; fractions, non-numbers and malformed text fail. */
    static BigInteger integer(Object v, String type) {
        if (v instanceof BigInteger) {
            return (BigInteger) v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigDecimal) {
            return exact((BigDecimal) v, v, type);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new PathException(type + " value " + describe(v) + " is not an integer");
            }
            return exact(new BigDecimal(d), v, type);
        }
        if (v instanceof Number) {
            Number n = (Number) v;
            BigInteger bi = integerClass(v);
            return bi != null ? bi : BigInteger.valueOf(n.longValue());
        }
        if (v instanceof JsonNode) {
            JsonNode n = (JsonNode) v;
            if (n.isIntegralNumber()) {
                return n.bigIntegerValue();
            }
            if (n.isNumber()) {
                if (n.isDouble() || n.isFloat()) {
                    return integer(n.doubleValue(), type);
                }
                return exact(n.decimalValue(), v, type);
            }
            if (n.isTextual()) {
                return parseInteger(n.textValue(), v, type);
            }
        } else if (v instanceof CharSequence) {
            return parseInteger(v.toString(), v, type);
        } else {
            BigInteger bi = integerClass(v);
            if (bi != null) {
                return bi;
            }
        }
        throw new PathException("expected an integer for " + type + ", got " + kind(v) + " " + describe(v));
    }

    /** Int128/UInt128 or any value type exposing {@code toBigInteger()}. */
    private static BigInteger integerClass(Object v) {
        if (!AbiJson.isChainValue(v.getClass())) {
            return null;
        }
        try {
            Object r = v.getClass().getMethod("toBigInteger").invoke(v);
            return r instanceof BigInteger ? (BigInteger) r : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static BigInteger exact(BigDecimal d, Object v, String type) {
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new PathException(type + " value " + describe(v) + " is not an integer");
        }
    }

    private static BigInteger parseInteger(String s, Object v, String type) {
        int n = s.length();
        boolean ok = n > 0 && n <= 80;
        for (int i = 0; ok && i < n; i++) {
            char c = s.charAt(i);
            ok = (c >= '0' && c <= '9') || (i == 0 && (c == '-' || c == '+') && n > 1);
        }
        if (!ok) {
            throw new PathException(type + " value " + describe(v) + " is not a decimal integer");
        }
        return new BigInteger(s);
    }

    /** A floating-point value; non-numbers and malformed text fail. */
    static double real(Object v, String type) {
        if (v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof BigDecimal || v instanceof BigInteger) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof JsonNode) {
            JsonNode n = (JsonNode) v;
            if (n.isNumber()) {
                return n.isBigDecimal() ? n.decimalValue().doubleValue() : n.doubleValue();
            }
            if (n.isTextual()) {
                return parseReal(n.textValue(), v, type);
            }
        } else if (v instanceof CharSequence) {
            return parseReal(v.toString(), v, type);
        } else if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new PathException("expected a number for " + type + ", got " + kind(v) + " " + describe(v));
    }

    private static double parseReal(String s, Object v, String type) {
        Double d = s.length() > 400 ? null : JsNumbers.parse(s);
        if (d == null) {
            throw new PathException(type + " value " + describe(v) + " is not a number");
        }
        return d;
    }
}
