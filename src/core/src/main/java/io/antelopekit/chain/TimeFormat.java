package io.antelopekit.chain;

import io.antelopekit.internal.Quote;

/**
 * The node's UTC time strings, {@code yyyy-MM-ddTHH:mm:ss} with an optional fraction, without
 * going through {@code java.time} formatters (these are on every transaction's hot path).
 */
final class TimeFormat {

    static final long MICROS_PER_SECOND = 1_000_000L;
    private static final String FORMAT = " (expected yyyy-MM-ddTHH:mm:ss, optionally with .fraction and Z)";

    private TimeFormat() {
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss}, optionally followed by {@code .} and 1 to 6 fraction
     * digits, optionally followed by {@code Z}, into microseconds since 1970-01-01T00:00:00 UTC.
     *
     * @param type the type being parsed, for messages ({@code "time_point"})
     */
    static long parseMicros(String type, String s) {
        int n = s.length();
        int i = 0;
        boolean negativeYear = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negativeYear = s.charAt(0) == '-';
            i = 1;
        }
        int yearStart = i;
        long year = 0;
        while (i < n && isDigit(s.charAt(i)) && i - yearStart < 6) {
            year = year * 10 + (s.charAt(i++) - '0');
        }
        if (i - yearStart < 4) {
            throw bad(type, s, i, "a year of 4 digits");
        }
        if (negativeYear) {
            year = -year;
        }
        i = expect(type, s, i, '-');
        int month = twoDigits(type, s, i, "month");
        i = expect(type, s, i + 2, '-');
        int day = twoDigits(type, s, i, "day");
        i = expect(type, s, i + 2, 'T');
        int hour = twoDigits(type, s, i, "hour");
        i = expect(type, s, i + 2, ':');
        int minute = twoDigits(type, s, i, "minute");
        i = expect(type, s, i + 2, ':');
        int second = twoDigits(type, s, i, "second");
        i += 2;
        long fraction = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start == 6) {
                    throw new InvalidValueException(type + " " + Quote.of(s) + " has more than 6 fraction digits at " + start
                            + "; time points are in microseconds");
                }
                fraction = fraction * 10 + (s.charAt(i++) - '0');
            }
            if (i == start) {
                throw bad(type, s, i, "a digit after '.'");
            }
            for (int k = i - start; k < 6; k++) {
                fraction *= 10;
            }
        }
        if (i < n && s.charAt(i) == 'Z') {
            i++;
        }
        if (i != n) {
            throw bad(type, s, i, "the end of the string or 'Z'");
        }
        if (month < 1 || month > 12) {
            throw new InvalidValueException(type + " " + Quote.of(s) + " has month " + month + "; expected 01 to 12");
        }
        int dim = daysInMonth(year, month);
        if (day < 1 || day > dim) {
            throw new InvalidValueException(type + " " + Quote.of(s) + " has day " + day + "; expected 01 to " + dim);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new InvalidValueException(type + " " + Quote.of(s) + " has an invalid time of day "
                    + String.format("%02d:%02d:%02d", hour, minute, second) + "; expected 00:00:00 to 23:59:59");
        }
        long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        try {
            return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), fraction);
        } catch (ArithmeticException e) {
            throw new InvalidValueException(type + " " + Quote.of(s) + " is out of the int64 microsecond range", e);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int expect(String type, String s, int i, char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw bad(type, s, i, Quote.of(c));
        }
        return i + 1;
    }

    private static int twoDigits(String type, String s, int i, String what) {
        if (i + 1 >= s.length() || !isDigit(s.charAt(i)) || !isDigit(s.charAt(i + 1))) {
            throw bad(type, s, i + 1 < s.length() && isDigit(s.charAt(i)) ? i + 1 : i, "a " + what + " of 2 digits");
        }
        return (s.charAt(i) - '0') * 10 + (s.charAt(i + 1) - '0');
    }

    private static InvalidValueException bad(String type, String s, int i, String expected) {
        String found = i < s.length() ? "has " + Quote.of(s.charAt(i)) + " at " + i : "ends at " + i;
        return new InvalidValueException(type + " " + Quote.of(s) + " " + found + " where " + expected + " should be" + FORMAT);
    }

    private static int daysInMonth(long year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * Formats seconds since the epoch as {@code yyyy-MM-ddTHH:mm:ss}, followed by {@code .SSS}
     * when {@code millis} is not negative.
     */
    static String format(long epochSecond, int millis) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);

        char[] out = new char[32];
        int p = 0;
        if (year < 0 || year > 9999) {
            out[p++] = year < 0 ? '-' : '+';
        }
        String ys = Long.toString(Math.abs(year));
        for (int k = ys.length(); k < 4; k++) {
            out[p++] = '0';
        }
        for (int k = 0; k < ys.length(); k++) {
            out[p++] = ys.charAt(k);
        }
        out[p++] = '-';
        p = two(out, p, month);
        out[p++] = '-';
        p = two(out, p, day);
        out[p++] = 'T';
        p = two(out, p, secondOfDay / 3600);
        out[p++] = ':';
        p = two(out, p, secondOfDay / 60 % 60);
        out[p++] = ':';
        p = two(out, p, secondOfDay % 60);
        if (millis >= 0) {
            out[p++] = '.';
            out[p++] = (char) ('0' + millis / 100);
            out[p++] = (char) ('0' + millis / 10 % 10);
            out[p++] = (char) ('0' + millis % 10);
        }
        return new String(out, 0, p);
    }

    private static int two(char[] out, int p, int v) {
        out[p] = (char) ('0' + v / 10);
        out[p + 1] = (char) ('0' + v % 10);
        return p + 2;
    }
}
