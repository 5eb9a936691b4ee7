package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import java.math.BigInteger;
import java.util.Objects;

/** Shared parsing and 16-byte little-endian coding of {@link Int128} and {@link UInt128}. */
final class Int128Codec {

    private Int128Codec() {
    }

    static BigInteger parse(String type, String s, boolean signed) {
        Objects.requireNonNull(s, "decimal");
        int n = s.length();
        int start = signed && n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == start) {
            throw new InvalidValueException(type + " " + Quote.of(s) + " has no digits");
        }
        if (n - start > 40) {
            throw new InvalidValueException(type + " " + Quote.of(s) + " has " + (n - start) + " digits, out of range");
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidValueException(type + " " + Quote.of(s) + " has " + Quote.of(c) + " at " + i
                        + "; expected " + (signed ? "an optional '-' and " : "") + "decimal digits");
            }
        }
        return new BigInteger(s);
    }

    static void check(String type, BigInteger v, BigInteger min, BigInteger max) {
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new InvalidValueException(type + " " + v + " is out of range " + min + " to " + max);
        }
    }

    static void write(BinaryWriter out, BigInteger v) {
        byte[] be = v.toByteArray();
        byte pad = (byte) (v.signum() < 0 ? 0xFF : 0);
        byte[] le = new byte[16];
        for (int i = 0; i < 16; i++) {
            le[i] = i < be.length ? be[be.length - 1 - i] : pad;
        }
        out.writeBytes(le);
    }

    static BigInteger read(BinaryReader in, boolean signed) {
        byte[] le = in.readBytes(16);
        byte[] be = new byte[16];
        for (int i = 0; i < 16; i++) {
            be[i] = le[15 - i];
        }
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }
}
