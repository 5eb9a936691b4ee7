package io.antelopekit.storage.internal;

/**
 * Text to bytes and back for stores that keep bytes (Redis): UTF-8, extended as WTF-8 so that
 * every Java string round-trips, an unpaired surrogate included (it is written as the 3-byte
 * sequence UTF-8 would give its code point; a valid surrogate pair as the usual 4 bytes). Text
 * without unpaired surrogates is plain UTF-8, readable by any Redis client.
 *
 * <p>Decoding is strict: any other byte sequence (a stray continuation byte, an overlong or
 * truncated sequence, a code point above U+10FFFF) is refused with the offset of the first bad
 * byte, so a store never takes damaged or foreign bytes for text it could then overwrite.
 */
public final class Wtf8 {

    private Wtf8() {
    }

    /** Bytes that are not WTF-8; {@link #offset} is the index of the first bad byte. */
    public static final class MalformedException extends Exception {

        private static final long serialVersionUID = 1L;

        public final int offset;

        MalformedException(int offset) {
            super("not UTF-8 text at byte offset " + offset, null, false, false);
            this.offset = offset;
        }
    }

    public static byte[] encode(String s) {
        int n = s.length();
        int size = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                size++;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        byte[] out = new byte[size];
        int p = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    public static String decode(byte[] b) throws MalformedException {
        int n = b.length;
        int i = 0;
        while (i < n && b[i] >= 0) {
            i++;
        }
        if (i == n) {
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1); // ASCII: one char per byte
        }
        char[] out = new char[n];
        for (int k = 0; k < i; k++) {
            out[k] = (char) b[k];
        }
        int p = i;
        while (i < n) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                out[p++] = (char) b0;
                i++;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                int b1 = continuation(b, i, 1, 0x80, 0xBF);
                out[p++] = (char) (((b0 & 0x1F) << 6) | (b1 & 0x3F));
                i += 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                // E0 needs A0..BF (no overlong form); ED A0..BF are surrogates, allowed in WTF-8
                int b1 = continuation(b, i, 1, b0 == 0xE0 ? 0xA0 : 0x80, 0xBF);
                int b2 = continuation(b, i, 2, 0x80, 0xBF);
                out[p++] = (char) (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
                i += 3;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                int b1 = continuation(b, i, 1, b0 == 0xF0 ? 0x90 : 0x80, b0 == 0xF4 ? 0x8F : 0xBF);
                int b2 = continuation(b, i, 2, 0x80, 0xBF);
                int b3 = continuation(b, i, 3, 0x80, 0xBF);
                int cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                out[p++] = Character.highSurrogate(cp);
                out[p++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                throw new MalformedException(i);
            }
        }
        return new String(out, 0, p);
    }

    private static int continuation(byte[] b, int start, int index, int min, int max) throws MalformedException {
        int at = start + index;
        if (at >= b.length) {
            throw new MalformedException(start);
        }
        int v = b[at] & 0xFF;
        if (v < min || v > max) {
            throw new MalformedException(at);
        }
        return v;
    }
}
