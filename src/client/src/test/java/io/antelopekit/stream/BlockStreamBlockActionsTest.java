package io.antelopekit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * {@link BlockStream#blockActions(ActionFilter)} against the embedded devnet: one
 * {@link BlockActions} per block in order, blocks without matching actions included (empty), the
 * same events {@link BlockStream#actions(ActionFilter)} gives, and a resume from a checkpoint in
 * the middle of a block that skips the positions already handled.
 */
class BlockStreamBlockActionsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Name TOKEN = Name.from("eosio.token");

    static Devnet devnet;
    static ChainClient client;
    /** The block of a transaction of two transfers (x-0, x-1), then an empty block, then x-2's block. */
    static long first;

    @BeforeAll
    static void start() {
        devnet = Devnet.builder().manualBlockProduction().irreversibleDistance(2).start();
        client = ChainClient.create(devnet.url());
        devnet.produceBlocks(3).block(TIMEOUT);
        Abi abi = client.abi(TOKEN).block(TIMEOUT);
        first = devnet.headBlockNum().block(TIMEOUT) + 1;
        push(transfer(abi, "x-0"), transfer(abi, "x-1"));
        devnet.produceBlocks(2).block(TIMEOUT);
        push(transfer(abi, "x-2"));
        devnet.produceBlocks(4).block(TIMEOUT);
        assertThat(client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum()).isGreaterThanOrEqualTo(first + 2);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.dispose();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    static Action transfer(Abi abi, String memo) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", "alice");
        data.put("to", "bob");
        data.put("quantity", "0.0001 EOS");
        data.put("memo", memo);
        return Action.of(TOKEN, "transfer", PermissionLevel.from("alice@active"), data, abi);
    }

    /** Signs the actions as alice and pushes them in one transaction (into the devnet's pending block). */
    static void push(Action... actions) {
        ChainInfo info = client.getInfo().block(TIMEOUT);
        TransactionHeader header = TransactionHeader.of(
                TimePointSec.fromInstant(info.headBlockTime().toInstant().plusSeconds(60)), info.lastIrreversibleBlockId());
        SignedTransaction signed = SignedTransaction.of(Transaction.of(header, actions))
                .sign(devnet.chainId(), DevAccount.of("alice").privateKey());
        client.pushTransaction(PackedTransaction.from(signed, Compression.NONE)).block(TIMEOUT);
    }

    static BlockStream.Builder stream() {
        return BlockStream.builder(client).from(first).until(first + 2).pollInterval(Duration.ofMillis(20));
    }

    static List<String> memos(List<ActionEvent> events) {
        return events.stream().map(e -> e.data().path("memo").asText()).collect(Collectors.toList());
    }

    @Test
    void oneBlockActionsPerBlockInOrderEmptyOnesIncluded() {
        List<BlockActions> all = stream().build().blockActions(ActionFilter.all().contract("eosio.token"))
                .collectList().block(TIMEOUT);
        assertThat(all).extracting(ba -> ba.source().num()).containsExactly(first, first + 1, first + 2);
        assertThat(memos(all.get(0).actions())).containsExactly("x-0", "x-1");
        assertThat(all.get(0).actions()).extracting(ActionEvent::position).containsExactly(0, 1);
        assertThat(all.get(1).actions()).as("the empty block").isEmpty();
        assertThat(memos(all.get(2).actions())).containsExactly("x-2");
        for (BlockActions ba : all) {
            assertThat(ba.actions()).allSatisfy(e -> {
                assertThat(e.blockNum()).isEqualTo(ba.source().num());
                assertThat(e.blockId()).isEqualTo(ba.source().id());
            });
            assertThat(ba.source().undone()).isZero();
        }
        assertThat(all.get(1).source().previous()).isEqualTo(all.get(0).source().id());
        assertThat(all.get(2).source().previous()).isEqualTo(all.get(1).source().id());

        // actions(filter) is the same events, flattened
        StepVerifier.create(stream().build().actions(ActionFilter.all().contract("eosio.token")).map(e -> e.data().path("memo").asText()))
                .expectNext("x-0", "x-1", "x-2").expectComplete().verify(TIMEOUT);
    }

    @Test
    void aFilterThatPassesNothingInABlockStillGivesTheBlock() {
        List<BlockActions> all = stream().build()
                .blockActions(ActionFilter.all().where(e -> e.data().path("memo").asText().equals("x-2")))
                .collectList().block(TIMEOUT);
        assertThat(all).extracting(ba -> ba.source().num()).containsExactly(first, first + 1, first + 2);
        assertThat(all.get(0).actions()).isEmpty();
        assertThat(all.get(1).actions()).isEmpty();
        assertThat(memos(all.get(2).actions())).containsExactly("x-2");
        assertThat(all.get(2).source().checkpoint()).isEqualTo(Checkpoint.afterBlock(first + 2, all.get(2).source().id()));
    }

    @Test
    void resumedInTheMiddleOfABlockItSkipsThePositionsHandled() {
        ActionEvent x0 = stream().build().actions(ActionFilter.all().contract("eosio.token")).blockFirst(TIMEOUT);
        assertThat(x0.position()).isZero();
        List<BlockActions> resumed = stream().resumeFrom(x0.checkpoint()).build()
                .blockActions(ActionFilter.all().contract("eosio.token")).collectList().block(TIMEOUT);
        assertThat(resumed).extracting(ba -> ba.source().num()).containsExactly(first, first + 1, first + 2);
        assertThat(memos(resumed.get(0).actions())).as("only after the checkpoint's position").containsExactly("x-1");
        assertThat(resumed.get(1).actions()).isEmpty();
        assertThat(memos(resumed.get(2).actions())).containsExactly("x-2");

        // resumed after the whole first block, it starts at the next one
        List<BlockActions> next = stream().resumeFrom(resumed.get(0).source().checkpoint()).build()
                .blockActions(ActionFilter.all().contract("eosio.token")).collectList().block(TIMEOUT);
        assertThat(next).extracting(ba -> ba.source().num()).containsExactly(first + 1, first + 2);
    }
}
