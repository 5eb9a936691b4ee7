package io.antelopekit.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 DRBG (NIST SP 800-90A) as RFC 6979 uses it, seeded with
 * {@code entropy || nonce || personalization} and re-keyed after every output, exactly like the
 * {@code hmac-drbg} package the reference's {@code elliptic} signs with. One instance produces
 * the nonce candidates of the signing attempts for one digest; it reuses its digest and
 * buffers across {@link #init re-instantiations} and wipes its state in {@link #wipe()}.
 *
 * <p>SHA-256 is the JDK's {@link MessageDigest}, whose compression function the JVM compiles to
 * the processor's SHA instructions where it has them: about four times faster than Bouncy
 * Castle's pure-Java digest, which matters because a K1 signature instantiates the generator
 * twice on average (the canonical-signature loop), and the nonce is derived in Java even when
 * libsecp256k1 computes the point. The JDK resets and zeroes the digest's buffers after each
 * hash.
 */
final class HmacDrbg {

    private static final int BLOCK = 64;
    /** A SHA-256 digest to clone, or {@code null} when the provider's digest cannot be cloned. */
    private static final MessageDigest PROTOTYPE = prototype();

    private final MessageDigest sha = newSha256();
    private final byte[] k = new byte[32];
    private final byte[] v = new byte[32];
    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final byte[] tmp = new byte[32];

    private final byte[] persByte = new byte[1];

    private static MessageDigest prototype() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.clone();
            return md;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            return null;
        }
    }

    private static MessageDigest newSha256() {
        try {
            return PROTOTYPE != null ? (MessageDigest) PROTOTYPE.clone() : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            // every Java platform has SHA-256
            throw new IllegalStateException("no SHA-256 MessageDigest", e);
        }
    }

    /**
     * (Re)instantiates the generator.
     *
     * @param entropy the private key, 32 bytes
     * @param nonce the message digest reduced modulo the curve order, 32 bytes
     * @param pers the personalization byte, or -1 for none
     */
    HmacDrbg init(byte[] entropy, byte[] nonce, int pers) {
        Arrays.fill(k, (byte) 0);
        Arrays.fill(v, (byte) 1);
        rekey();
        persByte[0] = (byte) pers;
        update(entropy, nonce, pers < 0 ? null : persByte);
        return this;
    }

    /** Writes the next 32 output bytes into {@code out}. */
    void generate(byte[] out) {
        hmac(-1, null, null, null, v);
        System.arraycopy(v, 0, out, 0, 32);
        update(null, null, null);
    }

    void wipe() {
        Arrays.fill(k, (byte) 0);
        Arrays.fill(v, (byte) 0);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        Arrays.fill(tmp, (byte) 0);
        persByte[0] = 0;
        sha.reset();
    }

    private void update(byte[] a, byte[] b, byte[] c) {
        boolean seeded = a != null;
        hmac(0, a, b, c, k);
        rekey();
        hmac(-1, null, null, null, v);
        if (!seeded) {
            return;
        }
        hmac(1, a, b, c, k);
        rekey();
        hmac(-1, null, null, null, v);
    }

    /**
     * {@code out = HMAC_K(V || sep || a || b || c)}, without the separator byte when
     * {@code sep < 0}; {@code out} may be {@code v}.
     */
    private void hmac(int sep, byte[] a, byte[] b, byte[] c, byte[] out) {
        sha.update(ipad, 0, BLOCK);
        sha.update(v, 0, 32);
        if (sep >= 0) {
            sha.update((byte) sep);
        }
        feed(a);
        feed(b);
        feed(c);
        try {
            sha.digest(tmp, 0, 32);
            sha.update(opad, 0, BLOCK);
            sha.update(tmp, 0, 32);
            sha.digest(out, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private void feed(byte[] x) {
        if (x != null) {
            sha.update(x, 0, x.length);
        }
    }

    /** The inner and outer pads of the current key K. */
    private void rekey() {
        for (int i = 0; i < BLOCK; i++) {
            byte key = i < 32 ? k[i] : 0;
            ipad[i] = (byte) (key ^ 0x36);
            opad[i] = (byte) (key ^ 0x5c);
        }
    }
}
