package io.antelopekit.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * HMAC-SHA256 DRBG (NIST SP 800-90A) as RFC 6979 uses it, seeded with
 * {@code entropy || nonce || personalization} and re-keyed after every output, exactly like the
 * {@code hmac-drbg} package the reference's {@code elliptic} signs with. One instance produces
 * the nonce candidates of the signing attempts for one digest; it reuses its digests and
 * buffers across {@link #init re-instantiations} and wipes its state in {@link #wipe()}.
 */
final class HmacDrbg {

    private static final int BLOCK = 64;
    private static final byte[] ZERO = {0};
    private static final byte[] ONE = {1};

    private final SHA256Digest inner = new SHA256Digest();
    private final SHA256Digest outer = new SHA256Digest();
    private final SHA256Digest innerKeyed = new SHA256Digest();
    private final SHA256Digest outerKeyed = new SHA256Digest();
    private final byte[] k = new byte[32];
    private final byte[] v = new byte[32];
    private final byte[] pad = new byte[BLOCK];
    private final byte[] tmp = new byte[32];

    private final byte[] persByte = new byte[1];

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
        hmac(v, null, null, null, v);
        System.arraycopy(v, 0, out, 0, 32);
        update(null, null, null);
    }

    void wipe() {
        Arrays.fill(k, (byte) 0);
        Arrays.fill(v, (byte) 0);
        Arrays.fill(pad, (byte) 0);
        Arrays.fill(tmp, (byte) 0);
        persByte[0] = 0;
        inner.reset();
        outer.reset();
        innerKeyed.reset();
        outerKeyed.reset();
    }

    private void update(byte[] a, byte[] b, byte[] c) {
        boolean seeded = a != null;
        hmacWithSeparator(ZERO, a, b, c, k);
        rekey();
        hmac(v, null, null, null, v);
        if (!seeded) {
            return;
        }
        hmacWithSeparator(ONE, a, b, c, k);
        rekey();
        hmac(v, null, null, null, v);
    }

    /** {@code out = HMAC_K(V || sep || a || b || c)}. */
    private void hmacWithSeparator(byte[] sep, byte[] a, byte[] b, byte[] c, byte[] out) {
        inner.reset(innerKeyed);
        inner.update(v, 0, 32);
        inner.update(sep, 0, 1);
        feed(a);
        feed(b);
        feed(c);
        finish(out);
    }

    /** {@code out = HMAC_K(x)}; {@code out} may be {@code x}. */
    private void hmac(byte[] x, byte[] a, byte[] b, byte[] c, byte[] out) {
        inner.reset(innerKeyed);
        inner.update(x, 0, x.length);
        feed(a);
        feed(b);
        feed(c);
        finish(out);
    }

    private void feed(byte[] x) {
        if (x != null) {
            inner.update(x, 0, x.length);
        }
    }

    private void finish(byte[] out) {
        inner.doFinal(tmp, 0);
        outer.reset(outerKeyed);
        outer.update(tmp, 0, 32);
        outer.doFinal(out, 0);
    }

    /** Precomputes the inner and outer digest states for the current key K. */
    private void rekey() {
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) ((i < 32 ? k[i] : 0) ^ 0x36);
        }
        innerKeyed.reset();
        innerKeyed.update(pad, 0, BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) ((i < 32 ? k[i] : 0) ^ 0x5c);
        }
        outerKeyed.reset();
        outerKeyed.update(pad, 0, BLOCK);
    }
}
