package io.antelopekit.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA on secp256k1 and secp256r1 with Bouncy Castle's low-level API: the curves, their
 * generator's fixed-point comb tables and the order constants are built once; signing draws
 * its nonce from {@link HmacDrbg} the way the reference ({@code elliptic}) does, so signatures
 * are byte-for-byte the reference's. K1 signing may compute the nonce's point on libsecp256k1
 * ({@link GeneratorMultiplier}, {@link NativeK1}); everything else stays here.
 */
final class Ecdsa {

    /** One curve's constants. */
    static final class Curve {
        final String name;
        final ECCurve curve;
        final ECPoint g;
        final BigInteger n;
        final BigInteger halfN;
        final BigInteger nMinus1;
        final BigInteger p;

        Curve(String name) {
            X9ECParameters x9 = CustomNamedCurves.getByName(name);
            this.name = name;
            this.curve = x9.getCurve();
            this.g = x9.getG();
            this.n = x9.getN();
            this.halfN = n.shiftRight(1);
            this.nMinus1 = n.subtract(BigInteger.ONE);
            this.p = curve.getField().getCharacteristic();
            // Builds and caches the comb table of G now rather than on the first signature.
            MULTIPLIER.multiply(g, BigInteger.TWO);
        }
    }

    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    static final Curve K1 = new Curve("secp256k1");
    static final Curve R1 = new Curve("secp256r1");

    private Ecdsa() {
    }

    static Curve curve(KeyType type) {
        return type == KeyType.K1 ? K1 : R1;
    }

    /** The scalar in {@code key}, or {@code null} unless {@code 1 <= d < n}. */
    static BigInteger scalar(Curve c, byte[] key) {
        BigInteger d = new BigInteger(1, key);
        if (d.signum() == 0 || d.compareTo(c.n) >= 0) {
            return null;
        }
        return d;
    }

    /** The 33-byte compressed public key of {@code d}. */
    static byte[] publicKey(Curve c, BigInteger d) {
        return affine(MULTIPLIER.multiply(c.g, d)).getEncoded(true);
    }

    /** The compressed point decoded, or {@code null} if it is not a point of the curve. */
    /**
     * The point in affine coordinates. {@link ECPoint#normalize()} blinds its field inversion with
     * the JVM's default {@code SecureRandom}, which reads {@code /dev/urandom} on every call: a
     * blocking file read on whatever thread signs (BlockHound rejects it on a Netty thread) and a
     * system call per signature. The custom secp256k1/secp256r1 fields invert in constant time,
     * so {@link org.bouncycastle.math.ec.ECCurve#normalizeAll} without blinding is used instead.
     */
    static ECPoint affine(ECPoint p) {
        if (p.isNormalized()) {
            return p;
        }
        ECPoint[] one = {p};
        p.getCurve().normalizeAll(one, 0, 1, null);
        return one[0];
    }

