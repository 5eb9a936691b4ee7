package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.DecodingException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SigningTest {

    private static final HexFormat HEX = HexFormat.of();

    private static ECDomainParameters domain(KeyType type) {
        Ecdsa.Curve c = Ecdsa.curve(type);
        return new ECDomainParameters(c.curve, c.g, c.n);
    }

    private static BigInteger r(Signature sig) {
        return new BigInteger(1, Arrays.copyOfRange(sig.data(), 1, 33));
    }

    private static BigInteger s(Signature sig) {
        return new BigInteger(1, Arrays.copyOfRange(sig.data(), 33, 65));
    }

    private static BigInteger secret(PrivateKey key) {
        return new BigInteger(1, Arrays.copyOf(Base58.decode(key.toSecretString(), 7), 32));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"K1", "R1"})
    void signVerifyRecoverRoundTripWithGeneratedKeys(KeyType type) {
        Random random = new Random(type.index());
        ECDomainParameters domain = domain(type);
        for (int i = 0; i < 40; i++) {
            PrivateKey key = PrivateKey.generate(type);
            PublicKey pub = key.toPublic();
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            Signature sig = key.sign(digest);
            assertThat(sig.type()).isEqualTo(type);
            assertThat(sig.data()).hasSize(65);
            assertThat(sig.data()[0] & 0xFF).isBetween(31, 34);
            assertThat(key.sign(digest)).isEqualTo(sig);
            assertThat(sig.verify(digest, pub)).isTrue();
            assertThat(pub.verify(digest, sig)).isTrue();
            assertThat(sig.recover(digest)).isEqualTo(pub);
            assertThat(Signature.from(sig.toString())).isEqualTo(sig);
            assertThat(Signature.decode(new BinaryReader(sig.toBytes()))).isEqualTo(sig);
            assertThat(s(sig)).isLessThanOrEqualTo(Ecdsa.curve(type).halfN);
            if (type == KeyType.K1) {
                assertThat(Ecdsa.isCanonical(sig.data())).isTrue();
            }

            ECDSASigner bc = new ECDSASigner();
            bc.init(false, new ECPublicKeyParameters(domain.getCurve().decodePoint(pub.data()), domain));
            assertThat(bc.verifySignature(digest, r(sig), s(sig))).as("Bouncy Castle accepts it").isTrue();

            byte[] other = digest.clone();
            other[0] ^= 1;
            assertThat(sig.verify(other, pub)).isFalse();
            assertThat(sig.recover(other)).isNotEqualTo(pub);
            assertThat(sig.verify(digest, PrivateKey.generate(type).toPublic())).isFalse();
        }
    }

    @Test
    void r1IsPlainRfc6979WithLowS() {
        Random random = new Random(6979);
        ECDomainParameters domain = domain(KeyType.R1);
        for (int i = 0; i < 20; i++) {
            PrivateKey key = PrivateKey.generate(KeyType.R1);
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            ECDSASigner bc = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            bc.init(true, new ECPrivateKeyParameters(secret(key), domain));
            BigInteger[] rs = bc.generateSignature(digest);
            BigInteger lowS = rs[1].min(domain.getN().subtract(rs[1]));
            Signature sig = key.sign(digest);
            assertThat(r(sig)).isEqualTo(rs[0]);
            assertThat(s(sig)).isEqualTo(lowS);
        }
    }

    /** RFC 6979 A.2.5, P-256 with SHA-256, message "sample"; its s is high, so we expect n - s. */
    @Test
    void rfc6979P256Sample() {
        PrivateKey key = PrivateKey.of(KeyType.R1,
                HEX.parseHex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721"));
        Signature sig = key.signDigest(Checksum256.hash("sample".getBytes()));
        assertThat(r(sig)).isEqualTo(new BigInteger("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716", 16));
        BigInteger s = new BigInteger("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8", 16);
        assertThat(s(sig)).isEqualTo(Ecdsa.R1.n.subtract(s));
        assertThat(key.toPublic().data()).isEqualTo(HEX.parseHex(
                "0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"));
    }

    @Test
    void k1MixesTheAttemptCounterIntoTheNonceEvenOnTheFirstAttempt() {
        PrivateKey key = PrivateKey.from(KeysTest.DEV_WIF);
        ECDomainParameters domain = domain(KeyType.K1);
        Random random = new Random(1);
        for (int i = 0; i < 5; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            ECDSASigner plain = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            plain.init(true, new ECPrivateKeyParameters(secret(key), domain));
            assertThat(r(key.sign(digest))).isNotEqualTo(plain.generateSignature(digest)[0]);
        }
    }

    @Test
    void highSSignaturesStillVerifyButSigningNeverMakesThem() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        byte[] digest = Checksum256.hash("high s".getBytes()).bytes();
        byte[] data = key.sign(digest).data();
        BigInteger high = Ecdsa.K1.n.subtract(new BigInteger(1, Arrays.copyOfRange(data, 33, 65)));
        BigIntegers.asUnsignedByteArray(high, data, 33, 32);
        data[0] = (byte) (((data[0] - 31) ^ 1) + 31);
        Signature highS = Signature.of(KeyType.K1, data);
        assertThat(highS.verify(digest, key.toPublic())).isTrue();
        assertThat(highS.recover(digest)).isEqualTo(key.toPublic());
    }

    @Test
    void recoveryAcceptsTheUncompressedHeadersLikeTheNode() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        byte[] digest = Checksum256.hash("27".getBytes()).bytes();
        byte[] data = key.sign(digest).data();
        data[0] -= 4;
        assertThat(Signature.of(KeyType.K1, data).recover(digest)).isEqualTo(key.toPublic());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 26, 35, 255})
    void recoveryRejectsOtherHeaders(int header) {
        PrivateKey key = PrivateKey.generate(KeyType.R1);
        byte[] digest = new byte[32];
        byte[] data = key.sign(digest).data();
        data[0] = (byte) header;
        Signature sig = Signature.of(KeyType.R1, data);
        assertThatThrownBy(() -> sig.recover(digest)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("header byte " + header).hasMessageContaining(sig.toString());
    }

    @Test
    void recoveryAndVerificationRejectZeroOrOversizedRAndS() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        byte[] digest = new byte[32];
        byte[] zeroR = key.sign(digest).data();
        Arrays.fill(zeroR, 1, 33, (byte) 0);
        assertThatThrownBy(() -> Signature.of(KeyType.K1, zeroR).recover(digest)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("outside 1..n-1");
        assertThat(Signature.of(KeyType.K1, zeroR).verify(digest, key.toPublic())).isFalse();
        byte[] bigS = key.sign(digest).data();
        Arrays.fill(bigS, 33, 65, (byte) 0xFF);
        assertThat(Signature.of(KeyType.K1, bigS).verify(digest, key.toPublic())).isFalse();
    }

    @Test
    void digestsMustBe32Bytes() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        Signature sig = key.sign(new byte[32]);
        assertThatThrownBy(() -> key.sign(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digest must be 32 bytes, got 31");
        assertThatThrownBy(() -> sig.recover(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sig.verify(new byte[0], key.toPublic())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesMustMatchToVerify() {
        PrivateKey k1 = PrivateKey.generate(KeyType.K1);
        Signature sig = k1.sign(new byte[32]);
        PublicKey sameBytesAsR1 = PublicKey.of(KeyType.R1, k1.toPublic().data());
        assertThat(sig.verify(new byte[32], sameBytesAsR1)).isFalse();
    }

    @Test
    void checksum256Overloads() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        Checksum256 digest = Checksum256.hash("overloads".getBytes());
        Signature sig = key.signDigest(digest);
        assertThat(sig).isEqualTo(key.sign(digest.bytes()));
        assertThat(sig.recover(digest)).isEqualTo(key.toPublic());
        assertThat(sig.verify(digest, key.toPublic())).isTrue();
        assertThat(key.toPublic().verify(digest, sig)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "SIG", "SIG_", "SIG_K1", "SIG_K3_abc", "sig_K1_abc", "SIG_K1_", "SIG_K1_0OIl",
        "SIG_K1_KgQYMnME3CYf51qUx2b7yrxgKbdQqC2v7mQE7VnkTupNNPW6VacR7LoYJ2WPPNFoWvqTGV4vkwF4TZoYgowctn8DrjgkLE",
        "SIG_R1_KgQYMnME3CYf51qUx2b7yrxgKbdQqC2v7mQE7VnkTupNNPW6VacR7LoYJ2WPPNFoWvqTGV4vkwF4TZoYgowctn8DrjgkLD",
        "SIG_K1_KgQYMnME3CYf51qUx2b7yrxgKbdQqC2v7mQE7VnkTupNNPW6VacR7LoYJ2WPPNFoWvqTGV4vkwF4TZoYgowctn8Drjgk",
        "SIG_WA_KgQYMnME3CYf51qUx2b7yrxgKbdQqC2v7mQE7VnkTupNNPW6VacR7LoYJ2WPPNFoWvqTGV4vkwF4TZoYgowctn8DrjgkLD"
    })
    void malformedSignaturesThrowNamingTheInput(String s) {
        assertThatThrownBy(() -> Signature.from(s)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("\"" + s + "\"");
    }

    @Test
    void signatureBytesAreChecked() {
        assertThatThrownBy(() -> Signature.of(KeyType.K1, new byte[64])).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("65 bytes, got 64");
        byte[] unknown = new byte[66];
        unknown[0] = 7;
        assertThatThrownBy(() -> Signature.decode(new BinaryReader(unknown))).isInstanceOf(DecodingException.class)
                .hasMessageContaining("unknown type index 7");
        assertThatThrownBy(() -> Signature.decode(new BinaryReader(new byte[40]))).isInstanceOf(DecodingException.class);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"K1", "R1"})
    void sharedSecretIsSymmetricSha512OfTheSharedX(KeyType type) {
        PrivateKey a = PrivateKey.generate(type);
        PrivateKey b = PrivateKey.generate(type);
        byte[] ab = a.sharedSecret(b.toPublic());
        assertThat(ab).hasSize(64).isEqualTo(b.sharedSecret(a.toPublic()));

        ECDomainParameters domain = domain(type);
        ECDHBasicAgreement ecdh = new ECDHBasicAgreement();
        ecdh.init(new ECPrivateKeyParameters(secret(a), domain));
        BigInteger x = ecdh.calculateAgreement(new ECPublicKeyParameters(domain.getCurve().decodePoint(b.toPublic().data()), domain));
        byte[] xb = BigIntegers.asUnsignedByteArray(x);
        SHA512Digest sha = new SHA512Digest();
        sha.update(xb, 0, xb.length);
        byte[] expected = new byte[64];
        sha.doFinal(expected, 0);
        assertThat(ab).isEqualTo(expected);

        KeyType otherType = type == KeyType.K1 ? KeyType.R1 : KeyType.K1;
        assertThatThrownBy(() -> a.sharedSecret(PrivateKey.generate(otherType).toPublic()))
                .isInstanceOf(InvalidKeyException.class);
    }
}
