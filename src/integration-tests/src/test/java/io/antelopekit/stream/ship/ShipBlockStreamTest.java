package io.antelopekit.stream.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.ChainClient;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.Block;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import io.antelopekit.stream.TableDelta;
import io.antelopekit.stream.TableFilter;
import io.antelopekit.test.BlockHoundSupport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * {@link BlockStream} reading from a state history node (the test's WebSocket node), the ABIs and
 * the chain id from the embedded devnet: blocks in order, actions from the traces (inline actions
 * and notifications with their receivers, each action once unless receivers are asked for), forks,
 * and resuming after a checkpoint.
 */
@ExtendWith(BlockHoundSupport.class)
class ShipBlockStreamTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    static ChainClient client;
    final ShipTestNode node = new ShipTestNode();

    @BeforeAll
    static void start() {
        client = ChainClient.create(DEVNET.devnet().url());
    }

    @AfterAll
    static void stopClient() {
        client.dispose();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    BlockStream.Builder stream() {
        return BlockStream.builder(client).stateHistory(node.endpoint())
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    static Map<String, Object> act(String contract, String name, String actor, byte[] data) {
        return Map.of("account", contract, "name", name,
                "authorization", List.of(Map.of("actor", actor, "permission", "active")), "data", ShipTestNode.hex(data));
    }

    static Map<String, Object> transfer(String from, String to, String memo) {
        return act("eosio.token", "transfer", from, ShipClientTest.TOKEN.encode("transfer",
                Map.of("from", from, "to", to, "quantity", "1.0000 EOS", "memo", memo)));
    }

    static Object transaction(int id, Object... actionTraces) {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("id", ShipTestNode.id(id, 9).toString());
        trace.put("status", 0);
        trace.put("cpu_usage_us", 100);
        trace.put("net_usage_words", 16);
        trace.put("elapsed", 120);
        trace.put("net_usage", 128);
        trace.put("scheduled", false);
        trace.put("action_traces", List.of(actionTraces));
        trace.put("account_ram_delta", null);
        trace.put("except", null);
        trace.put("error_code", null);
        trace.put("failed_dtrx_trace", null);
        trace.put("partial", null);
        return List.of("transaction_trace_v0", trace);
    }

    /**
     * Two transactions: bob's contract pays alice out (bob::withdraw sends an inline
     * eosio.token::transfer bob -> alice, notified to bob and alice), and alice transfers to bob
     * (notified to alice and bob).
     */
    static Map<String, Object> payoutAndDeposit() {
        Map<String, Object> withdraw = act("bob", "withdraw", "alice", new byte[0]);
        Map<String, Object> payout = transfer("bob", "alice", "payout");
        Map<String, Object> deposit = transfer("alice", "bob", "deposit");
        return Map.of("traces", List.of(
                transaction(1,
                        ShipClientTest.actionTrace(1, 0, "bob", withdraw),
                        ShipClientTest.actionTrace(2, 1, "eosio.token", payout),
                        ShipClientTest.actionTrace(3, 2, "bob", payout),
                        ShipClientTest.actionTrace(4, 2, "alice", payout)),
                transaction(2,
                        ShipClientTest.actionTrace(1, 0, "eosio.token", deposit),
                        ShipClientTest.actionTrace(2, 1, "alice", deposit),
                        ShipClientTest.actionTrace(3, 1, "bob", deposit))));
    }

    List<ActionEvent> actions(ActionFilter filter) {
        return stream().from(2).until(2).build().actions(filter).collectList().block(WAIT);
    }

    @Test
    void blocksComeInOrderFromTheNode() {
        StepVerifier.create(stream().from(1).until(4).build().blocks())
                .assertNext(b -> {
                    assertThat(b.num()).isEqualTo(1);
                    assertThat(b.irreversible()).isTrue();
                    assertThat(b.transactions()).isEmpty();
                })
                .assertNext(b -> assertThat(b.previous()).isEqualTo(ShipTestNode.id(1, 0)))
                .expectNextMatches(b -> b.num() == 3 && b.id().equals(ShipTestNode.id(3, 0)))
                .expectNextMatches(b -> b.num() == 4)
                .expectComplete()
                .verify(WAIT);
        var request = node.connections.get(0).requests.get(0).get(1);
        assertThat(request.get("irreversible_only").asBoolean()).isTrue();
        assertThat(request.get("fetch_traces").asBoolean()).isFalse();
        assertThat(request.get("end_block_num").asLong()).isEqualTo(5);
    }

    @Test
    void transfersToAnAccountAreEachReportedOnceAsTheTokenContractRanThem() {
        node.contents = n -> n == 2 ? payoutAndDeposit() : Map.of();
        List<ActionEvent> toAlice = actions(ActionFilter.transfersTo("alice"));
        assertThat(toAlice).hasSize(1);
        ActionEvent payout = toAlice.get(0);
        assertThat(payout.receiver().toString()).isEqualTo("eosio.token");
        assertThat(payout.inline()).isTrue();
        assertThat(payout.notification()).isFalse();
        assertThat(payout.data().path("memo").asText()).isEqualTo("payout");
        assertThat(payout.actionIndex()).isEqualTo(1);
        assertThat(payout.position()).isEqualTo(1);

        List<ActionEvent> toBob = actions(ActionFilter.transfersTo("bob"));
        assertThat(toBob).extracting(e -> e.data().path("memo").asText()).containsExactly("deposit");
        assertThat(toBob.get(0).inline()).isFalse();
        assertThat(toBob.get(0).position()).isEqualTo(4);
    }

    @Test
    void receiversAskForTheNotifications() {
        node.contents = n -> n == 2 ? payoutAndDeposit() : Map.of();
        List<ActionEvent> aliceNotified = actions(ActionFilter.transfersTo("alice").receiver("alice"));
        assertThat(aliceNotified).hasSize(1);
        assertThat(aliceNotified.get(0).receiver().toString()).isEqualTo("alice");
        assertThat(aliceNotified.get(0).notification()).isTrue();
        assertThat(aliceNotified.get(0).inline()).isTrue();

        // all bob ran: his own contract's action and the two notifications
        assertThat(actions(ActionFilter.all().receiver("bob")))
                .extracting(e -> e.name() + " " + e.notification() + " " + e.inline())
                .containsExactly("withdraw false false", "transfer true true", "transfer true false");
        // without receivers: each action once, as its contract ran it
        assertThat(actions(ActionFilter.all())).extracting(e -> e.contract() + "::" + e.name())
                .containsExactly("bob::withdraw", "eosio.token::transfer", "eosio.token::transfer");
    }

    @Test
    void aForkFollowingTheHeadIsReportedAsUndoneBlocks() {
        node.dropAfter = 4;
        node.lib = 1;
        // after the first connection (its 4 blocks sent, it closes), the node is on another fork from block 3
        node.forkOf = n -> n >= 3 && node.connections.size() > 1 ? 1 : 0;
        StepVerifier.create(stream().follow(Follow.HEAD).from(1).until(5).build().blocks())
                .expectNextMatches(b -> b.num() == 1)
                .expectNextMatches(b -> b.num() == 2)
                .expectNextMatches(b -> b.num() == 3 && !b.irreversible())
                .expectNextMatches(b -> b.num() == 4)
                .assertNext(b -> {
                    assertThat(b.num()).isEqualTo(3);
                    assertThat(b.id()).isEqualTo(ShipTestNode.id(3, 1));
                    assertThat(b.undone()).isEqualTo(2);
                })
                .expectNextMatches(b -> b.num() == 4 && b.undone() == 0)
                .expectNextMatches(b -> b.num() == 5)
                .expectComplete()
                .verify(WAIT);
        assertThat(node.connections.get(0).requests.get(0).get(1).get("irreversible_only").asBoolean()).isFalse();
    }

    @Test
    void aStreamResumesAfterItsCheckpointsBlock() {
        StepVerifier.create(stream().resumeFrom(Checkpoint.afterBlock(3, ShipTestNode.id(3, 0))).until(5).build().blocks()
                        .map(Block::num))
                .expectNext(4L, 5L)
                .expectComplete()
                .verify(WAIT);
        var request = node.connections.get(0).requests.get(0).get(1);
        assertThat(request.get("start_block_num").asLong()).isEqualTo(4);
        assertThat(request.get("have_positions").get(0).get("block_num").asLong()).isEqualTo(3);
    }

    @Test
    void aCheckpointsBlockNoLongerOnTheChainIsUndone() {
        StepVerifier.create(stream().follow(Follow.HEAD).resumeFrom(Checkpoint.afterBlock(3, ShipTestNode.id(3, 5)))
                        .until(4).build().blocks())
                .assertNext(b -> {
                    assertThat(b.num()).isEqualTo(3);
                    assertThat(b.undone()).isEqualTo(1);
                })
                .expectNextMatches(b -> b.num() == 4 && b.undone() == 0)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aPartialCheckpointSkipsTheActionsHandled() {
        node.contents = n -> n == 2 ? payoutAndDeposit() : Map.of();
        // position 1 (the payout) handled: the deposit, position 4, is next
        List<ActionEvent> rest = stream().resumeFrom(new Checkpoint(2, ShipTestNode.id(2, 0), 1)).until(2).build()
                .actions(ActionFilter.all().action("transfer")).collectList().block(WAIT);
        assertThat(rest).extracting(ActionEvent::position).containsExactly(4);
        assertThat(node.connections.get(0).requests.get(0).get(1).get("start_block_num").asLong()).isEqualTo(2);
    }

    static Map<String, Object> row(String code, String scope, String table, long key, boolean present, byte[] value) {
        Map<String, Object> row = Map.of("code", code, "scope", scope, "table", table,
                "primary_key", Long.toString(key), "payer", scope, "value", ShipTestNode.hex(value));
        return Map.of("present", present,
                "data", ShipTestNode.hex(ShipTestNode.SHIP_ABI.encode("contract_row", List.of("contract_row_v0", row))));
    }

    static byte[] balance(String amount) {
        return ShipClientTest.TOKEN.encode("account", Map.of("balance", amount));
    }

    static Map<String, Object> deltas(Object... tables) {
        return Map.of("deltas", List.of(tables));
    }

    static Object table(String name, Object... rows) {
        return List.of("table_delta_v0", Map.of("name", name, "rows", List.of(rows)));
    }

    static final String THINGS_ABI = """
            {"version":"eosio::abi/1.1","structs":[{"name":"thing","base":"","fields":[{"name":"id","type":"uint64"},
              {"name":"label","type":"string"}]}],
             "tables":[{"name":"things","type":"thing","index_type":"i64","key_names":[],"key_types":[]}]}""";

    /** Block 2: bank's balance written, alice's removed, and a row of bob's table (bob has no ABI on the devnet). */
    static Map<String, Object> rows() {
        return deltas(table("contract_row",
                row("eosio.token", "bank", "accounts", 5459781, true, balance("1.0000 EOS")),
                row("eosio.token", "alice", "accounts", 5459781, false, balance("0.0000 EOS")),
                row("bob", "bob", "things", 7, true, new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i'})));
    }

    List<TableDelta> tableDeltas(TableFilter filter) {
        return stream().from(2).until(2).build().tableDeltas(filter).collectList().block(WAIT);
    }

    @Test
    void tableDeltasAreDecodedThroughTheContractsAbisAndFiltered() {
        node.contents = n -> n == 2 ? rows() : Map.of();
        List<TableDelta> balances = tableDeltas(TableFilter.all().code("eosio.token").table("accounts"));
        assertThat(balances).hasSize(2);
        TableDelta bank = balances.get(0);
        assertThat(bank.blockNum()).isEqualTo(2);
        assertThat(bank.blockId()).isEqualTo(ShipTestNode.id(2, 0));
        assertThat(bank.scope().toString()).isEqualTo("bank");
        assertThat(bank.primaryKey()).isEqualTo(5459781);
        assertThat(bank.payer().toString()).isEqualTo("bank");
        assertThat(bank.present()).isTrue();
        assertThat(bank.value().path("balance").asText()).isEqualTo("1.0000 EOS");
        assertThat(bank.undoneFrom()).isZero();
        assertThat(balances.get(1).present()).isFalse();
        assertThat(balances.get(1).value().path("balance").asText()).isEqualTo("0.0000 EOS");

        assertThat(tableDeltas(TableFilter.all().scope("alice"))).extracting(d -> d.scope().toString())
                .containsExactly("alice");
        List<TableDelta> all = tableDeltas(TableFilter.all());
        assertThat(all).extracting(d -> d.code() + "/" + d.table()).containsExactly("eosio.token/accounts",
                "eosio.token/accounts", "bob/things");
        assertThat(all.get(2).isDecoded()).isFalse();
        var request = node.connections.get(0).requests.get(0).get(1);
        assertThat(request.get("fetch_deltas").asBoolean()).isTrue();
        assertThat(request.get("fetch_traces").asBoolean()).isFalse();
    }

    @Test
    void anAccountRowsAbiDecodesTheContractsRowsFromThenOn() {
        byte[] abi = AbiDefinition.fromJson(THINGS_ABI).encode();
        Map<String, Object> account = Map.of("present", true, "data", ShipTestNode.hex(ShipTestNode.SHIP_ABI.encode("account",
                List.of("account_v0", Map.of("name", "bob", "creation_date", "2026-01-01T00:00:00.000",
                        "abi", ShipTestNode.hex(abi))))));
        node.contents = n -> n == 2 ? deltas(table("account", account), table("contract_row",
                row("bob", "bob", "things", 7, true, new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i'}))) : Map.of();
        List<TableDelta> things = tableDeltas(TableFilter.all().code("bob"));
        assertThat(things).hasSize(1);
        assertThat(things.get(0).value().path("label").asText()).isEqualTo("hi");
    }

    @Test
    void aForkIsReportedOnTheFirstRowAfterIt() {
        node.dropAfter = 4;
        node.lib = 1;
        node.forkOf = n -> n >= 3 && node.connections.size() > 1 ? 1 : 0;
        // rows in blocks 1, 3 and 5 only: the switch back to block 3 is said on its row
        node.contents = n -> n % 2 == 1 ? deltas(table("contract_row",
                row("eosio.token", "bank", "accounts", n, true, balance(n + ".0000 EOS")))) : Map.of();
        StepVerifier.create(stream().follow(Follow.HEAD).from(1).until(5).build()
                        .tableDeltas(TableFilter.all()).map(d -> d.blockNum() + "/" + d.undoneFrom()))
                .expectNext("1/0", "3/0", "3/3", "5/0")
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void tableDeltasNeedAStateHistoryNode() {
        assertThatThrownBy(() -> BlockStream.builder(client).build().tableDeltas(TableFilter.all()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stateHistory");
    }
}