    static ECPoint decodePoint(Curve c, byte[] compressed) {
        if (compressed.length != 33 || (compressed[0] != 2 && compressed[0] != 3)) {
            return null;
        }
        try {
            return c.curve.decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BigInteger messageScalar(Curve c, byte[] digest) {
        BigInteger e = new BigInteger(1, digest);
        return e.compareTo(c.n) >= 0 ? e.subtract(c.n) : e;
    }

    /**
     * Computes R = k·G on secp256k1 somewhere faster than Bouncy Castle (libsecp256k1, see
     * {@link NativeK1}). Only the scalar multiplication moves: the nonce, the checks and the
     * modular arithmetic around it stay here, so the signatures stay the reference's.
     */
    @FunctionalInterface
    interface GeneratorMultiplier {
        /**
         * R = k·G as an uncompressed point ({@code 0x04 || X || Y}, 65 bytes), or {@code null} if
         * it cannot be computed (the signer then uses Bouncy Castle for this nonce).
         *
         * @param k the nonce, 32 bytes big-endian, in 2..n-2; the implementation must not keep it
         */
        byte[] multiply(byte[] k);
    }

    /**
     * Signs {@code digest} with low S. K1 repeats with personalization bytes 1, 2, ... until
     * the signature is canonical in the EOSIO sense; R1 signs once without personalization.
     * K1 computes R = k·G with libsecp256k1 when {@link NativeK1#multiplier()} offers it.
     *
     * @return recovery header ({@code recid + 31}), r and s: 65 bytes
     */
    static byte[] sign(Curve c, BigInteger d, byte[] key, byte[] digest) {
        return sign(c, d, key, digest, c == K1 ? NativeK1.multiplier() : null);
    }

    /**
     * {@link #sign(Curve, BigInteger, byte[], byte[])} with R = k·G from {@code multiplier}
     * ({@code null}: Bouncy Castle's fixed-point comb). The result does not depend on which
     * computes R.
     *
     * <p>The nonce bytes, the reduced digest and the DRBG's state are wiped before this returns.
     * The {@link BigInteger} copies of the key, the nonce, its inverse and {@code r·d} cannot be
     * wiped: they stay in the heap until the garbage collector reuses their memory.
     */
    static byte[] sign(Curve c, BigInteger d, byte[] key, byte[] digest, GeneratorMultiplier multiplier) {
        BigInteger e = messageScalar(c, digest);
        byte[] nonce = BigIntegers.asUnsignedByteArray(32, e);
        byte[] out = new byte[65];
        HmacDrbg drbg = new HmacDrbg();
        byte[] kb = new byte[32];
        try {
            if (c != K1) {
                signOnce(c, d, e, drbg.init(key, nonce, -1), kb, null, false, out);
                return out;
            }
            for (int attempt = 1; attempt <= 255; attempt++) {
                if (signOnce(c, d, e, drbg.init(key, nonce, attempt), kb, multiplier, true, out) && isCanonical(out)) {
                    return out;
                }
            }
            throw new IllegalStateException("no canonical signature in 255 attempts");
        } finally {
            drbg.wipe();
            Arrays.fill(kb, (byte) 0);
            Arrays.fill(nonce, (byte) 0);
        }
    }

    /**
     * One signing attempt: draws nonces until one gives a signature, which it writes to
     * {@code out}. With {@code canonicalR}, an r that cannot be canonical ends the attempt
     * ({@code false}, {@code out} left as it was) before s's modular inverse is computed: the
     * attempt's signature would be rejected anyway, so the result is the same, sooner.
     */
    private static boolean signOnce(Curve c, BigInteger d, BigInteger e, HmacDrbg drbg, byte[] kb,
            GeneratorMultiplier multiplier, boolean canonicalR, byte[] out) {
        while (true) {
            drbg.generate(kb);
            BigInteger k = new BigInteger(1, kb);
            if (k.compareTo(BigInteger.ONE) <= 0 || k.compareTo(c.nMinus1) >= 0) {
                continue;
            }
            byte[] point = multiplier == null ? null : multiplier.multiply(kb);
            BigInteger x;
            boolean yOdd;
            if (point != null && point.length == 65 && point[0] == 4) {
                x = new BigInteger(1, point, 1, 32);
                yOdd = (point[64] & 1) != 0;
            } else {
                ECPoint rp = affine(MULTIPLIER.multiply(c.g, k));
                if (rp.isInfinity()) {
                    continue;
                }
                x = rp.getAffineXCoord().toBigInteger();
                yOdd = rp.getAffineYCoord().testBitZero();
            }
            BigInteger r = x.mod(c.n);
            if (r.signum() == 0) {
                continue;
            }
            // s = k^-1 (e + r d) is zero exactly when e + r d is (n is prime)
            BigInteger t = r.multiply(d).add(e).mod(c.n);
            if (t.signum() == 0) {
                continue;
            }
            if (canonicalR && (r.bitLength() > 255 || r.bitLength() < 248)) {
                return false;
            }
            BigInteger s = BigIntegers.modOddInverse(c.n, k).multiply(t).mod(c.n);
            int recid = (yOdd ? 1 : 0) | (x.equals(r) ? 0 : 2);
            if (s.compareTo(c.halfN) > 0) {
                s = c.n.subtract(s);
                recid ^= 1;
            }
            out[0] = (byte) (recid + 31);
            BigIntegers.asUnsignedByteArray(r, out, 1, 32);
            BigIntegers.asUnsignedByteArray(s, out, 33, 32);
            return true;
        }
    }

    /** EOSIO's canonical form: r and s each below 2^255 and at least 2^247. */
    static boolean isCanonical(byte[] sig) {
        return (sig[1] & 0x80) == 0 && !(sig[1] == 0 && (sig[2] & 0x80) == 0)
                && (sig[33] & 0x80) == 0 && !(sig[33] == 0 && (sig[34] & 0x80) == 0);
    }

    /**
     * Recovers the public key from a compact signature (header, r, s) starting at
     * {@code sig[off]}.
     *
     * @param minHeader 27 for K1/R1 (headers 27..34), 31 for WebAuthn (31..34)
     * @return the point, or {@code null} with the reason in {@code why[0]}
     */
    static ECPoint recover(Curve c, byte[] sig, int off, byte[] digest, int minHeader, String[] why) {
        int header = sig[off] & 0xFF;
        if (header < minHeader || header > 34) {
            why[0] = "recovery header byte " + header + " is outside " + minHeader + ".." + 34;
            return null;
        }
        int recid = (header - 27) & 3;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, off + 1, off + 33));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, off + 33, off + 65));
        if (r.signum() == 0 || r.compareTo(c.n) >= 0 || s.signum() == 0 || s.compareTo(c.n) >= 0) {
            why[0] = "r or s is outside 1..n-1";
            return null;
        }
        BigInteger x = (recid & 2) == 0 ? r : r.add(c.n);
        if (x.compareTo(c.p) >= 0) {
            why[0] = "recovery id " + recid + " gives an x beyond the field";
            return null;
        }
        byte[] enc = new byte[33];
        enc[0] = (byte) (2 | (recid & 1));
        BigIntegers.asUnsignedByteArray(x, enc, 1, 32);
        ECPoint rp = decodePoint(c, enc);
        if (rp == null) {
            why[0] = "r is not the x of a curve point";
            return null;
        }
        BigInteger e = messageScalar(c, digest);
        BigInteger rInv = BigIntegers.modOddInverse(c.n, r);
        BigInteger u1 = c.n.subtract(e.multiply(rInv).mod(c.n)).mod(c.n);
        BigInteger u2 = s.multiply(rInv).mod(c.n);
        ECPoint q = affine(ECAlgorithms.sumOfTwoMultiplies(c.g, u1, rp, u2));
        if (q.isInfinity()) {
            why[0] = "recovered the point at infinity";
            return null;
        }
        return q;
    }

    /** Plain ECDSA verification of the r and s at {@code sig[off + 1..off + 65]}; any S accepted. */
    static boolean verify(Curve c, byte[] sig, int off, byte[] digest, ECPoint q) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, off + 1, off + 33));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, off + 33, off + 65));
        if (r.signum() == 0 || r.compareTo(c.n) >= 0 || s.signum() == 0 || s.compareTo(c.n) >= 0) {
            return false;
        }
        BigInteger e = messageScalar(c, digest);
        BigInteger w = BigIntegers.modOddInverse(c.n, s);
        BigInteger u1 = e.multiply(w).mod(c.n);
        BigInteger u2 = r.multiply(w).mod(c.n);
        ECPoint x = affine(ECAlgorithms.sumOfTwoMultiplies(c.g, u1, q, u2));
        if (x.isInfinity()) {
            return false;
        }
        return x.getAffineXCoord().toBigInteger().mod(c.n).equals(r);
    }

    /** SHA-512 of the x coordinate of {@code d * q}, as minimal big-endian bytes (the reference's ECDH). */
    static byte[] sharedSecret(Curve c, BigInteger d, ECPoint q) {
        ECPoint shared = affine(q.multiply(d));
        byte[] x = BigIntegers.asUnsignedByteArray(shared.getAffineXCoord().toBigInteger());
        SHA512Digest sha = new SHA512Digest();
        sha.update(x, 0, x.length);
        byte[] out = new byte[64];
        sha.doFinal(out, 0);
        Arrays.fill(x, (byte) 0);
        return out;
    }
}
