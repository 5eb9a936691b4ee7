package io.antelopekit.chain;

/** Lower-case hexadecimal without a prefix, as the node writes binary data in JSON. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    static String encode(byte[] bytes, int offset, int length) {
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            out[2 * i] = (byte) DIGITS[b >>> 4];
            out[2 * i + 1] = (byte) DIGITS[b & 0x0F];
        }
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

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
     * Parses hex digits (either case) from {@code start} to the end of {@code s}.
     *
     * @param what the type being parsed, for the message ({@code "checksum256"})
     * @param s the text as given, quoted whole in the message
     * @param start index of the first digit (2 after a {@code 0x} prefix)
     * @throws InvalidValueException naming the value and the first character that is not a hex digit
     */
    static byte[] decode(String what, String s, int start) {
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

    static byte[] decode(String what, String s) {
        return decode(what, s, 0);
    }
}
