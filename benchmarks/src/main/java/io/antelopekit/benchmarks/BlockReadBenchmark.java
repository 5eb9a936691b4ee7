package io.antelopekit.benchmarks;

import io.antelopekit.api.ChainClient;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and decoding a range of blocks that hold token transfers: one operation is a
 * {@link BlockStream} from block {@code from} to block {@code until} (irreversible), every action
 * of every executed transaction emitted as an {@link ActionEvent} with its data decoded through the
 * contract's ABI (fetched once per stream with {@code get_raw_abi}). The stream keeps its default
 * {@link BlockStream#DEFAULT_PREFETCH} blocks in flight.
 *
 * <p>With {@code -p url=...} it reads a running chain ({@code side-by-side.sh} fills a devnet
 * with {@link FillBlocks} and passes the range); without, it starts a devnet in this JVM (20 ms
 * blocks) and fills {@code blocks} blocks first.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BlockReadBenchmark
 * java -jar benchmarks/target/benchmarks.jar BlockReadBenchmark -p url=http://127.0.0.1:8888 -p from=12 -p until=1011
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class BlockReadBenchmark {

    /** The chain to read; empty: a devnet in this JVM, filled first. */
    @Param("")
    public String url;

    /** The first block (with {@code url}). */
    @Param("0")
    public long from;

    /** The last block (with {@code url}). */
    @Param("0")
    public long until;

    /** Without {@code url}: how many blocks to fill. */
    @Param("1000")
    public int blocks;

    private Devnet devnet;
    private ChainClient client;

    @Setup(Level.Trial)
    public void start() {
        String chain = url;
        if (chain.isEmpty()) {
            devnet = Devnet.builder().host("127.0.0.1").blockInterval(Duration.ofMillis(20)).emptyBlocks(false)
                    .historyBlocks(100_000)
                    .start();
            chain = devnet.url();
        }
        client = ChainClient.builder().endpoint(chain).responseTimeout(Duration.ofSeconds(60)).build();
        if (devnet != null) {
            FillBlocks.Range r = FillBlocks.fill(chain, client, blocks);
            from = r.from();
            until = r.until();
        }
        if (from < 1 || until < from) {
            throw new IllegalArgumentException("give the block range: -p from=N -p until=M (got " + from + ".." + until + ")");
        }
        System.out.printf("%n  reading blocks %d..%d (%d blocks) of %s%n", from, until, until - from + 1, chain);
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.dispose();
        if (devnet != null) {
            devnet.stop();
        }
    }

    /** Blocks {@code from..until}, each action decoded; fails unless every block had a decoded action. */
    @Benchmark
    public int readBlocks() {
        List<ActionEvent> events = BlockStream.builder(client).from(from).until(until).build()
                .actions(ActionFilter.all())
                .collectList()
                .block(Duration.ofMinutes(5));
        long blocksSeen = 0;
        long last = -1;
        boolean decoded = true;
        for (ActionEvent e : events) {
            if (e.blockNum() != last) {
                blocksSeen++;
                last = e.blockNum();
            }
            decoded &= e.isDecoded();
        }
        if (blocksSeen != until - from + 1 || !decoded) {
            throw new IllegalStateException("expected a decoded action in each of blocks " + from + ".." + until
                    + ", got " + events.size() + " events in " + blocksSeen + " blocks");
        }
        return events.size();
    }
}
