package io.antelopekit.benchmarks;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import io.antelopekit.esr.VerifiedIdentity;
import io.antelopekit.crypto.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * Identity proofs on the service side: reading one from its {@code EOSIO ...} string and
 * recovering the key that signed it (the part without I/O), and the whole
 * {@link IdentityProofVerifier#verify} against an in-process devnet, which also fetches the
 * signer's account with {@code get_account} over HTTP on 127.0.0.1 and checks the key's weight.
 * The replay check is left out of the loop (a store that accepts every proof), since the same
 * proof is verified again and again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdentityProofBenchmark {

    private Devnet devnet;
    private ChainClient client;
    private IdentityProofVerifier verifier;
    private String proofText;
    private IdentityProof proof;

    @Setup
    public void setUp() {
        devnet = Devnet.builder().manualBlockProduction().start();
        client = ChainClient.builder().endpoint(devnet.url()).build();
        Name scope = Name.from("bench");
        PermissionLevel alice = PermissionLevel.from("alice@active");
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId()).identityScope(scope).build();
        TimePointSec expiration = TimePointSec.of(Instant.now().getEpochSecond() + 3_000);
        ResolvedSigningRequest resolved = request.resolve(Map.of(), alice, TaposContext.explicit(expiration, 0, 0));
        proof = resolved.identityProof(DevAccount.of("alice").privateKey().signDigest(resolved.signingDigest()));
        proofText = proof.toString();
        verifier = IdentityProofVerifier.builder().chain(devnet.chainId(), client).scope(scope)
                .maxLifetime(Duration.ofHours(2)).replayStore((key, expiresAt) -> Mono.just(true)).build();
        VerifiedIdentity check = verifier.verify(proof).block(Duration.ofSeconds(30));
        if (check == null || !check.permission().equals(alice)) {
            throw new IllegalStateException("the benchmark's proof does not verify: " + check);
        }
    }

    @TearDown
    public void tearDown() {
        client.dispose();
        devnet.stop();
    }

    /** {@code IdentityProof.from(text)} and the recovery of its key: CPU only. */
    @Benchmark
    public PublicKey decodeAndRecover() {
        return IdentityProof.from(proofText).recoverKey();
    }

    /** The full check, with a {@code get_account} round trip to the devnet. */
    @Benchmark
    public VerifiedIdentity verifyAgainstDevnet() {
        return verifier.verify(proof).block(Duration.ofSeconds(30));
    }
}
