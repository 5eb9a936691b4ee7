package io.antelopekit.devnet;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.test.BlockHoundSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transaction CPU limit the devnet advertises is the one it enforces: a transaction is
 * billed by its work (the same transaction always costs the same), and one billed over the
 * chain's {@code max_transaction_cpu_usage} (150 ms, three quarters of the {@code block_cpu_limit}
 * of {@code get_info}) or over its header's {@code max_cpu_usage_ms} is refused with the node's
 * {@code tx_cpu_usage_exceeded}, its changes undone; ordinary transactions and batches pass.
 */
@ExtendWith(BlockHoundSupport.class)
class DevnetCpuLimitTest {

    static final PrivateKey ALICE = DevAccount.of("alice").privateKey();
    /** A token transfer runs three actions: the contract's and the two notifications. */
    static final long TRANSFER_CPU = 3 * Chain.CPU_US_PER_ACTION;

    static Devnet devnet;
    static DevnetHttp node;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
    }

    @AfterAll
    static void stop() {
    }

    static Transaction transfers(TransactionHeader header, int n) {
        List<Action> actions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            actions.add(DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "", DevAccount.of("alice").active()));
        }
        return Transaction.of(header, actions);
    }

    static PackedTransaction zlib(Transaction t) {
        return t.sign(devnet.chainId(), ALICE).pack(Compression.ZLIB);
    }

    /** The transfers' billed CPU: the transaction's part and three actions per transfer. */
    static long cpuOf(int transfers) {
        return Chain.CPU_US_PER_TRANSACTION + transfers * TRANSFER_CPU;
    }

    static void assertRefusedForCpu(DevnetHttp.Resp r, PackedTransaction p, long billed, String reason) {
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body().path("code").asInt()).isEqualTo(500);
        assertThat(r.body().path("message").asText()).isEqualTo("Internal Service Error");
        JsonNode e = r.body().path("error");
        assertThat(e.path("code").asLong()).isEqualTo(3080004);
        assertThat(e.path("name").asText()).isEqualTo("tx_cpu_usage_exceeded");
        assertThat(e.path("what").asText())
                .isEqualTo("Transaction exceeded the current CPU usage limit imposed on the transaction");
        assertThat(r.errorMessage()).isEqualTo("transaction " + p.id() + " was executing for too long " + billed
                + "us " + reason);
        assertThat(e.path("details").path(0).path("file").asText()).isEqualTo("transaction_context.cpp");
        assertThat(e.path("details").path(0).path("method").asText()).isEqualTo("checktime");
    }

    @Test
    void getInfoAdvertisesTheBlockLimitsTheTransactionLimitIsDerivedFrom() {
        JsonNode info = node.info();
        assertThat(info.get("block_cpu_limit").asLong()).isEqualTo(200_000);
        assertThat(info.get("block_net_limit").asLong()).isEqualTo(1_048_576);
        assertThat(Devnet.DEFAULT_MAX_TRANSACTION_CPU_USAGE).isEqualTo(150_000);
        assertThat(Devnet.DEFAULT_MAX_TRANSACTION_NET_USAGE).isEqualTo(524_288);
    }

    @Test
    void aTransferIsBilledTheSameCpuEveryTimeAndPasses() {
        for (int i = 0; i < 3; i++) {
            DevnetHttp.Resp r = node.send(node.transfer("alice", "bob", "0.0001 EOS", "cpu " + i, ALICE));
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.body().path("processed").path("receipt").path("cpu_usage_us").asLong())
                    .isEqualTo(cpuOf(1)).isEqualTo(160);
        }
    }

    @Test
    void aBatchOfFiftyTransfersPasses() {
        PackedTransaction p = node.sign(transfers(node.header(60), 50), ALICE);
        DevnetHttp.Resp r = node.send(p);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("processed").path("receipt").path("cpu_usage_us").asLong()).isEqualTo(cpuOf(50));
    }

    @Test
    void tenThousandCompressedTransfersAreRefusedWithTheNodesCpuErrorAndChangeNothing() {
        long before = node.balance("bob", "EOS");
        // zlib: small on the wire, within the net limit, so it is the CPU that refuses it
        PackedTransaction p = zlib(transfers(node.header(60), 10_000));
        DevnetHttp.Resp r = node.send(p);
        // refused at the first action billed past 150,000 us: 100 + 20 * 7,496 = 150,020
        assertRefusedForCpu(r, p, 150_020, "reached on chain max_transaction_cpu_usage 150000us");
        assertThat(node.balance("bob", "EOS")).isEqualTo(before);
        assertThat(node.status(p.id())).isEqualTo("FAILED");
        // compute_transaction is held to the same limit
        DevnetHttp.Resp dry = node.call("/v1/chain/compute_transaction", Map.of("transaction", p));
        assertThat(dry.errorName()).isEqualTo("tx_cpu_usage_exceeded");
    }

    @Test
    void aTransactionRightUnderTheLimitPassesAndOneTransferMoreIsRefused() {
        // 100 + 60 * 2498 = 149,980 us: under 150,000
        int under = (int) ((Devnet.DEFAULT_MAX_TRANSACTION_CPU_USAGE - Chain.CPU_US_PER_TRANSACTION) / TRANSFER_CPU);
        assertThat(under).isEqualTo(2498);
        TransactionHeader header = node.header(60);
        PackedTransaction ok = zlib(transfers(header, under));
        DevnetHttp.Resp r = node.send(ok);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("processed").path("receipt").path("cpu_usage_us").asLong()).isEqualTo(149_980);
        PackedTransaction over = zlib(transfers(header, under + 1));
        // the 2,499th transfer's second action is the one billed past: 149,980 + 40 = 150,020
        assertRefusedForCpu(node.send(over), over, 150_020, "reached on chain max_transaction_cpu_usage 150000us");
    }

    @Test
    void aConfiguredLimitIsEnforcedToTheMicrosecond() {
        try (Devnet small = Devnet.builder().manualBlockProduction().maxTransactionCpuUsage(10_000).start()) {
            DevnetHttp n = new DevnetHttp(small);
            // 100 + 60 * 165 = 10,000: exactly the limit passes
            DevnetHttp.Resp r = n.send(n.sign(transfers(n.header(60), 165), ALICE));
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.body().path("processed").path("receipt").path("cpu_usage_us").asLong()).isEqualTo(10_000);
            PackedTransaction over = n.sign(transfers(n.header(60), 166), ALICE);
            assertRefusedForCpu(n.send(over), over, 10_020, "reached on chain max_transaction_cpu_usage 10000us");
        }
    }

    @Test
    void theHeadersMaxCpuUsageMsLowersTheLimit() {
        // 1 ms: 15 transfers cost 100 + 900 = 1,000 us and pass, 16 do not
        TransactionHeader header = node.header(60).withLimits(0, 1);
        assertThat(node.send(node.sign(transfers(header, 15), ALICE)).status()).isEqualTo(202);
        PackedTransaction over = node.sign(transfers(header, 16), ALICE);
        assertRefusedForCpu(node.send(over), over, 1_020, "reached trx specified max_cpu_usage_ms 1000us");
    }

    @Test
    void aTransactionOverTheDefaultNetLimitIsRefusedWithTheNodesNetError() {
        // uncompressed, 10,000 transfers are over 512 KiB on the wire: the net limit refuses them first
        PackedTransaction p = node.sign(transfers(node.header(60), 10_000), ALICE);
        DevnetHttp.Resp r = node.send(p);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body().path("error").path("code").asLong()).isEqualTo(3080002);
        assertThat(r.errorName()).isEqualTo("tx_net_usage_exceeded");
        assertThat(r.errorMessage()).startsWith("transaction net usage is too high: ").endsWith(" > 524288");
    }
}
