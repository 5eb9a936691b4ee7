package io.antelopekit.benchmarks;

import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * K1 and R1 signing and key recovery, beside plain Bouncy Castle deterministic ECDSA on the
 * same curves in the same run (the baseline: no canonical loop, no recovery id).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBenchmark {

    private PrivateKey k1;
    private PrivateKey r1;
    private byte[] digest;
    private Signature k1Signature;
    private PublicKey k1Public;
    private ECDSASigner bcK1;
    private ECDSASigner bcR1;
    private long counter;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        k1 = PrivateKey.from(Fixtures.K1_KEY);
        r1 = PrivateKey.generate(KeyType.R1);
        digest = MessageDigest.getInstance("SHA-256").digest("antelopekit".getBytes());
        k1Signature = k1.sign(digest);
        k1Public = k1.toPublic();
        bcK1 = bcSigner("secp256k1", new BigInteger(1, java.util.HexFormat.of()
                .parseHex("09b840e1300121fc54353548e9911fd21a5adbcdd2953a784e3a5f7963960fd3")));
        bcR1 = bcSigner("secp256r1", BigInteger.valueOf(0x1234_5678_9abcL).shiftLeft(150).add(BigInteger.ONE));
    }

    private static ECDSASigner bcSigner(String curve, BigInteger d) {
        X9ECParameters x9 = CustomNamedCurves.getByName(curve);
        ECDomainParameters params = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, params));
        return signer;
    }

    /** A different digest each call, so no signature is served from a cache. */
    private byte[] nextDigest() {
        long c = counter++;
        for (int i = 0; i < 8; i++) {
            digest[i] = (byte) (c >>> (8 * i));
        }
        return digest;
    }

    @Benchmark
    public Signature k1CanonicalSign() {
        return k1.sign(nextDigest());
    }

    @Benchmark
    public Signature r1Sign() {
        return r1.sign(nextDigest());
    }

    @Benchmark
    public PublicKey k1Recover() {
        return k1Signature.recover(digest);
    }

    @Benchmark
    public boolean k1Verify() {
        return k1Signature.verify(digest, k1Public);
    }

    @Benchmark
    public BigInteger[] bouncyCastleK1Sign() {
        return bcK1.generateSignature(nextDigest());
    }

    @Benchmark
    public BigInteger[] bouncyCastleR1Sign() {
        return bcR1.generateSignature(nextDigest());
    }
}
