package io.antelopekit.abi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The JSON text of floating-point values, as the reference implementation writes them
 * ({@code Number.prototype.toString} for float64, {@code toFixed(7)} for float32), except where
 * that text would not read back as the same value: then the shortest text that does is used,
 * so decode-then-encode is always exact. Negative zero is written {@code -0}.
 */
final class JsNumbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private JsNumbers() {
    }

    /** Parses decimal text, {@code NaN} or {@code [+-]Infinity}; anything else is {@code null}. */
    static Double parse(String s) {
        String t = s.trim();
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        switch (t) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
            case "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /** JSON text of a float32. */
    static String float32(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        if (f == 0 && Float.floatToRawIntBits(f) != 0) {
            return "-0";
        }
        double d = f;
        String fixed = Math.abs(d) >= 1e21 ? shortest(d, false) : toFixed7(d);
        Double back = parse(fixed);
        if (back != null && Float.floatToRawIntBits((float) back.doubleValue()) == Float.floatToRawIntBits(f)) {
            return fixed;
        }
        return shortest(d, true);
    }

    /** JSON text of a float64. */
    static String float64(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0" : "-0";
        }
        return shortest(d, false);
    }

    private static String toFixed7(double d) {
        String digits = new BigDecimal(d).abs().setScale(7, RoundingMode.HALF_UP).toPlainString();
        return d < 0 ? "-" + digits : digits;
    }

    /**
     * The shortest decimal that reads back as {@code d} (as a float32 when {@code single}),
     * closest to it among the shortest, formatted like ECMAScript's Number::toString.
     */
    private static String shortest(double d, boolean single) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (readsBack(nearest, d, single)) {
                best = nearest;
            } else {
                BigDecimal other = exact.round(new MathContext(p,
                        nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING));
                if (other.compareTo(nearest) != 0 && readsBack(other, d, single)) {
                    best = other;
                }
            }
            if (best != null) {
                return format(best);
            }
        }
        return format(exact.round(MathContext.DECIMAL64));
    }

    private static boolean readsBack(BigDecimal candidate, double d, boolean single) {
        double back = Double.parseDouble(candidate.toString());
        if (single) {
            return Float.floatToRawIntBits((float) back) == Float.floatToRawIntBits((float) d);
        }
        return Double.doubleToRawLongBits(back) == Double.doubleToRawLongBits(d);
    }

    private static String format(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        boolean negative = v.signum() < 0;
        String s = v.unscaledValue().abs().toString();
        int k = s.length();
        int n = k - v.scale();
        StringBuilder out = new StringBuilder(k + 8);
        if (negative) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(s);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(s);
        } else {
            int e = n - 1;
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }
}
