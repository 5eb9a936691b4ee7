package io.antelopekit.benchmarks;

import io.antelopekit.api.ChainClient;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactOptions;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * Transactions per second of {@code Session.transact}: a token transfer given as a map with the
 * signer placeholder, encoded through the session's ABI cache, TAPoS from its cached head, signed
 * by the private-key wallet and (with {@code broadcast=true}) sent to an embedded devnet on
 * 127.0.0.1 with {@code send_transaction2}. {@code concurrency} transacts are in flight at once
 * (1: one after the other). The {@code broadcast=false} rows measure the session's own work:
 * encoding, placeholders, hooks, TAPoS and signing, without the node.
 *
 * <p>One benchmark operation is one transaction ({@link #BATCH} per invocation). After each
 * iteration the process CPU time per transaction is printed; with a devnet in the same JVM it
 * includes the devnet, which verifies every signature.
 *
 * <p>With {@code -p url=...} the session uses a running chain (a devnet in another process, as
 * {@code side-by-side.sh} starts it) instead of a devnet in this JVM; every run's memos carry a
 * nonce of their own, so runs against the same chain never make the same transaction.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SessionTransactBenchmark
 * java -jar benchmarks/target/benchmarks.jar SessionTransactBenchmark -p concurrency=64 -p broadcast=true
 * java -jar benchmarks/target/benchmarks.jar SessionTransactBenchmark -p url=http://127.0.0.1:8888
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SessionTransactBenchmark {

    /** Transactions per benchmark invocation. */
    static final int BATCH = 256;

    @Param({"1", "64"})
    public int concurrency;

    @Param({"true", "false"})
    public boolean broadcast;

    /** The chain (its dev accounts' keys are the devnet's); empty: a devnet in this JVM. */
    @Param("")
    public String url;

    private Devnet devnet;
    private ChainClient client;
    private Session session;
    private TransactOptions options;
    private final AtomicLong counter = new AtomicLong();
    private final String nonce = Long.toHexString(System.nanoTime() ^ ProcessHandle.current().pid() << 40);
    private long cpuAtStart;
    private long countAtStart;

    @Setup(Level.Trial)
    public void start() {
        String chain = url;
        if (chain.isEmpty()) {
            devnet = Devnet.builder().host("127.0.0.1").start();
            chain = devnet.url();
        }
        client = ChainClient.builder().endpoint(chain).maxConnections(64)
                .responseTimeout(Duration.ofSeconds(60)).build();
        session = Session.builder()
                .chain(ChainDefinition.of(client.getInfo().block(Duration.ofSeconds(60)).chainId(), chain))
                .client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .build();
        options = TransactOptions.DEFAULT.withBroadcast(broadcast);
        // the ABI and the head are cached before measuring
        session.transact(transfer(), options).block(Duration.ofSeconds(60));
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.dispose();
        if (devnet != null) {
            devnet.stop();
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        cpuAtStart = processCpuNanos();
        countAtStart = counter.get();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long n = counter.get() - countAtStart;
        long cpu = processCpuNanos() - cpuAtStart;
        if (n > 0 && cpu >= 0) {
            System.out.printf(Locale.ROOT, "%n  process CPU per transaction: %.1f us (%d transactions)%n",
                    cpu / 1000.0 / n, n);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** A transfer with a memo of its own (this run's nonce and a counter), so every transaction has its own id. */
    private TransactArgs transfer() {
        return TransactArgs.of(ActionRequest.of("eosio.token", "transfer", Map.of(
                "from", "............1", "to", "bob", "quantity", "0.0001 EOS",
                "memo", "antelopekit " + nonce + " " + counter.incrementAndGet())));
    }

    /** {@link #BATCH} transacts, {@code concurrency} at a time. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long transact() {
        Long done = Flux.range(0, BATCH)
                .flatMap(i -> session.transact(transfer(), options), concurrency)
                .count()
                .block(Duration.ofMinutes(5));
        return done == null ? 0 : done;
    }
}
