package io.antelopekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiType;
import io.antelopekit.chain.BinaryWriter;
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

/** Encoding and decoding an eosio.token transfer through a compiled ABI. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AbiBenchmark {

    private Abi abi;
    private AbiType transfer;
    private Fixtures.Transfer record;
    private JsonNode json;
    private byte[] bytes;
    private final BinaryWriter reused = new BinaryWriter(64);

    @Setup
    public void setUp() {
        abi = Abi.fromJson(Fixtures.tokenAbiJson());
        transfer = abi.type("transfer");
        record = new Fixtures.Transfer("alice", "bob", "1.0000 EOS", "a benchmark memo");
        bytes = abi.encode("transfer", record);
        json = abi.decode("transfer", bytes);
    }

    /** Record to bytes through a resolved type handle: one output array per call. */
    @Benchmark
    public byte[] encodeRecord() {
        BinaryWriter out = new BinaryWriter(64);
        transfer.encode(record, out);
        return out.toByteArray();
    }

    /** Record to bytes into a reused writer: the allocation floor. */
    @Benchmark
    public int encodeRecordReusedWriter() {
        reused.reset();
        transfer.encode(record, reused);
        return reused.size();
    }

    /** Record to bytes through the convenience method that looks the type up by name. */
    @Benchmark
    public byte[] encodeRecordByName() {
        return abi.encode("transfer", record);
    }

    @Benchmark
    public byte[] encodeJson() {
        return abi.encode("transfer", json);
    }

    @Benchmark
    public JsonNode decodeJson() {
        return abi.decode("transfer", bytes);
    }
}
