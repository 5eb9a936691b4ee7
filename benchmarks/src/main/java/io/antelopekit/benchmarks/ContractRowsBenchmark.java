package io.antelopekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.AbiType;
import io.antelopekit.benchmarks.contracts.Kittest;
import io.antelopekit.chain.BinaryReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding 10,000 rows of the devnet's kittest {@code items} table (KittestRows: names, a
 * float64, a checksum256, a uint128, strings, a list, an optional and a variant per row), each
 * benchmark one pass, reported per row:
 * <ul>
 *   <li>{@code generatedRecords}: the generated {@code Kittest.Item::decode}, straight from the
 *       bytes into records (what {@code ItemsTable.all()} does);</li>
 *   <li>{@code jsonNode}: the ABI to a {@code JsonNode} (what {@code Contract.table(name, scope)} gives);</li>
 *   <li>{@code abiToRecord}: the ABI to JSON, then Jackson into a plain record ({@code table(name, scope, Class)}).</li>
 * </ul>
 * The reference's case ({@code node benchmarks/node/contract.mjs --rows}) decodes the same rows
 * with WharfKit's {@code Serializer.decode}, as its ContractKit's table cursors do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContractRowsBenchmark {

    static final int ROWS = 10_000;

    /** A plain record of the row for the ABI and Jackson (the payload stays JSON). */
    public record ItemView(long id, String owner, double price, String hash, String rank, String label,
            List<String> tags, String note, JsonNode payload) {
    }

    private List<byte[]> rows;
    private AbiType item;

    @Setup
    public void setUp() {
        rows = KittestRows.binaryRows(ROWS);
        item = Kittest.abi().type("item");
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void generatedRecords(Blackhole bh) {
        for (byte[] row : rows) {
            bh.consume(Kittest.Item.decode(new BinaryReader(row)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void jsonNode(Blackhole bh) {
        for (byte[] row : rows) {
            bh.consume(item.decode(row));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void abiToRecord(Blackhole bh) {
        for (byte[] row : rows) {
            bh.consume(item.decode(row, ItemView.class));
        }
    }
}
