package io.antelopekit.benchmarks;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import java.util.List;
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

/** Packing a one-transfer transaction, computing its id, and signing it end to end. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransactionBenchmark {

    private Abi abi;
    private Action action;
    private TransactionHeader header;
    private Checksum256 chainId;
    private PrivateKey key;
    private long counter;

    @Setup
    public void setUp() {
        abi = Abi.fromJson(Fixtures.tokenAbiJson());
        action = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"),
                new Fixtures.Transfer("alice", "bob", "1.0000 EOS", "a benchmark memo"), abi);
        header = new TransactionHeader(TimePointSec.of(1_800_000_000L), 1234, 0x12345678L, 0, 0, 0);
        chainId = Checksum256.from(Fixtures.CHAIN_ID);
        key = PrivateKey.from(Fixtures.K1_KEY);
    }

    /** A fresh transaction each call (a new expiration, so nothing is cached), packed. */
    @Benchmark
    public byte[] pack() {
        return next().pack();
    }

    /** A fresh transaction, packed and hashed to its id. */
    @Benchmark
    public Checksum256 packAndId() {
        return next().id();
    }

    /** Encode the transfer from a record, pack, digest and sign: what a bot does per transfer. */
    @Benchmark
    public Signature encodePackDigestSign() {
        Action fresh = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"),
                new Fixtures.Transfer("alice", "bob", "1.0000 EOS", "memo " + counter), abi);
        Transaction trx = Transaction.builder().header(header).actions(List.of(fresh)).build();
        counter++;
        return key.signDigest(trx.signingDigest(chainId, List.of()));
    }

    private Transaction next() {
        counter++;
        return Transaction.builder()
                .header(header.withExpiration(TimePointSec.of(1_800_000_000L + counter)))
                .actions(List.of(action))
                .build();
    }
}
