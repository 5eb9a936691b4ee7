package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The state history endpoint speaks the node's SHiP protocol, read through the ABI it sends. */
class DevnetShipTest {

    static final long NO_END = 0xFFFFFFFFL;

    Devnet devnet;
    DevnetHttp node;

    @BeforeEach
    void start() {
        devnet = Devnet.builder().manualBlockProduction().stateHistory(true).start();
        node = new DevnetHttp(devnet);
    }

    @AfterEach
    void stop() {
        devnet.close();
    }

    @Test
    void theStateHistoryIsOffByDefault() {
        try (Devnet plain = Devnet.builder().manualBlockProduction().start()) {
            assertThat(plain.hasStateHistory()).isFalse();
        }
        assertThat(devnet.stateHistoryUrl()).startsWith("ws://127.0.0.1:");
    }

    @Test
    void theFirstMessageIsTheNodesAbiThenStatusAsTheNodeFillsIt() throws Exception {
        devnet.produceBlocks(3).block(DevnetHttp.TIMEOUT);
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl());
                var abi = DevnetShipTest.class.getResourceAsStream("/io/antelopekit/devnet/ship/ship.abi.json")) {
            assertThat(ship.abiText).isEqualTo(new String(abi.readAllBytes(), StandardCharsets.UTF_8));
            ship.send("get_status_request_v0", Map.of());
            JsonNode r = ship.result();
            assertThat(r.get(0).asText()).isEqualTo("get_status_result_v0");
            JsonNode s = r.get(1);
            JsonNode info = node.info();
            assertThat(s.at("/head/block_num").asLong()).isEqualTo(4);
            assertThat(s.at("/head/block_id").asText()).isEqualToIgnoringCase(info.get("head_block_id").asText());
            assertThat(s.at("/last_irreversible/block_num").asLong()).isEqualTo(1);
            // the logs begin with the first block produced, as a node's fresh logs do; the end is one past the last
            assertThat(s.get("trace_begin_block").asLong()).isEqualTo(2);
            assertThat(s.get("trace_end_block").asLong()).isEqualTo(5);
            assertThat(s.get("chain_state_begin_block").asLong()).isEqualTo(2);
            assertThat(s.get("chain_state_end_block").asLong()).isEqualTo(5);
            assertThat(s.get("chain_id").asText()).isEqualToIgnoringCase(devnet.chainId().toString());
        }
    }

    @Test
    void aTransferGivesItsBlockTracesAndTheBalancesAsContractRows() {
        devnet.produceBlock().block(DevnetHttp.TIMEOUT); // block 2: the full state
        DevnetHttp.Resp sent = node.send(node.transfer("alice", "bob", "1.2500 EOS", "ship",
                DevAccount.of("alice").privateKey()));
        assertThat(sent.status()).isEqualTo(202);
        devnet.produceBlock().block(DevnetHttp.TIMEOUT); // block 3
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            ship.getBlocks(3, 4, 10, List.of());
            JsonNode r = ship.result();
            assertThat(r.get(0).asText()).isEqualTo("get_blocks_result_v0");
            JsonNode b = r.get(1);
            assertThat(b.at("/this_block/block_num").asLong()).isEqualTo(3);
            assertThat(b.at("/prev_block/block_num").asLong()).isEqualTo(2);

            JsonNode block = ship.decode("signed_block", b.get("block"));
            assertThat(block.get("producer").asText()).isEqualTo("eosio");
            assertThat(block.get("transactions")).hasSize(1);
            assertThat(block.at("/transactions/0/trx/0").asText()).isEqualTo("packed_transaction");

            JsonNode traces = ship.decode("transaction_trace[]", b.get("traces"));
            assertThat(traces).hasSize(1);
            JsonNode trace = traces.get(0).get(1);
            assertThat(trace.get("id").asText()).isEqualToIgnoringCase(sent.body().get("transaction_id").asText());
            assertThat(trace.get("status").asInt()).isZero();
            assertThat(trace.at("/partial/0").asText()).isEqualTo("partial_transaction_v0");
            List<String> receivers = new ArrayList<>();
            for (JsonNode at : trace.get("action_traces")) {
                assertThat(at.get(0).asText()).isEqualTo("action_trace_v1");
                receivers.add(at.get(1).get("receiver").asText());
                assertThat(at.at("/1/receipt/1/receiver").asText()).isEqualTo(at.get(1).get("receiver").asText());
                assertThat(at.at("/1/act/name").asText()).isEqualTo("transfer");
            }
            assertThat(receivers).containsExactly("eosio.token", "alice", "bob");
            assertThat(trace.at("/action_traces/1/1/creator_action_ordinal").asLong()).isEqualTo(1);

            Map<String, JsonNode> deltas = deltas(ship, b);
            assertThat(deltas).containsKey("contract_row");
            Map<String, Long> balances = new HashMap<>();
            for (JsonNode row : deltas.get("contract_row").get("rows")) {
                assertThat(row.get("present").asBoolean()).isTrue();
                JsonNode cr = ship.decode("contract_row", row.get("data")).get(1);
                assertThat(cr.get("code").asText()).isEqualTo("eosio.token");
                assertThat(cr.get("table").asText()).isEqualTo("accounts");
                JsonNode account = DevnetHttp.TOKEN_ABI.decode("account", Hex.decode(cr.get("value").asText()));
                String amount = account.get("balance").asText();
                balances.put(cr.get("scope").asText(), Long.parseLong(amount.substring(0, amount.indexOf(' '))
                        .replace(".", "")));
            }
            assertThat(balances).containsOnlyKeys("alice", "bob");
            assertThat(balances.get("alice")).isEqualTo(node.balance("alice", "EOS"));
            assertThat(balances.get("bob")).isEqualTo(node.balance("bob", "EOS"));
        }
    }

    @Test
    void anInlinePayoutHasTheInlineTransferAndItsNotificationsOverHttpAndShip() {
        devnet.produceBlock().block(DevnetHttp.TIMEOUT);
        // kitpayout has no tokens at genesis: alice funds it
        assertThat(node.send(node.transfer("alice", "kitpayout", "10.0000 EOS", "funds",
                DevAccount.of("alice").privateKey())).status()).isEqualTo(202);
        io.antelopekit.abi.Abi payout = io.antelopekit.abi.Abi.fromJson(
                DevnetHttp.resource("/io/antelopekit/devnet/kitpayout.abi.json"));
        long before = node.balance("bob", "EOS");
        io.antelopekit.chain.transaction.Action pay = io.antelopekit.chain.transaction.Action.of("kitpayout", "pay",
                io.antelopekit.chain.PermissionLevel.of("kitpayout", "active"),
                Map.of("to", "bob", "quantity", "2.5000 EOS", "memo", "payday"), payout);
        DevnetHttp.Resp r = node.call("/v1/chain/push_transaction", node.sign(
                io.antelopekit.chain.transaction.Transaction.of(node.header(60), pay),
                DevAccount.of("kitpayout").privateKey()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
        JsonNode traces = r.body().at("/processed/action_traces");
        // ordinal, creator, closest unnotified ancestor, receiver, action: as the node gives them
        List<String> http = new ArrayList<>();
        for (JsonNode t : traces) {
            http.add(t.get("action_ordinal").asLong() + " " + t.get("creator_action_ordinal").asLong() + " "
                    + t.get("closest_unnotified_ancestor_action_ordinal").asLong() + " " + t.get("receiver").asText()
                    + " " + t.at("/act/account").asText() + "::" + t.at("/act/name").asText());
            assertThat(t.at("/receipt/receiver").asText()).isEqualTo(t.get("receiver").asText());
            assertThat(t.at("/receipt/global_sequence").asLong()).isPositive();
        }
        assertThat(http).containsExactly(
                "1 0 0 kitpayout kitpayout::pay",
                "2 1 1 eosio.token eosio.token::transfer",
                "3 2 2 kitpayout eosio.token::transfer",
                "4 2 2 bob eosio.token::transfer");
        assertThat(traces.get(1).at("/act/data/from").asText()).isEqualTo("kitpayout");
        assertThat(traces.get(1).at("/act/authorization/0/actor").asText()).isEqualTo("kitpayout");
        assertThat(node.balance("bob", "EOS")).isEqualTo(before + 25_000);
        devnet.produceBlock().block(DevnetHttp.TIMEOUT);
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            ship.getBlocks(3, 4, 1, List.of());
            JsonNode b = ship.result().get(1);
            JsonNode all = ship.decode("transaction_trace[]", b.get("traces"));
            assertThat(all).hasSize(2); // the funding transfer, then the payout, in block order
            JsonNode trace = all.get(1).get(1);
            assertThat(trace.get("id").asText()).isEqualToIgnoringCase(r.body().get("transaction_id").asText());
            List<String> shipTraces = new ArrayList<>();
            for (JsonNode at : trace.get("action_traces")) {
                JsonNode t = at.get(1);
                shipTraces.add(t.get("action_ordinal").asLong() + " " + t.get("creator_action_ordinal").asLong()
                        + " " + t.get("receiver").asText() + " " + t.at("/act/account").asText() + "::"
                        + t.at("/act/name").asText());
            }
            assertThat(shipTraces).containsExactly(
                    "1 0 kitpayout kitpayout::pay",
                    "2 1 eosio.token eosio.token::transfer",
                    "3 2 kitpayout eosio.token::transfer",
                    "4 2 bob eosio.token::transfer");
            for (int i = 0; i < 4; i++) {
                JsonNode receipt = trace.at("/action_traces/" + i + "/1/receipt/1");
                assertThat(receipt.get("global_sequence").asLong())
                        .isEqualTo(traces.get(i).at("/receipt/global_sequence").asLong());
                assertThat(receipt.get("act_digest").asText())
                        .isEqualToIgnoringCase(traces.get(i).at("/receipt/act_digest").asText());
            }
            JsonNode transfer = DevnetHttp.TOKEN_ABI.decode("transfer",
                    Hex.decode(trace.at("/action_traces/1/1/act/data").asText()));
            assertThat(transfer.get("from").asText()).isEqualTo("kitpayout");
            assertThat(transfer.get("quantity").asText()).isEqualTo("2.5000 EOS");
        }
    }

    @Test
    void theFirstBlockOfTheLogHoldsTheWholeState() {
        devnet.produceBlock().block(DevnetHttp.TIMEOUT);
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            ship.getBlocks(2, 3, 1, List.of());
            JsonNode b = ship.result().get(1);
            Map<String, JsonNode> deltas = deltas(ship, b);
            assertThat(deltas.keySet()).startsWith("account", "account_metadata", "contract_table", "contract_row");
            assertThat(deltas.keySet()).contains("permission");
            boolean alice = false;
            for (JsonNode row : deltas.get("account").get("rows")) {
                alice |= ship.decode("account", row.get("data")).at("/1/name").asText().equals("alice");
            }
            assertThat(alice).isTrue();
            for (JsonNode row : deltas.get("permission").get("rows")) {
                ship.decode("permission", row.get("data"));
            }
        }
    }

    @Test
    void noMoreThanMaxMessagesInFlightGoUnacknowledged() {
        devnet.produceBlocks(6).block(DevnetHttp.TIMEOUT); // head 7
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            ship.getBlocks(2, NO_END, 2, List.of());
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(2);
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(3);
            assertThat(ship.poll(Duration.ofMillis(300))).isNull();
            ship.send("get_blocks_ack_request_v0", Map.of("num_messages", 1));
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(4);
            assertThat(ship.poll(Duration.ofMillis(300))).isNull();
            ship.send("get_blocks_ack_request_v0", Map.of("num_messages", 10));
            for (long n = 5; n <= 7; n++) {
                assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(n);
            }
            // then the stream follows new blocks as they are produced
            assertThat(ship.poll(Duration.ofMillis(200))).isNull();
            devnet.produceBlock().block(DevnetHttp.TIMEOUT);
            JsonNode live = ship.result().get(1);
            assertThat(live.at("/this_block/block_num").asLong()).isEqualTo(8);
            assertThat(live.at("/head/block_num").asLong()).isEqualTo(8);
        }
    }

    @Test
    void endBlockNumIsExcluded() {
        devnet.produceBlocks(5).block(DevnetHttp.TIMEOUT);
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            ship.getBlocks(2, 4, 100, List.of());
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(2);
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(3);
            assertThat(ship.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void havePositionsResumeFromTheFirstBlockWhoseIdDiffers() {
        devnet.produceBlocks(6).block(DevnetHttp.TIMEOUT);
        String id3 = node.call("/v1/chain/get_block", Map.of("block_num_or_id", 3)).body().get("id").asText();
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            // the client has 3 as the chain has it, and a 5 of another fork: it gets 5 again
            ship.getBlocks(6, NO_END, 100, List.of(
                    Map.of("block_num", 3, "block_id", id3),
                    Map.of("block_num", 5, "block_id", "00000005" + "ab".repeat(28))));
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(5);
            assertThat(ship.result().at("/1/this_block/block_num").asLong()).isEqualTo(6);
        }
    }

    @Test
    void aRequestTheNodeCannotReadEndsTheConnectionWithoutAnswer() {
        try (ShipConnection ship = new ShipConnection(devnet.stateHistoryUrl())) {
            ship.sendRaw(new byte[] {9});
            ShipConnection.Message m = ship.next();
            assertThat(m.closed()).isTrue();
        }
    }

    @Test
    void aPlainHttpRequestIsRefused() {
        String url = devnet.stateHistoryUrl().replace("ws://", "http://");
        StepVerifier.create(reactor.netty.http.client.HttpClient.create().get().uri(url + "/")
                        .responseSingle((res, body) -> reactor.core.publisher.Mono.just(res.status().code())))
                .expectNext(400)
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    /** The block's deltas by table name, in the order they came. */
    static Map<String, JsonNode> deltas(ShipConnection ship, JsonNode result) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (JsonNode d : ship.decode("table_delta[]", result.get("deltas"))) {
            assertThat(d.get(0).asText()).isEqualTo("table_delta_v0");
            out.put(d.get(1).get("name").asText(), d.get(1));
        }
        return out;
    }
}
