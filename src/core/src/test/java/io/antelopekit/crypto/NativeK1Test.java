package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.Checksum256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The optional native K1 recovery (libsecp256k1 through ACINQ's binding, on the test class path)
 * gives exactly Bouncy Castle's keys, and bad signatures still get Bouncy Castle's reasons.
 */
class NativeK1Test {

    @Test
    void theNativeLibraryLoadsHere() {
        // the binding is a test dependency (optional in the SDK) with natives for Linux, macOS, Windows
        assertThat(Signature.nativeRecovery()).isTrue();
    }

    @Test
    void nativeAndBouncyCastleRecoverTheSameKeyFromEverySignature() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        for (int i = 0; i < 300; i++) {
            Checksum256 digest = Checksum256.hash(("message " + i).getBytes(StandardCharsets.UTF_8));
            Signature sig = key.signDigest(digest);
            byte[] fast = NativeK1.recover(sig.data(), digest.bytes());
            ECPoint slow = Ecdsa.recover(Ecdsa.curve(KeyType.K1), sig.data(), 0, digest.bytes(), 27, new String[1]);
            assertThat(fast).as("signature %d", i).isEqualTo(slow.getEncoded(true));
            assertThat(sig.recover(digest)).isEqualTo(key.toPublic());
        }
    }

    @Test
    void aHighSSignatureAndEveryRecoveryIdAgreeToo() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        Checksum256 digest = Checksum256.hash(new byte[] {1, 2, 3});
        byte[] data = key.signDigest(digest).data();
        // flip s to n - s and the recovery id's parity: the same key, from a non-canonical signature
        java.math.BigInteger n = Ecdsa.curve(KeyType.K1).n;
        java.math.BigInteger s = new java.math.BigInteger(1, Arrays.copyOfRange(data, 33, 65));
        byte[] high = data.clone();
        byte[] ns = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, n.subtract(s));
        System.arraycopy(ns, 0, high, 33, 32);
        high[0] = (byte) (((data[0] & 0xFF) - 27 ^ 1) + 27);
        assertThat(NativeK1.recover(high, digest.bytes())).isEqualTo(key.toPublic().data());
        for (int header = 27; header <= 34; header++) {
            byte[] other = data.clone();
            other[0] = (byte) header;
            byte[] fast = NativeK1.recover(other, digest.bytes());
            ECPoint slow = Ecdsa.recover(Ecdsa.curve(KeyType.K1), other, 0, digest.bytes(), 27, new String[1]);
            assertThat(fast).as("header %d", header).isEqualTo(slow == null ? null : slow.getEncoded(true));
        }
    }

    @Test
    void aBrokenSignatureFallsBackToBouncyCastlesReason() {
        byte[] zeros = new byte[65];
        zeros[0] = 31;
        assertThat(NativeK1.recover(zeros, new byte[32])).isNull();
        Signature bad = Signature.of(KeyType.K1, zeros);
        assertThatThrownBy(() -> bad.recover(new byte[32])).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("r or s");
    }
}
