package io.antelopekit.esr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Coverage-guided fuzzing (Jazzer) of everything that decodes untrusted input: bytes,
 * {@code esr:} links and identity proofs; see {@link DecodeChecks} for what each input must
 * satisfy.
 *
 * <p>Runs only when asked, because Jazzer's agent instruments every class loaded after it in the
 * shared test JVM (about a minute here): {@code JAZZER_FUZZ=1} fuzzes each method for its
 * {@code maxDuration}, {@code -Dantelopekit.jazzer=true} only replays the corpus. Every build
 * runs {@link SigningRequestMutationTest} instead.
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o test -Dtest='SigningRequestFuzzTest#decodeBytes' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>One method fuzzes per run (Jazzer skips the others). Fuzzing writes its corpus to
 * {@code .cifuzz-corpus/} and findings to {@code src/test/resources/io/antelopekit/esr/SigningRequestFuzzTestInputs/};
 * a finding committed there is replayed by every {@code -Dantelopekit.jazzer=true} run.
 */
@EnabledIf("enabled")
class SigningRequestFuzzTest {

    static boolean enabled() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        return (fuzz != null && !fuzz.isEmpty() && !fuzz.equals("0")) || Boolean.getBoolean("antelopekit.jazzer");
    }

    /** Key recovery and signing are slow (a few per millisecond): for one input in 64. */
    private static int level(int hash) {
        return (hash & 63) == 0 ? DecodeChecks.CRYPTO : DecodeChecks.HEAVY;
    }

    @FuzzTest(maxDuration = "30s")
    void decodeBytes(byte[] data) {
        if (data != null) {
            DecodeChecks.checkBytes(data, level(java.util.Arrays.hashCode(data)));
        }
    }

    /** 60 s: with a String parameter, Jazzer's first input takes 20-30 s on a loaded machine. */
    @FuzzTest(maxDuration = "60s")
    void decodeLink(String link) {
        if (link != null) {
            DecodeChecks.checkLink(link, level(link.hashCode()));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decodeIdentityProof(String proof) {
        if (proof != null) {
            DecodeChecks.checkProof(proof, level(proof.hashCode()));
        }
    }
}
