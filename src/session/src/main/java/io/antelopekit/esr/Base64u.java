package io.antelopekit.esr;

import io.antelopekit.internal.Quote;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64 as signing requests use it: written URL-safe without padding (identity proofs use the
 * standard alphabet, also without padding); read in either alphabet, with or without padding.
 */
final class Base64u {

    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < chars.length(); i++) {
            VALUES[chars.charAt(i)] = (byte) i;
        }
        VALUES['-'] = 62;
        VALUES['+'] = 62;
        VALUES['_'] = 63;
        VALUES['/'] = 63;
    }

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Encoder STANDARD = Base64.getEncoder().withoutPadding();

    private Base64u() {
    }

    static String encodeUrl(byte[] data) {
        return URL.encodeToString(data);
    }

    static String encodeStandard(byte[] data) {
        return STANDARD.encodeToString(data);
    }

    /**
     * Decodes {@code s} from index {@code start}.
     *
     * @param what names the value for messages ({@code %s} is replaced by the quoted input)
     * @throws InvalidSigningRequestException naming the index of a bad character or a bad length
     */
    static byte[] decode(String what, String s, int start) {
        try {
            return decode(s, start);
        } catch (InvalidSigningRequestException e) {
            throw new InvalidSigningRequestException(what.replace("%s", Quote.of(s)) + " " + e.getMessage());
        }
    }

    private static byte[] decode(String s, int start) {
        int end = s.length();
        int pad = 0;
        while (end > start && s.charAt(end - 1) == '=' && pad < 2) {
            end--;
            pad++;
        }
        int n = end - start;
        if (pad > 0 && (n + pad) % 4 != 0) {
            throw new InvalidSigningRequestException("has misplaced '=' padding at index " + end);
        }
        if (n % 4 == 1) {
            throw new InvalidSigningRequestException("has " + n
                    + " base64 characters: a length of 4k+1 cannot be base64");
        }
        byte[] out = new byte[n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1)];
        int o = 0;
        int acc = 0;
        int bits = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw new InvalidSigningRequestException("has " + describe(c) + " at index " + i
                        + ": not a base64 character");
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >> bits);
            }
        }
        return out;
    }

    private static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return Quote.codePoint(c);
    }
}
