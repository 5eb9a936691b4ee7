package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Devnet.Builder.emptyBlocks(false)} ({@code DevnetMain --no-empty-blocks}): every block holds a transaction. */
class DevnetEmptyBlocksTest {

    private static final DevAccount ALICE = DevAccount.of("alice");

    @Test
    void withoutEmptyBlocksTheTimerProducesOnlyBlocksWithTransactions() throws InterruptedException {
        try (Devnet devnet = Devnet.builder().blockInterval(Duration.ofMillis(10)).emptyBlocks(false)
                .irreversibleDistance(1).start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            long head = node.info().path("head_block_num").asLong();
            // a negative check: twenty block intervals in which nothing may happen (no event to wait on)
            Thread.sleep(200);
            assertThat(node.info().path("head_block_num").asLong()).as("no block without a transaction").isEqualTo(head);

            for (int i = 0; i < 3; i++) {
                assertThat(node.send(node.transfer("alice", "bob", "0.0001 EOS", "full " + i, ALICE.privateKey()))
                        .status()).isEqualTo(202);
                long before = head;
                head = waitForHeadAfter(node, before);
                assertThat(head).isEqualTo(before + 1);
            }
            // the same negative check after the transfers: no empty block follows them
            Thread.sleep(200);
            long last = node.info().path("head_block_num").asLong();
            assertThat(last).isEqualTo(head);
            for (long n = head - 2; n <= head; n++) {
                JsonNode block = node.call("/v1/chain/get_block", Map.of("block_num_or_id", n)).body();
                assertThat(block.path("transactions").size()).as("transactions of block %d", n).isEqualTo(1);
            }
            // the last irreversible block trails the head by blocks, not by time
            assertThat(node.info().path("last_irreversible_block_num").asLong()).isEqualTo(head - 1);
        }
    }

    @Test
    void byDefaultTheTimerProducesEmptyBlocksToo() throws InterruptedException {
        try (Devnet devnet = Devnet.builder().blockInterval(Duration.ofMillis(10)).start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            long head = node.info().path("head_block_num").asLong();
            long until = System.nanoTime() + DevnetHttp.TIMEOUT.toNanos();
            while (node.info().path("head_block_num").asLong() < head + 3 && System.nanoTime() < until) {
                // polling the node's HTTP answer, as a client would; bounded by the deadline above
                Thread.sleep(10);
            }
            assertThat(node.info().path("head_block_num").asLong()).isGreaterThanOrEqualTo(head + 3);
        }
    }

    private static long waitForHeadAfter(DevnetHttp node, long head) throws InterruptedException {
        long until = System.nanoTime() + DevnetHttp.TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            long now = node.info().path("head_block_num").asLong();
            if (now > head) {
                return now;
            }
            // polling the node's HTTP answer, as a client would; bounded by the deadline above
            Thread.sleep(5);
        }
        throw new AssertionError("no block after " + head);
    }
}
