package io.antelopekit.stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

/**
 * {@link BlockStream} on a client of two endpoints of one devnet chain: the endpoint in use is
 * stopped and started again, and the other one lags behind, while the stream goes on; every block
 * arrives once, in order, linked to the one before.
 */
@ExtendWith(BlockHoundSupport.class)
class BlockStreamFailoverTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static Devnet devnet;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.endpoints(2).blockInterval(Duration.ofMillis(50)).irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
    }

    @AfterAll
    static void stop() {
    }

    static void assertInOrderAndLinked(List<Block> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).num()).as("block after %s", blocks.get(i - 1)).isEqualTo(blocks.get(i - 1).num() + 1);
            assertThat(blocks.get(i).previous()).isEqualTo(blocks.get(i - 1).id());
        }
    }

    /** Waits until {@code blocks} holds {@code n}, woken by {@link #arrived} (no polling). */
    static void awaitBlocks(List<Block> blocks, int n) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (blocks) {
            while (blocks.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out at " + blocks.size() + " blocks");
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(blocks, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Adds {@code block} and wakes {@link #awaitBlocks}. */
    static void arrived(List<Block> blocks, Block block) {
        synchronized (blocks) {
            blocks.add(block);
            blocks.notifyAll();
        }
    }

    @Test
    void theEndpointInUseStopsAndStartsAgainAndNoBlockIsMissedOrRepeated() {
        ChainClient client = ChainClient.builder().endpoints(devnet.urls().toArray(String[]::new))
                .readRetry(RetryPolicy.backoff(2, Duration.ofMillis(20), Duration.ofMillis(100))).build();
        List<Block> blocks = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Disposable d = BlockStream.builder(client).pollInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build().blocks()
                .subscribe(b -> arrived(blocks, b), errors::add);
        try {
            awaitBlocks(blocks, 10);
            devnet.stopEndpoint(0).block(TIMEOUT);
            int atStop = blocks.size();
            awaitBlocks(blocks, atStop + 20);
            devnet.startEndpoint(0).then(devnet.stopEndpoint(1)).block(TIMEOUT);
            int atSecondStop = blocks.size();
            awaitBlocks(blocks, atSecondStop + 20);
            devnet.startEndpoint(1).block(TIMEOUT);
            awaitBlocks(blocks, blocks.size() + 10);
        } finally {
            d.dispose();
            client.dispose();
        }
        assertThat(errors).isEmpty();
        assertInOrderAndLinked(blocks);
        assertThat(blocks).allMatch(Block::irreversible);
    }

    @Test
    void afterAFailoverToALaggingEndpointTheStreamWaitsForIt() {
        // the client prefers endpoint 0; endpoint 1 lags 15 blocks behind
        ChainClient client = ChainClient.builder().endpoints(devnet.urls().toArray(String[]::new))
                .readRetry(RetryPolicy.backoff(2, Duration.ofMillis(20), Duration.ofMillis(100))).build();
        List<Block> blocks = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Disposable d = BlockStream.builder(client).follow(Follow.HEAD).pollInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build().blocks()
                .subscribe(b -> arrived(blocks, b), errors::add);
        try {
            devnet.lagEndpoint(1, 15);
            awaitBlocks(blocks, 10);
            devnet.stopEndpoint(0).block(TIMEOUT);
            int atStop = blocks.size();
            // the lagging endpoint does not have the next blocks for about 15 block intervals
            awaitBlocks(blocks, atStop + 30);
            devnet.lagEndpoint(1, 0);
            devnet.startEndpoint(0).block(TIMEOUT);
            awaitBlocks(blocks, blocks.size() + 10);
        } finally {
            d.dispose();
            client.dispose();
            devnet.lagEndpoint(1, 0);
            devnet.startEndpoint(0).block(TIMEOUT);
        }
        assertThat(errors).isEmpty();
        assertInOrderAndLinked(blocks);
        assertThat(blocks).allMatch(b -> b.undone() == 0);
    }
}
