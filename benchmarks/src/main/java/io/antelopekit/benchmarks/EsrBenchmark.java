package io.antelopekit.benchmarks;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing requests of one eosio.token transfer (placeholders for the signer, a background
 * callback): building and encoding a compressed {@code esr://} link, decoding it, and resolving
 * it for a signer (placeholders replaced through the ABI, TAPoS values filled in, digest).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EsrBenchmark {

    private Abi abi;
    private Action transfer;
    private Checksum256 chainId;
    private String link;
    private SigningRequest request;
    private Map<Name, Abi> abis;
    private PermissionLevel signer;
    private TaposContext context;

    @Setup
    public void setUp() {
        abi = Abi.fromJson(Fixtures.tokenAbiJson());
        transfer = Action.of("eosio.token", "transfer", SigningRequest.PLACEHOLDER_AUTH,
                new Fixtures.Transfer("............1", "bob", "1.0000 EOS", "a benchmark memo"), abi);
        chainId = Checksum256.from(Fixtures.CHAIN_ID);
        request = build();
        link = request.encode();
        abis = Map.of(Name.from("eosio.token"), abi);
        signer = PermissionLevel.from("alice@active");
        context = TaposContext.of(TimePointSec.from("2024-05-01T12:00:00"), 120, 123_456_789L, 3_735_928_559L);
    }

    private SigningRequest build() {
        return SigningRequest.builder()
                .chainId(chainId)
                .action(transfer)
                .callback("https://example.com/signed?tx={{tx}}&sig={{sig}}", true)
                .build();
    }

    /** Builder to a compressed link (a new request each time, so nothing is cached). */
    @Benchmark
    public String encodeCompressed() {
        return build().encode();
    }

    /** Builder to an uncompressed link. */
    @Benchmark
    public String encodeUncompressed() {
        return build().encode(false);
    }

    /** A compressed link to a request (base64url, inflate, decode). */
    @Benchmark
    public SigningRequest decode() {
        return SigningRequest.from(link);
    }

    /** Resolving for a signer: decode the data through the ABI, replace placeholders, re-encode, digest. */
    @Benchmark
    public Checksum256 resolve() {
        ResolvedSigningRequest resolved = request.resolve(abis, signer, context);
        return resolved.signingDigest();
    }

    /** What a wallet does with a link: decode and resolve. */
    @Benchmark
    public Checksum256 decodeAndResolve() {
        return SigningRequest.from(link).resolve(abis, signer, context).signingDigest();
    }
}
