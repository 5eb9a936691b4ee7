package io.antelopekit.benchmarks;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.ship.ShipActionTrace;
import io.antelopekit.stream.ship.ShipBlock;
import io.antelopekit.stream.ship.ShipClient;
import io.antelopekit.stream.ship.ShipRequest;
import io.antelopekit.stream.ship.ShipTransactionTrace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import reactor.core.publisher.Mono;

/**
 * Reading the same range of blocks that hold token transfers over the two sources, in one run
 * against one devnet (in this JVM, 20 ms blocks, its state history on): one operation reads every
 * block of the range with every action's data decoded through the token's ABI.
 * <ul>
 *   <li>{@code http}: a {@link BlockStream} polling {@code get_block} (8 blocks in flight), one
 *       {@link ActionEvent} per top-level action;</li>
 *   <li>{@code ship}: the {@link ShipClient} over the state history WebSocket (16 messages in
 *       flight), every action trace: the transfer and its two notifications.</li>
 * </ul>
 * Blocks a second = blocks / (ms an operation / 1000); the actions each source gives per pass are
 * printed at the start.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ShipReadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ShipReadBenchmark {

    /** How many blocks with transfers to fill and read. */
    @Param("1000")
    public int blocks;

    private Devnet devnet;
    private ChainClient client;
    private ShipClient ship;
    private long from;
    private long until;

    @Setup(Level.Trial)
    public void start() {
        devnet = Devnet.builder().host("127.0.0.1").blockInterval(Duration.ofMillis(20)).emptyBlocks(false)
                .historyBlocks(100_000).stateHistory(true).start();
        client = ChainClient.builder().endpoint(devnet.url()).responseTimeout(Duration.ofSeconds(60)).build();
        FillBlocks.Range r = FillBlocks.fill(devnet.url(), client, blocks);
        from = r.from();
        until = r.until();
        Map<Name, Mono<Optional<Abi>>> abis = new ConcurrentHashMap<>();
        ship = ShipClient.builder(devnet.stateHistoryUrl())
                .abis(account -> abis.computeIfAbsent(account, a -> client.abi(a).map(Optional::of).cache()))
                .build();
        System.out.printf("%n  reading blocks %d..%d (%d blocks): %d actions over HTTP, %d action traces over SHiP%n",
                from, until, until - from + 1, http(), ship());
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.dispose();
        devnet.stop();
    }

    /** Blocks {@code from..until} by get_block, each top-level action decoded; the actions. */
    @Benchmark
    public long http() {
        List<ActionEvent> events = BlockStream.builder(client).from(from).until(until).build()
                .actions(ActionFilter.all())
                .collectList()
                .block(Duration.ofMinutes(5));
        if (events.isEmpty() || !events.get(events.size() - 1).isDecoded()) {
            throw new IllegalStateException("the HTTP source gave no decoded action");
        }
        return events.size();
    }

    /** Blocks {@code from..until} over SHiP, each action trace decoded; the action traces. */
    @Benchmark
    public long ship() {
        List<ShipBlock> read = ship.blocks(ShipRequest.from(from).to(until + 1).withTraces(true))
                .collectList()
                .block(Duration.ofMinutes(5));
        long actions = 0;
        for (ShipBlock b : read) {
            for (ShipTransactionTrace t : b.traces()) {
                for (ShipActionTrace a : t.actionTraces()) {
                    if (!a.isDecoded()) {
                        throw new IllegalStateException("undecoded action trace in block " + b.num() + ": " + a);
                    }
                    actions++;
                }
            }
        }
        if (read.size() != until - from + 1) {
            throw new IllegalStateException("SHiP gave " + read.size() + " blocks of " + (until - from + 1));
        }
        return actions;
    }
}
