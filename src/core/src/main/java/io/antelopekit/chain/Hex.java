package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Hexadecimal text as the node writes binary data in JSON: lower-case digits, no prefix, two
 * digits a byte. The one hex codec of the SDK; every module encodes and decodes through it.
 *
 * <pre>{@code
 * String text = Hex.encode(bytes);                   // "00ff1a"
 * byte[] row = Hex.decode("table row", rowText);     // either case; a bad digit is named
 * }</pre>
 *
 * <p>Decoding accepts either case and fails with an {@link InvalidValueException} that names
 * the value (quoted, cut short when long) and the index and character of the first digit that
 * is not hex, or the odd count of digits.
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lower-case hex of all of {@code bytes}. */
    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    /**
     * Lower-case hex of {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     */
    public static String encode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            out[2 * i] = (byte) DIGITS[b >>> 4];
            out[2 * i + 1] = (byte) DIGITS[b & 0x0F];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** 0 to 15, or -1 if {@code c} is not an ASCII hex digit. */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Parses hex digits, either case, without a prefix.
     *
     * @throws InvalidValueException if {@code hex} has an odd number of digits or a character that
     *     is not a hex digit
     */
    public static byte[] decode(String hex) {
        return decode("hex", hex, 0);
    }

    /**
     * Parses hex digits, either case, naming the value {@code what} in a failure.
     *
     * @param what what the text is, for the message ({@code "checksum256"}, {@code "table row"})
     * @param hex the text, quoted whole in the message
     * @throws InvalidValueException if {@code hex} has an odd number of digits or a character that
     *     is not a hex digit
     */
    public static byte[] decode(String what, String hex) {
        return decode(what, hex, 0);
    }

    /**
     * Parses hex digits (either case) from {@code start} to the end of {@code s}.
     *
     * @param what what the text is, for the message ({@code "float128"})
     * @param s the text as given, quoted whole in the message
     * @param start index of the first digit (2 after a {@code 0x} prefix)
     * @throws InvalidValueException naming the value and the first character that is not a hex
     *     digit, or the odd number of digits
     */
    public static byte[] decode(String what, String s, int start) {
        Objects.requireNonNull(s, what);
        Objects.checkIndex(start, s.length() + 1);
        int n = s.length() - start;
        if ((n & 1) != 0) {
            throw new InvalidValueException(what + " " + Quote.of(s) + " has an odd number of hex digits (" + n + ")");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            int at = start + 2 * i;
            int hi = digit(s.charAt(at));
            int lo = digit(s.charAt(at + 1));
            if (hi < 0 || lo < 0) {
                int bad = hi < 0 ? at : at + 1;
                throw new InvalidValueException(what + " " + Quote.of(s) + " has a character that is not a hex digit at index "
                        + bad + " (" + Quote.of(s.charAt(bad)) + ")");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
