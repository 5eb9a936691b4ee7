package io.antelopekit.crypto;

import java.util.Arrays;

/**
 * Bitcoin-alphabet base58, as used by every Antelope key and signature string. Works on 32-bit
 * limbs and five base58 digits at a time, so a 37-byte key needs about ten long divisions.
 */
final class Base58 {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final byte[] INDEX = new byte[128];
    /** 58^5, the largest power of 58 whose multiple of a 32-bit limb stays inside a long. */
    private static final long GROUP = 656_356_768L;
    private static final long[] POW58 = {1L, 58L, 3_364L, 195_112L, 11_316_496L, GROUP};

    static {
        Arrays.fill(INDEX, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEX[ALPHABET[i]] = (byte) i;
        }
    }

    private Base58() {
    }

    static String encode(byte[] in) {
        return encode(in, 0, in.length);
    }

    static String encode(byte[] in, int off, int len) {
        int zeros = 0;
        while (zeros < len && in[off + zeros] == 0) {
            zeros++;
        }
        int n = len - zeros;
        int words = (n + 3) / 4;
        int[] w = new int[words];
        int p = off + zeros;
        int firstBytes = n - (words - 1) * 4;
        for (int i = 0; i < words; i++) {
            int count = i == 0 ? firstBytes : 4;
            int v = 0;
            for (int j = 0; j < count; j++) {
                v = (v << 8) | (in[p++] & 0xFF);
            }
            w[i] = v;
        }
        char[] out = new char[zeros + n * 138 / 100 + 6];
        int pos = out.length;
        int start = 0;
        while (start < words) {
            long rem = 0;
            for (int i = start; i < words; i++) {
                long cur = (rem << 32) | (w[i] & 0xFFFF_FFFFL);
                w[i] = (int) (cur / GROUP);
                rem = cur % GROUP;
            }
            while (start < words && w[start] == 0) {
                start++;
            }
            for (int k = 0; k < 5; k++) {
                out[--pos] = ALPHABET[(int) (rem % 58)];
                rem /= 58;
            }
        }
        while (pos < out.length && out[pos] == '1') {
            pos++;
        }
        for (int i = 0; i < zeros; i++) {
            out[--pos] = '1';
        }
        return new String(out, pos, out.length - pos);
    }

    /**
     * Decodes {@code s}; each leading {@code '1'} becomes a leading zero byte.
     *
     * @throws IllegalArgumentException naming the index of the first character outside the
     *     alphabet (never the character itself: the input may be a secret)
     */
    static byte[] decode(CharSequence s, int from) {
        int len = s.length();
        int zeros = 0;
        while (from + zeros < len && s.charAt(from + zeros) == '1') {
            zeros++;
        }
        int digits = len - from - zeros;
        int words = (digits * 733 / 1000 + 4) / 4 + 1;
        int[] w = new int[words]; // little-endian limbs
        int used = 0;
        int i = from + zeros;
        while (i < len) {
            int g = Math.min(5, len - i);
            long add = 0;
            for (int k = 0; k < g; k++) {
                char c = s.charAt(i + k);
                int d = c < 128 ? INDEX[c] : -1;
                if (d < 0) {
                    throw new IllegalArgumentException("character at index " + (i + k) + " is not base58");
                }
                add = add * 58 + d;
            }
            i += g;
            long mul = POW58[g];
            long carry = add;
            for (int j = 0; j < used; j++) {
                long cur = (w[j] & 0xFFFF_FFFFL) * mul + carry;
                w[j] = (int) cur;
                carry = cur >>> 32;
            }
            if (carry != 0) {
                w[used++] = (int) carry;
            }
        }
        int bytes = used * 4;
        if (used > 0) {
            int top = w[used - 1];
            bytes -= Integer.numberOfLeadingZeros(top) / 8;
        }
        byte[] out = new byte[zeros + bytes];
        int q = out.length;
        for (int j = 0; j < used; j++) {
            int v = w[j];
            for (int k = 0; k < 4 && q > zeros; k++) {
                out[--q] = (byte) v;
                v >>>= 8;
            }
        }
        return out;
    }
}
