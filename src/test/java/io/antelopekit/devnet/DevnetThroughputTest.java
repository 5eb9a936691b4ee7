package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.PackedTransaction;
import io.antelopekit.chain.Transaction;
import io.antelopekit.chain.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Many signed transfers over HTTP, concurrently: all applied, balances exact, rate printed. */
class DevnetThroughputTest {

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    @Test
    @Disabled("flaky in a full run on 2 cores: one of 500 concurrent HTTP exchanges failed at the transport and"
            + " BlockHound hid the cause; throughput belongs in benchmarks/ (issue 5 stays open for this)")
    void fiveHundredConcurrentSignedTransfersAreAllApplied() {
        int n = 500;
        try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            PrivateKey alice = DevAccount.of("alice").privateKey();
            TransactionHeader header = node.header(300);
            long before = node.balance("bob", "EOS");
            List<PackedTransaction> trxs = IntStream.range(0, n).parallel()
                    .mapToObj(i -> node.sign(Transaction.of(header, DevnetHttp.transferAction("alice", "bob", "0.0001 EOS",
                            "tx " + i, DevAccount.of("alice").active())), alice))
                    .toList();
            // warm up (JIT) with the first transactions, then time the rest
            int warm = n / 4;
            StepVerifier.create(Flux.fromIterable(trxs.subList(0, warm))
                            .flatMap(p -> node.post("/v1/chain/send_transaction", p), 32)
                            .map(DevnetHttp.Resp::status).collectList())
                    .assertNext(s -> assertThat(s).containsOnly(202))
                    .expectComplete()
                    .verify(java.time.Duration.ofSeconds(120));
            List<Integer> statuses = new ArrayList<>();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            StepVerifier.create(Flux.fromIterable(trxs.subList(warm, n)).flatMap(p -> node.post("/v1/chain/send_transaction", p), 32).map(DevnetHttp.Resp::status).collectList())
                    .assertNext(statuses::addAll)
                    .expectComplete()
                    .verify(java.time.Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            System.out.printf("devnet: %d signed transfers over HTTP in %.2f s: %.0f tx/s; CPU of client and server:"
                    + " %.2f s, %.0f us per transaction (%d cores, load %.1f)%n", n - warm, seconds, (n - warm) / seconds, cpu,
                    cpu * 1e6 / (n - warm), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertThat(statuses).hasSize(n - warm).containsOnly(202);
            assertThat(node.balance("bob", "EOS")).isEqualTo(before + n);
            StepVerifier.create(devnet.produceBlock()).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
            assertThat(node.status(trxs.get(n - 1).id())).isEqualTo("IN_BLOCK");
        }
    }
}
