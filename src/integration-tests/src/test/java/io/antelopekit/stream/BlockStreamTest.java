package io.antelopekit.stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.storage.FileSessionStorage;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link BlockStream} against the embedded devnet, whose blocks the tests produce: blocks in order
 * and linked, following the last irreversible block or the head, token transfers decoded and
 * filtered, checkpoints that resume after a restart (also in the middle of a block), and a slow
 * consumer that holds the fetching back.
 */
@ExtendWith(BlockHoundSupport.class)
class BlockStreamTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(20);
    static final Name TOKEN = Name.from("eosio.token");

    static Devnet devnet;
    static ChainClient client;
    static Abi tokenAbi;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        devnet.produceBlocks(5).block(TIMEOUT);
        tokenAbi = client.abi(TOKEN).block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session session(String account) {
        return Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(account).permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey())).build();
    }

    static Action transfer(String from, String to, String quantity, String memo) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", to);
        data.put("quantity", quantity);
        data.put("memo", memo);
        return Action.of(TOKEN, "transfer", PermissionLevel.from(from + "@active"), data, tokenAbi);
    }

    static TransactResult send(String from, Action... actions) {
        return session(from).transact(List.of(actions)).block(TIMEOUT);
    }

    static long head() {
        return devnet.headBlockNum().block(TIMEOUT);
    }

    static long lib() {
        return client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum();
    }

    /** Produces a block every 30 ms while a test waits for a stream. */
    static Disposable producing() {
        return Flux.interval(Duration.ofMillis(30)).concatMap(t -> devnet.produceBlock()).subscribe();
    }

    @Test
    void blocksFromAGivenBlockArriveInOrderEachLinkedToTheOneBefore() {
        long until = lib();
        List<Block> blocks = BlockStream.builder(client).from(2).until(until).build().blocks()
                .collectList().block(TIMEOUT);
        assertThat(blocks).hasSize((int) until - 1);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            assertThat(b.num()).isEqualTo(2 + i);
            assertThat(b.irreversible()).isTrue();
            assertThat(b.undone()).isZero();
            assertThat(b.checkpoint()).isEqualTo(Checkpoint.afterBlock(b.num(), b.id()));
            if (i > 0) {
                assertThat(b.previous()).isEqualTo(blocks.get(i - 1).id());
            }
        }
        assertThat(blocks.get(blocks.size() - 1).id()).isEqualTo(client.getBlock(until).block(TIMEOUT).id());
    }

    @Test
    void followsTheLastIrreversibleBlockFromTheNextOne() {
        long lib = lib();
        List<Block> blocks = new ArrayList<>();
        Disposable[] producer = new Disposable[1];
        try {
            StepVerifier.create(BlockStream.builder(client).pollInterval(POLL).build().blocks().take(6))
                    // the stream starts (one get_info) before blocks are produced
                    .expectSubscription()
                    .expectNoEvent(Duration.ofSeconds(1))
                    .then(() -> producer[0] = producing())
                    .recordWith(() -> blocks)
                    .expectNextCount(6)
                    .expectComplete().verify(TIMEOUT);
        } finally {
            producer[0].dispose();
        }
        assertThat(blocks).extracting(Block::num).first().isEqualTo(lib + 1);
        assertThat(blocks).allMatch(Block::irreversible);
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).num()).isEqualTo(blocks.get(i - 1).num() + 1);
            assertThat(blocks.get(i).previous()).isEqualTo(blocks.get(i - 1).id());
        }
        // they were irreversible when emitted: the node says so too
        assertThat(lib()).isGreaterThanOrEqualTo(blocks.get(5).num());
    }

    @Test
    void followsTheHeadAheadOfTheIrreversibleBlock() {
        long head = head();
        StepVerifier.create(BlockStream.builder(client).follow(Follow.HEAD).pollInterval(POLL).build().blocks())
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> devnet.produceBlock().block(TIMEOUT))
                .assertNext(b -> {
                    assertThat(b.num()).isEqualTo(head + 1);
                    assertThat(b.irreversible()).isFalse();
                })
                .then(() -> devnet.produceBlock().block(TIMEOUT))
                .assertNext(b -> assertThat(b.num()).isEqualTo(head + 2))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void incomingTokenTransfersDecodedInThreeLines() {
        long from = head() + 1;
        List<ActionEvent> seen = new CopyOnWriteArrayList<>();
        Disposable d = BlockStream.builder(client).from(from).follow(Follow.HEAD).pollInterval(POLL).build()
                .actions(ActionFilter.transfersTo("bob").contract("eosio.token"))
                .subscribe(e -> arrived(seen, e));
        try {
            TransactResult toBob = send("alice", transfer("alice", "bob", "1.2500 EOS", "for bob"),
                    transfer("alice", "carol", "0.0100 EOS", "not for bob"));
            TransactResult fromCarol = send("carol", transfer("carol", "bob", "0.0300 EOS", "from carol"));
            devnet.produceBlock().block(TIMEOUT);
            awaitSize(seen, 2);
            assertThat(seen).hasSize(2);
            ActionEvent first = seen.get(0);
            assertThat(first.contract()).isEqualTo(TOKEN);
            assertThat(first.name()).isEqualTo(Name.from("transfer"));
            assertThat(first.isDecoded()).isTrue();
            assertThat(first.data().path("from").asText()).isEqualTo("alice");
            assertThat(first.data().path("quantity").asText()).isEqualTo("1.2500 EOS");
            assertThat(first.data().path("memo").asText()).isEqualTo("for bob");
            assertThat(first.transactionId()).isEqualTo(toBob.id());
            assertThat(first.actionIndex()).isZero();
            assertThat(first.data(Transfer.class).quantity()).isEqualTo("1.2500 EOS");
            ActionEvent second = seen.get(1);
            assertThat(second.transactionId()).isEqualTo(fromCarol.id());
            assertThat(second.data().path("from").asText()).isEqualTo("carol");
            // positions count every action of the block: alice's two, then carol's
            assertThat(second.position()).isEqualTo(first.position() + 2);
            assertThat(second.blockNum()).isEqualTo(first.blockNum());
            assertThat(second.checkpoint()).isEqualTo(new Checkpoint(second.blockNum(), second.blockId(), second.position()));
        } finally {
            d.dispose();
        }
    }

    /** The data of a transfer as a record. */
    record Transfer(String from, String to, String quantity, String memo) {
    }

    @Test
    void filtersByContractActionAndAccount() {
        long from = head() + 1;
        send("dave", transfer("dave", "carol", "0.0001 EOS", "dave to carol"));
        send("alice", transfer("alice", "dave", "0.0002 EOS", "alice to dave"));
        send("bob", transfer("bob", "alice", "0.0003 EOS", "bob to alice"));
        long until = devnet.produceBlock().block(TIMEOUT);
        BlockStream stream = BlockStream.builder(client).from(from).until(until).follow(Follow.HEAD).build();

        assertThat(memos(stream.actions(ActionFilter.all().account("dave"))))
                .containsExactly("dave to carol", "alice to dave");
        assertThat(memos(stream.actions(ActionFilter.all().contract("eosio.token").action("transfer").account("bob"))))
                .containsExactly("bob to alice");
        assertThat(memos(stream.actions(ActionFilter.all().account("bob", "carol")))).containsExactly("dave to carol",
                "bob to alice");
        assertThat(memos(stream.actions(ActionFilter.all().contract("eosio")))).isEmpty();
        assertThat(memos(stream.actions(ActionFilter.all().action("issue")))).isEmpty();
        assertThat(memos(stream.actions(ActionFilter.all().where(e -> e.data().path("memo").asText().startsWith("bob")))))
                .containsExactly("bob to alice");
    }

    static List<String> memos(Flux<ActionEvent> events) {
        return events.map(e -> e.data().path("memo").asText()).collectList().block(TIMEOUT);
    }

    @Test
    void resumesAfterARestartFromTheCheckpointEvenInTheMiddleOfABlock(@TempDir Path dir) {
        Path file = dir.resolve("checkpoints.json");
        long from = head() + 1;
        // block 1: three transfers to erin's friend; block 2: two more
        List<Checksum256> ids = new ArrayList<>();
        ids.add(send("alice", transfer("alice", "dave", "0.0010 EOS", "r1")).id());
        ids.add(send("bob", transfer("bob", "dave", "0.0010 EOS", "r2"), transfer("bob", "dave", "0.0010 EOS", "r3")).id());
        devnet.produceBlock().block(TIMEOUT);
        ids.add(send("carol", transfer("carol", "dave", "0.0010 EOS", "r4")).id());
        ids.add(send("alice", transfer("alice", "dave", "0.0010 EOS", "r5")).id());
        long until = devnet.produceBlock().block(TIMEOUT);
        ActionFilter toDave = ActionFilter.transfersTo("dave");

        List<String> handled = new CopyOnWriteArrayList<>();
        BlockStream first = BlockStream.builder(client).from(from).follow(Follow.HEAD)
                .checkpoints(FileSessionStorage.open(file), "dave-payments").build();
        // handles r1 and r2 (of the same block as r3), then the process "stops"
        StepVerifier.create(first.processActions(toDave, e -> Mono.fromRunnable(() -> handled.add(memo(e)))).take(2))
                .expectNextCount(2)
                .expectComplete().verify(TIMEOUT);
        assertThat(handled).containsExactly("r1", "r2");
        Checkpoint stored = first.checkpoint().block(TIMEOUT);
        assertThat(stored.isWholeBlock()).isFalse();

        // a new process, a new store on the same file
        BlockStream second = BlockStream.builder(client).from(from).until(until).follow(Follow.HEAD)
                .checkpoints(FileSessionStorage.open(file), "dave-payments").build();
        StepVerifier.create(second.processActions(toDave, e -> Mono.fromRunnable(() -> handled.add(memo(e)))))
                .expectNextCount(3)
                .thenConsumeWhile(cp -> true)
                .expectComplete().verify(TIMEOUT);
        assertThat(handled).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(second.checkpoint().block(TIMEOUT).blockNum()).isEqualTo(until);

        // the last checkpoint is r5's, within its block: blocks of the same store resume at that
        // block (its actions were handled, the block as a whole was not), then go on
        BlockStream third = BlockStream.builder(client).from(from).until(until + 1).follow(Follow.HEAD)
                .checkpoints(FileSessionStorage.open(file), "dave-payments").build();
        devnet.produceBlock().block(TIMEOUT);
        StepVerifier.create(third.blocks())
                .assertNext(b -> assertThat(b.num()).isEqualTo(until))
                .assertNext(b -> assertThat(b.num()).isEqualTo(until + 1))
                .expectComplete().verify(TIMEOUT);
    }

    static String memo(ActionEvent e) {
        return e.data().path("memo").asText();
    }

    @Test
    void processCommitsEachBlockAfterItsHandler() {
        ReactiveSessionStorage store = ReactiveSessionStorage.inMemory();
        long from = 3;
        long until = 6;
        List<Long> handled = new ArrayList<>();
        BlockStream stream = BlockStream.builder(client).from(from).until(until).checkpoints(store, "k").build();
        StepVerifier.create(stream.process(b -> Mono.fromRunnable(() -> handled.add(b.num()))))
                .expectNextMatches(cp -> cp.blockNum() == 3 && cp.isWholeBlock())
                .expectNextCount(3)
                .expectComplete().verify(TIMEOUT);
        assertThat(handled).containsExactly(3L, 4L, 5L, 6L);
        assertThat(stream.checkpoint().block(TIMEOUT).blockNum()).isEqualTo(6);

        // a failing handler commits nothing for its block
        BlockStream again = BlockStream.builder(client).from(from).until(until).checkpoints(store, "k2").build();
        StepVerifier.create(again.process(b -> b.num() == 4 ? Mono.error(new IllegalStateException("handler failed"))
                : Mono.empty()))
                .expectNextMatches(cp -> cp.blockNum() == 3)
                .expectErrorMessage("handler failed")
                .verify(TIMEOUT);
        assertThat(again.checkpoint().block(TIMEOUT).blockNum()).isEqualTo(3);
    }

    @Test
    void commitsNeverGoBackAndAForeignValueIsRefusedAndKept() {
        ReactiveSessionStorage store = ReactiveSessionStorage.inMemory();
        BlockStream stream = BlockStream.builder(client).checkpoints(store, "bot").build();
        Checksum256 id = Checksum256.hash(new byte[] {1});
        stream.commit(Checkpoint.afterBlock(10, id)).block(TIMEOUT);
        stream.commit(new Checkpoint(9, id, 0)).block(TIMEOUT);
        stream.commit(new Checkpoint(10, id, 3)).block(TIMEOUT);
        assertThat(stream.checkpoint().block(TIMEOUT)).isEqualTo(Checkpoint.afterBlock(10, id));
        stream.commit(new Checkpoint(11, id, 3)).block(TIMEOUT);
        assertThat(stream.checkpoint().block(TIMEOUT)).isEqualTo(new Checkpoint(11, id, 3));

        store.write("bot", "not a checkpoint").block(TIMEOUT);
        StepVerifier.create(stream.commit(Checkpoint.afterBlock(12, id)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                        .hasMessageContaining("\"bot\"").hasMessageContaining("not a checkpoint"))
                .verify(TIMEOUT);
        StepVerifier.create(stream.blocks()).expectError(ChainStreamException.class).verify(TIMEOUT);
        assertThat(store.read("bot").block(TIMEOUT)).isEqualTo("not a checkpoint");
        assertThatThrownBy(() -> BlockStream.follow(client).commit(Checkpoint.afterBlock(1, id)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpoints(storage, key)");
    }

    @Test
    void aCheckpointOfABlockTheChainDoesNotHaveEndsTheStream() {
        Checksum256 wrong = Checksum256.hash(new byte[] {7});
        StepVerifier.create(BlockStream.builder(client).resumeFrom(Checkpoint.afterBlock(3, wrong)).build().blocks())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                        .hasMessageContaining("block 4").hasMessageContaining(wrong.toString()))
                .verify(TIMEOUT);
        StepVerifier.create(BlockStream.builder(client).resumeFrom(new Checkpoint(3, wrong, 0)).build().blocks())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                        .hasMessageContaining("checkpoint's block 3"))
                .verify(TIMEOUT);
    }

    @Test
    void aSlowConsumerHoldsTheFetchingBack() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ChainClient counted = ChainClient.builder().endpoint(devnet.url()).meterRegistry(meters).build();
        try {
            if (lib() < 25) {
                devnet.produceBlocks(30).block(TIMEOUT);
            }
            long until = lib();
            StepVerifier.create(BlockStream.builder(counted).from(1).until(until).prefetch(2).build().blocks(), 0)
                    .thenRequest(3)
                    .expectNextCount(3)
                    .thenAwait(Duration.ofMillis(300))
                    .then(() -> assertThat(getBlocks(meters)).isBetween(3L, 3L + 2))
                    .thenRequest(4)
                    .expectNextCount(4)
                    .thenAwait(Duration.ofMillis(300))
                    .then(() -> assertThat(getBlocks(meters)).isBetween(7L, 7L + 2))
                    .thenCancel()
                    .verify(TIMEOUT);
        } finally {
            counted.dispose();
        }
    }

    static long getBlocks(SimpleMeterRegistry meters) {
        return meters.find("antelopekit.chain.client.requests").tag("endpoint", "get_block").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** Waits until {@code seen} holds {@code n}, woken by {@link #arrived} (no polling). */
    static void awaitSize(List<?> seen, int n) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (seen) {
            while (seen.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out at " + seen.size() + " of " + n);
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(seen, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Adds {@code item} and wakes {@link #awaitSize}. */
    static <T> void arrived(List<T> seen, T item) {
        synchronized (seen) {
            seen.add(item);
            seen.notifyAll();
        }
    }
}
