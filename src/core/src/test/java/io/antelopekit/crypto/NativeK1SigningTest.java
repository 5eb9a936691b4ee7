package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * K1 signing with R = k·G on libsecp256k1 ({@link NativeK1#multiplier()}) gives exactly the
 * signatures of the Bouncy Castle path: on the reference's vectors and on random keys and
 * digests. The self-check refuses a multiplier that is wrong, and
 * {@code -Dantelopekit.crypto.native=false} keeps K1 in pure Java.
 */
class NativeK1SigningTest {

    private static final HexFormat HEX = HexFormat.of();
    /**
     * Random signatures compared by {@link #nativeAndJavaAgreeOnRandomKeysAndDigests}: 10,000 by
     * default (about a second), {@code -Dantelopekit.test.k1RandomSignatures=100000} for more.
     */
    private static final int RANDOM_SIGNATURES = Integer.getInteger("antelopekit.test.k1RandomSignatures", 10_000);

    private static byte[] secret(PrivateKey key) {
        return Arrays.copyOf(Base58.decode(key.toSecretString(), 7), 32);
    }

    private static Ecdsa.GeneratorMultiplier nativeMultiplier() {
        Ecdsa.GeneratorMultiplier m = NativeK1.multiplier();
        assertThat(m).as("the native multiplier (the binding is a test dependency)").isNotNull();
        return m;
    }

    @Test
    void nativeSigningIsOnHere() {
        assertThat(PrivateKey.nativeSigning()).isTrue();
        assertThat(Signature.nativeRecovery()).isTrue();
        assertThat(NativeK1.enabled(System.getProperty(NativeK1.PROPERTY))).isTrue();
    }

    @Test
    void everyK1SignatureVectorIsTheSameOnBothPaths() throws IOException {
        Path file = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors")).resolve("signatures.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode row = json.readTree(line);
                if ("K1".equals(row.get("key_type").asText())) {
                    rows.add(row);
                }
            }
        }
        assertThat(rows).as("K1 rows of " + file).hasSizeGreaterThan(50);
        Ecdsa.GeneratorMultiplier real = nativeMultiplier();
        AtomicInteger calls = new AtomicInteger();
        Ecdsa.GeneratorMultiplier counted = k -> {
            calls.incrementAndGet();
            return real.multiply(k);
        };
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            PrivateKey key = PrivateKey.from(row.get("private_key").asText());
            byte[] raw = secret(key);
            BigInteger d = new BigInteger(1, raw);
            byte[] digest = HEX.parseHex(row.get("digest_hex").asText());
            byte[] expected = HEX.parseHex(row.get("signature_data_hex").asText());
            int before = calls.get();
            byte[] fast = Ecdsa.sign(Ecdsa.K1, d, raw, digest, counted);
            assertThat(calls.get()).as("vector %d went through libsecp256k1", i).isGreaterThan(before);
            byte[] slow = Ecdsa.sign(Ecdsa.K1, d, raw, digest, null);
            assertThat(fast).as("vector %d, native", i).isEqualTo(expected);
            assertThat(slow).as("vector %d, Bouncy Castle", i).isEqualTo(expected);
            assertThat(key.sign(digest).data()).as("vector %d, PrivateKey.sign", i).isEqualTo(expected);
        }
        // the vectors include signatures that needed more than one nonce
        assertThat(calls.get()).isGreaterThan(rows.size());
    }

    @Test
    void nativeAndJavaAgreeOnRandomKeysAndDigests() {
        Ecdsa.GeneratorMultiplier real = nativeMultiplier();
        SplittableRandom random = new SplittableRandom(20);
        byte[] raw = new byte[32];
        byte[] digest = new byte[32];
        long nativeNanos = 0;
        long javaNanos = 0;
        for (int i = 0; i < RANDOM_SIGNATURES; i++) {
            BigInteger d;
            do {
                random.nextBytes(raw);
                d = Ecdsa.scalar(Ecdsa.K1, raw);
            } while (d == null);
            random.nextBytes(digest);
            long t0 = System.nanoTime();
            byte[] fast = Ecdsa.sign(Ecdsa.K1, d, raw, digest, real);
            long t1 = System.nanoTime();
            byte[] slow = Ecdsa.sign(Ecdsa.K1, d, raw, digest, null);
            javaNanos += System.nanoTime() - t1;
            nativeNanos += t1 - t0;
            if (!Arrays.equals(fast, slow)) {
                // the index only: the key is random but still a key
                assertThat(fast).as("random signature %d of %d", i, RANDOM_SIGNATURES).isEqualTo(slow);
            }
        }
        System.out.printf("K1 signing, %d random keys and digests: native %.1f µs, Bouncy Castle %.1f µs per signature%n",
                RANDOM_SIGNATURES, nativeNanos / 1e3 / RANDOM_SIGNATURES, javaNanos / 1e3 / RANDOM_SIGNATURES);
    }

    @Test
    void theSelfCheckAcceptsTheLibraryAndRefusesABrokenMultiplier() {
        Ecdsa.GeneratorMultiplier real = nativeMultiplier();
        assertThat(NativeK1.signsLikeBouncyCastle(real)).isTrue();
        // Bouncy Castle's own point, in the multiplier's format: the check's reference agrees with it
        assertThat(NativeK1.signsLikeBouncyCastle(NativeK1SigningTest::bouncyCastlePoint)).isTrue();

        assertThat(NativeK1.signsLikeBouncyCastle(k -> {
            byte[] p = real.multiply(k);
            p[64] ^= 1; // the wrong parity of y: a wrong recovery id
            return p;
        })).as("wrong y parity").isFalse();
        assertThat(NativeK1.signsLikeBouncyCastle(k -> {
            byte[] p = real.multiply(k);
            p[32] ^= 1; // a wrong x: a wrong r
            return p;
        })).as("wrong x").isFalse();
        assertThat(NativeK1.signsLikeBouncyCastle(k -> {
            byte[] next = k.clone();
            next[31]++; // the point of another nonce
            return real.multiply(next);
        })).as("another nonce's point").isFalse();
        assertThat(NativeK1.signsLikeBouncyCastle(k -> null)).as("no answer").isFalse();
        assertThat(NativeK1.signsLikeBouncyCastle(k -> Arrays.copyOf(real.multiply(k), 33))).as("a short point").isFalse();
        assertThat(NativeK1.signsLikeBouncyCastle(k -> {
            throw new IllegalStateException("broken");
        })).as("an exception").isFalse();
    }

    /** The check's digests cover what NativeK1 says they do, so the check means something. */
    @Test
    void theSelfCheckSignaturesCoverRetriesHighSAndBothParities() {
        Ecdsa.GeneratorMultiplier real = nativeMultiplier();
        byte[] key = new byte[32];
        key[31] = 7;
        boolean retried = false;
        boolean flipped = false;
        boolean even = false;
        boolean odd = false;
        for (int i = 1; i <= 4; i++) {
            byte[] digest = new byte[32];
            digest[31] = (byte) i;
            List<byte[]> points = new ArrayList<>();
            byte[] sig = Ecdsa.sign(Ecdsa.K1, BigInteger.valueOf(7), key, digest, k -> {
                byte[] p = real.multiply(k);
                points.add(p);
                return p;
            });
            retried |= points.size() > 1;
            boolean yOdd = (points.get(points.size() - 1)[64] & 1) != 0;
            even |= !yOdd;
            odd |= yOdd;
            flipped |= (((sig[0] & 0xFF) - 31) & 1) != (yOdd ? 1 : 0);
        }
        assertThat(retried).as("a rejected nonce").isTrue();
        assertThat(flipped).as("a high s made low").isTrue();
        assertThat(even).as("an even y").isTrue();
        assertThat(odd).as("an odd y").isTrue();
    }

    @Test
    void thePropertyFalseKeepsK1InJava() throws Exception {
        assertThat(NativeK1.enabled(null)).isTrue();
        assertThat(NativeK1.enabled("true")).isTrue();
        assertThat(NativeK1.enabled("")).isTrue();
        assertThat(NativeK1.enabled("false")).isFalse();
        assertThat(NativeK1.enabled(" FALSE ")).isFalse();

        String expected = HEX.formatHex(PrivateKey.from(KeysTest.DEV_WIF).sign(NativeK1Probe.DIGEST).data());
        assertThat(probe("-D" + NativeK1.PROPERTY + "=false"))
                .isEqualTo("signing=false recovery=false signature=" + expected);
        // the same child without the property: native, same signature (so the line above can fail)
        assertThat(probe("-D" + NativeK1.PROPERTY + "=true"))
                .isEqualTo("signing=true recovery=true signature=" + expected);
    }

    /** Runs {@link NativeK1Probe} in a new JVM with the test class path; its one line of output. */
    private static String probe(String property) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), property, "-cp", System.getProperty("java.class.path"),
                NativeK1Probe.class.getName()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static byte[] bouncyCastlePoint(byte[] k) {
        return Ecdsa.affine(Ecdsa.K1.g.multiply(new BigInteger(1, k))).getEncoded(false);
    }
}
