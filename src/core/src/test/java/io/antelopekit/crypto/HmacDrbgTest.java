package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * {@link HmacDrbg} (on the JDK's SHA-256) against a plain HMAC-DRBG written from NIST SP 800-90A
 * on Bouncy Castle's HMAC: the same output for any seed, with and without personalization, over
 * several outputs.
 */
class HmacDrbgTest {

    /** The textbook generator: HMAC recomputed from the key every time. */
    private static final class Reference {
        private byte[] k = new byte[32];
        private byte[] v = new byte[32];

        Reference(byte[]... seed) {
            Arrays.fill(v, (byte) 1);
            update(seed);
        }

        private static byte[] hmac(byte[] key, byte[]... parts) {
            HMac mac = new HMac(new SHA256Digest());
            mac.init(new KeyParameter(key));
            for (byte[] p : parts) {
                mac.update(p, 0, p.length);
            }
            byte[] out = new byte[32];
            mac.doFinal(out, 0);
            return out;
        }

        private void update(byte[]... seed) {
            byte[] joined = concat(seed);
            k = hmac(k, v, new byte[] {0}, joined);
            v = hmac(k, v);
            if (joined.length == 0) {
                return;
            }
            k = hmac(k, v, new byte[] {1}, joined);
            v = hmac(k, v);
        }

        byte[] generate() {
            v = hmac(k, v);
            byte[] out = v.clone();
            update();
            return out;
        }

        private static byte[] concat(byte[]... parts) {
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            byte[] out = new byte[n];
            int off = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, off, p.length);
                off += p.length;
            }
            return out;
        }
    }

    @Test
    void sameOutputAsTheTextbookGenerator() {
        SplittableRandom random = new SplittableRandom(800_90);
        HmacDrbg drbg = new HmacDrbg();
        byte[] out = new byte[32];
        for (int i = 0; i < 2_000; i++) {
            byte[] entropy = new byte[32];
            byte[] nonce = new byte[32];
            random.nextBytes(entropy);
            random.nextBytes(nonce);
            int pers = i % 4 == 0 ? -1 : random.nextInt(256);
            Reference ref = pers < 0 ? new Reference(entropy, nonce) : new Reference(entropy, nonce, new byte[] {(byte) pers});
            drbg.init(entropy, nonce, pers);
            for (int j = 0; j < 3; j++) {
                drbg.generate(out);
                assertThat(out).as("seed %d, output %d", i, j).isEqualTo(ref.generate());
            }
        }
        drbg.wipe();
    }
}
