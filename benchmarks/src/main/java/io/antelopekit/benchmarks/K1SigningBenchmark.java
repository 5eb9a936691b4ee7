package io.antelopekit.benchmarks;

import fr.acinq.secp256k1.Secp256k1;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * K1 canonical signing (reference-exact: RFC 6979 nonce derived in Java, retried until
 * canonical) with R = k·G on libsecp256k1, the same with the native path turned off
 * ({@code -Dantelopekit.crypto.native=false}: Bouncy Castle), and libsecp256k1's own
 * {@code secp256k1_ecdsa_sign} (its own nonce, no canonical loop: the floor) on the same key and
 * the same sequence of digests.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar K1SigningBenchmark -wi 3 -i 5 -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class K1SigningBenchmark {

    /** The scalar of the benchmarks' test key: never use it for anything real. */
    private static final byte[] RAW = HexFormat.of().parseHex("09b840e1300121fc54353548e9911fd21a5adbcdd2953a784e3a5f7963960fd3");
    private static final int DIGESTS = 1024;

    private PrivateKey key;
    private byte[][] digests;
    private Secp256k1 secp;
    private int next;

    @Setup
    public void setUp(BenchmarkParams params) {
        key = PrivateKey.of(KeyType.K1, RAW);
        SplittableRandom random = new SplittableRandom(6979);
        digests = new byte[DIGESTS][32];
        for (byte[] d : digests) {
            random.nextBytes(d);
        }
        secp = Secp256k1.get();
        // measure what the name says: fail rather than time the other path
        String name = params.getBenchmark();
        if (name.endsWith(".k1SignNative") && !PrivateKey.nativeSigning()) {
            throw new IllegalStateException("native K1 signing is not available in this JVM");
        }
        if (name.endsWith(".k1SignJava") && PrivateKey.nativeSigning()) {
            throw new IllegalStateException("-Dantelopekit.crypto.native=false did not reach this JVM");
        }
    }

    private byte[] nextDigest() {
        byte[] d = digests[next];
        next = (next + 1) & (DIGESTS - 1);
        return d;
    }

    /** Our API with the native path: {@code PrivateKey.sign}. */
    @Benchmark
    public Signature k1SignNative() {
        return key.sign(nextDigest());
    }

    /** Our API with the native path turned off: all Bouncy Castle. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dantelopekit.crypto.native=false")
    public Signature k1SignJava() {
        return key.sign(nextDigest());
    }

    /** libsecp256k1's own signature (r, s; low s; not the reference's nonce, not canonical-checked). */
    @Benchmark
    public byte[] libsecp256k1Sign() {
        return secp.sign(nextDigest(), RAW);
    }
}
