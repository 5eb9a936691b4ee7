package com.example.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.pipeline.Forwarder.Transfer;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * The forwarder of docs/pipelines.md: every deposit to alice is forwarded to bob once, also when
 * the forwarder stops in the middle and a new process starts from its checkpoint file.
 */
@ExtendWith(BlockHoundSupport.class)
class ForwarderTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The hot session's transactions expire this long after they are made (a restart waits as long). */
    static final int EXPIRE_SECONDS = 4;

    static Devnet devnet;
    static ChainClient client;
    static Abi token;

    @BeforeAll
    static void start() {
        // blocks every 500 ms, as on a real chain: faster ones would run the chain's clock ahead of
        // the wall clock, and transactions made from a head a moment old would expire early
        devnet = Devnet.builder().irreversibleDistance(2).stateHistory(true).start();   // the state history: section 7
        client = ChainClient.create(devnet.url());
        token = client.abi(Name.from("eosio.token")).block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
        devnet.stop();
    }

    static Session session(String account) {
        return Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(account).permission("active").expireSeconds(EXPIRE_SECONDS)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey())).build();
    }

    static void deposit(String from, String quantity, String memo) {
        Session s = session(from);
        s.transact(Action.of("eosio.token", "transfer", s.permissionLevel(), new Transfer(from, "alice", quantity, memo),
                token)).block(TIMEOUT);
    }

    static Forwarder forwarder(Path file, long firstBlock) {
        return new Forwarder(client, session("alice"), EXPIRE_SECONDS, ReactiveSessionStorage.file(file), firstBlock);
    }

    /** A transaction of kitpayout's: {@code pay} sends alice tokens with an inline transfer. */
    static void payout(String quantity, String memo) {
        Session s = session("kitpayout");
        Abi payout = client.abi(Name.from("kitpayout")).block(TIMEOUT);
        s.transact(Action.of("kitpayout", "pay", s.permissionLevel(),
                Map.of("to", "alice", "quantity", quantity, "memo", memo), payout)).block(TIMEOUT);
    }

    /** The deposits the forwarder sees from {@code first} up to and including the one with this memo. */
    static List<String> depositsUntil(BlockStream.Builder source, long first, String memo) {
        return source.follow(Follow.HEAD).from(first).build()
                .actions(Forwarder.DEPOSITS)
                .map(e -> e.data().path("memo").asText())
                .takeUntil(m -> m.equals(memo))
                .collectList().block(TIMEOUT);
    }

    @Test
    void everyDepositIsForwardedOnceAcrossARestart(@TempDir Path dir) {
        long first = client.getInfo().block(TIMEOUT).headBlockNum() + 1;
        for (int i = 0; i < 8; i++) {
            deposit(i % 2 == 0 ? "carol" : "dave", "0.00" + (10 + i) + " EOS", "d" + i);
        }
        Path file = dir.resolve("forwarder.json");

        // the first run stops after three forwards are committed (more may be in flight)
        List<Checkpoint> firstRun = forwarder(file, first).run().take(3).collectList().block(TIMEOUT);
        assertThat(firstRun).hasSize(3);

        // one more deposit, then a new process on the same file: it runs until it has committed that
        // last deposit, and so every one before it (commits are in order)
        deposit("carol", "0.0018 EOS", "d8");
        Checkpoint last = BlockStream.builder(client).follow(Follow.HEAD).from(first).build()
                .actions(ActionFilter.transfersTo("alice").where(e -> e.data().path("memo").asText().equals("d8")))
                .next().block(TIMEOUT).checkpoint();
        forwarder(file, first).run().takeUntil(cp -> cp.compareTo(last) >= 0).blockLast(TIMEOUT);

        // every forward is in a block by the next one: bob got each deposit once
        long head = client.getInfo().block(TIMEOUT).headBlockNum() + 2;
        List<ActionEvent> forwards = BlockStream.builder(client).follow(Follow.HEAD).from(first).until(head).build()
                .actions(ActionFilter.transfersTo("bob").where(e -> e.data().path("memo").asText().startsWith("fwd ")))
                .collectList().block(TIMEOUT);
        assertThat(forwards).hasSize(9);
        assertThat(forwards.stream().map(e -> e.data().path("memo").asText()).distinct()).hasSize(9);
        assertThat(forwards.stream().mapToLong(e -> Asset.from(e.data().path("quantity").asText()).units()).sum())
                .isEqualTo(10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18);
    }

    @Test
    void overTheStateHistoryADepositMadeByAContractIsForwardedToo(@TempDir Path dir) {
        long first = client.getInfo().block(TIMEOUT).headBlockNum() + 1;
        // kitpayout has no tokens at genesis: dave funds it; then it pays alice, and carol deposits as usual
        Session dave = session("dave");
        dave.transact(Action.of("eosio.token", "transfer", dave.permissionLevel(),
                new Transfer("dave", "kitpayout", "1.0000 EOS", "funds"), token)).block(TIMEOUT);
        payout("0.0021 EOS", "payout");
        deposit("carol", "0.0022 EOS", "after the payout");

        // polling get_block sees carol's deposit only: the payout is an inline action of kitpayout::pay
        assertThat(depositsUntil(BlockStream.builder(client), first, "after the payout"))
                .containsExactly("after the payout");
        // the state history node has the transaction traces: both
        String ship = devnet.stateHistoryUrl();
        assertThat(depositsUntil(BlockStream.builder(client).stateHistory(ship), first, "after the payout"))
                .containsExactly("payout", "after the payout");

        // the forwarder reading from it forwards both (a checkpoint is of the source that made it)
        Checkpoint last = BlockStream.builder(client).stateHistory(ship).follow(Follow.HEAD).from(first).build()
                .actions(Forwarder.DEPOSITS.where(e -> e.data().path("memo").asText().equals("after the payout")))
                .next().block(TIMEOUT).checkpoint();
        StepVerifier.create(new Forwarder(client, ship, session("alice"), EXPIRE_SECONDS,
                        ReactiveSessionStorage.file(dir.resolve("forwarder.json")), first).run()
                        .takeUntil(cp -> cp.compareTo(last) >= 0))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        long head = client.getInfo().block(TIMEOUT).headBlockNum() + 2;
        List<String> forwarded = BlockStream.builder(client).follow(Follow.HEAD).from(first).until(head).build()
                .actions(ActionFilter.transfersTo("bob").where(e -> e.data().path("memo").asText().startsWith("fwd ")))
                .map(e -> e.data().path("quantity").asText())
                .collectList().block(TIMEOUT);
        assertThat(forwarded).containsExactly("0.0021 EOS", "0.0022 EOS");
    }

    @Test
    void mainForwardsEachOfItsDepositsOnce(@TempDir Path dir) {
        Pipeline.main(new String[] {dir.resolve("forwarder.json").toString()});
    }
}
