package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.test.BlockHoundSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Many signed transfers over HTTP, concurrently: all applied, balances exact. Also prints the
 * devnet's own CPU time per transaction (its event loop is one thread, so this is "per core").
 * Rates are not asserted here: they are measured in {@code benchmarks/} ({@code DevnetBenchmark}).
 */
@ExtendWith(BlockHoundSupport.class)
class DevnetThroughputTest {

    /** CPU time of each devnet event-loop thread alive now, in nanoseconds, by thread id. */
    static Map<Long, Long> devnetCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith("antelopekit-devnet-io")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    out.put(t.getThreadId(), cpu);
                }
            }
        }
        return out;
    }

    /**
     * The CPU the devnet threads used between two snapshots, summed over the threads in both: a
     * devnet of another test class that stops meanwhile takes its threads' time with it (the sum
     * of all threads once went down, -0.08 s, in a full run), and counts nothing here.
     */
    static long cpuBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            Long was = before.get(e.getKey());
            total += Math.max(0, e.getValue() - (was == null ? 0 : was));
        }
        return total;
    }

    @Test
    void aThousandConcurrentSignedTransfersAreAllApplied() {
        int n = 1000;
        try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            PrivateKey alice = DevAccount.of("alice").privateKey();
            TransactionHeader header = node.header(300);
            long before = node.balance("bob", "EOS");
            List<PackedTransaction> trxs = IntStream.range(0, n).parallel()
                    .mapToObj(i -> node.sign(Transaction.of(header, DevnetHttp.transferAction("alice", "bob", "0.0001 EOS",
                            "tx " + i, DevAccount.of("alice").active())), alice))
                    .toList();
            // the first quarter warms the JIT up; the rest is measured
            int warm = n / 4;
            List<Integer> warmStatuses = Flux.fromIterable(trxs.subList(0, warm))
                    .flatMap(p -> node.post("/v1/chain/send_transaction", p), 64)
                    .map(DevnetHttp.Resp::status).collectList().block(Duration.ofSeconds(120));
            assertThat(warmStatuses).hasSize(warm).containsOnly(202);
            Map<Long, Long> cpu0 = devnetCpuNanos();
            long t0 = System.nanoTime();
            // the test thread waits here (it is not a Reactor thread): no busy polling that would load the machine
            List<Integer> statuses = Flux.fromIterable(trxs.subList(warm, n))
                    .flatMap(p -> node.post("/v1/chain/send_transaction", p), 64)
                    .map(DevnetHttp.Resp::status).collectList().block(Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuBetween(cpu0, devnetCpuNanos()) / 1e9;
            int measured = n - warm;
            System.out.printf("devnet: %d signed transfers over HTTP in %.2f s (%.0f tx/s wall, client on the same"
                    + " machine); the devnet's event loop used %.3f s CPU: %.0f us per transaction, %.0f tx/s per core"
                    + " (load %.1f)%n", measured, seconds, measured / seconds, cpu, cpu * 1e6 / measured,
                    cpu > 0 ? measured / cpu : Double.NaN, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertThat(statuses).hasSize(measured).containsOnly(202);
            assertThat(node.balance("bob", "EOS")).isEqualTo(before + n);
            assertThat(cpu).as("the devnet's threads did the work").isPositive();
            StepVerifier.create(devnet.produceBlock()).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
            assertThat(node.status(trxs.get(n - 1).id())).isEqualTo("IN_BLOCK");
        }
    }
}
