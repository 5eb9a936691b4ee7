package io.antelopekit.benchmarks;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;

/**
 * How many signed token transfers the embedded devnet applies per second, with every signature
 * recovered and checked against the sender's permission. A plain harness (not JMH): the unit is
 * a whole HTTP exchange through {@code ChainClient.sendTransaction}.
 *
 * <p>The devnet runs on one event-loop thread ({@code Devnet.DEFAULT_IO_THREADS}), so its CPU
 * time per transaction, read from that thread, is the cost on one core; {@code 1 s / that} is
 * its rate per core whatever the client on the same machine costs. The wall-clock rate is
 * printed too, but on a small machine it includes the client's own work.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.DevnetThroughput [transactions]
 * </pre>
 */
public final class DevnetThroughput {

    private DevnetThroughput() {
    }

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
        Abi token = Abi.fromJson(Fixtures.tokenAbiJson());
        try (Devnet devnet = Devnet.builder().genesis(Genesis.defaults()).manualBlockProduction().start()) {
            ChainClient client = ChainClient.builder().endpoint(devnet.url()).responseTimeout(Duration.ofSeconds(60))
                    .broadcastRetry(RetryPolicy.none()).build();
            ChainInfo info = client.getInfo().block(Duration.ofSeconds(30));
            TransactionHeader header = TransactionHeader.of(
                    TimePointSec.of(info.headBlockTime().micros() / 1_000_000L + 3000), info.lastIrreversibleBlockId());
            DevAccount alice = DevAccount.of("alice");
            long t0 = System.nanoTime();
            List<PackedTransaction> trxs = IntStream.range(0, total).parallel()
                    .mapToObj(i -> Transaction.of(header, Action.of("eosio.token", "transfer", alice.active(),
                                    new Fixtures.Transfer("alice", "bob", "0.0001 EOS", "bench " + i), token))
                            .sign(devnet.chainId(), alice.privateKey()).pack(Compression.NONE))
                    .toList();
            System.out.printf(Locale.ROOT, "signed %d transfers in %.1f s (client side, all cores)%n", total,
                    (System.nanoTime() - t0) / 1e9);
            int at = 0;
            int warm = total / 6;
            run("warm-up", client, trxs.subList(at, at += warm), 64);
            int serial = Math.min(1000, total / 12);
            run("concurrency 1", client, trxs.subList(at, at += serial), 1);
            run("concurrency 64", client, trxs.subList(at, total), 64);
            client.dispose();
        }
    }

    private static void run(String name, ChainClient client, List<PackedTransaction> trxs, int concurrency) {
        long cpu0 = devnetCpuNanos();
        long t0 = System.nanoTime();
        long ok = Flux.fromIterable(trxs).flatMap(client::sendTransaction, concurrency).count()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuUs = (devnetCpuNanos() - cpu0) / 1e3 / trxs.size();
        System.out.printf(Locale.ROOT, "%-15s %6d applied in %6.2f s: %7.0f tx/s wall; devnet thread %6.0f us CPU"
                + " per transaction = %6.0f tx/s per core%n", name, ok, seconds, ok / seconds, cpuUs, 1e6 / cpuUs);
    }

    private static long devnetCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith("antelopekit-devnet-io")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }
}
