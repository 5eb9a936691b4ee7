package io.antelopekit.stream.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Name;
import io.antelopekit.test.BlockHoundSupport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link ShipClient} against a state history node written in the test, under BlockHound. */
@ExtendWith(BlockHoundSupport.class)
class ShipClientTest {

    static final Abi TOKEN = Abi.fromJson("""
            {"version":"eosio::abi/1.1",
             "structs":[{"name":"transfer","base":"","fields":[{"name":"from","type":"name"},{"name":"to","type":"name"},
                 {"name":"quantity","type":"asset"},{"name":"memo","type":"string"}]},
               {"name":"account","base":"","fields":[{"name":"balance","type":"asset"}]}],
             "actions":[{"name":"transfer","type":"transfer","ricardian_contract":""}],
             "tables":[{"name":"accounts","type":"account","index_type":"i64","key_names":[],"key_types":[]}]}""");
    static final Duration WAIT = Duration.ofSeconds(10);

    final ShipTestNode node = new ShipTestNode();

    @AfterEach
    void stop() {
        node.close();
    }

    ShipClient.Builder client() {
        return ShipClient.builder(node.endpoint()).reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .timeout(Duration.ofSeconds(3));
    }

    /** A transfer alice -> bank on eosio.token, notified to alice and bank; bank's balance row. */
    Map<String, Object> transferBlock() {
        String data = ShipTestNode.hex(TOKEN.encode("transfer",
                Map.of("from", "alice", "to", "bank", "quantity", "1.0000 EOS", "memo", "deposit")));
        Map<String, Object> act = Map.of("account", "eosio.token", "name", "transfer",
                "authorization", List.of(Map.of("actor", "alice", "permission", "active")), "data", data);
        List<Object> actionTraces = ShipTestNode.list(
                actionTrace(1, 0, "eosio.token", act), actionTrace(2, 1, "alice", act), actionTrace(3, 1, "bank", act));
        Map<String, Object> trace = new java.util.LinkedHashMap<>();
        trace.put("id", ShipTestNode.id(9, 9).toString());
        trace.put("status", 0);
        trace.put("cpu_usage_us", 100);
        trace.put("net_usage_words", 16);
        trace.put("elapsed", 120);
        trace.put("net_usage", 128);
        trace.put("scheduled", false);
        trace.put("action_traces", actionTraces);
        trace.put("account_ram_delta", null);
        trace.put("except", null);
        trace.put("error_code", null);
        trace.put("failed_dtrx_trace", null);
        trace.put("partial", null);
        Map<String, Object> row = Map.of("code", "eosio.token", "scope", "bank", "table", "accounts",
                "primary_key", "5459781", "payer", "bank",
                "value", ShipTestNode.hex(TOKEN.encode("account", Map.of("balance", "1.0000 EOS"))));
        String rowBytes = ShipTestNode.hex(ShipTestNode.SHIP_ABI.encode("contract_row", List.of("contract_row_v0", row)));
        Map<String, Object> delta = Map.of("name", "contract_row", "rows", List.of(Map.of("present", true, "data", rowBytes)));
        return Map.of("traces", List.of(List.of("transaction_trace_v0", trace)),
                "deltas", List.of(List.of("table_delta_v0", delta)));
    }

    static Object actionTrace(int ordinal, int creator, String receiver, Map<String, Object> act) {
        Map<String, Object> receipt = new java.util.LinkedHashMap<>();
        receipt.put("receiver", receiver);
        receipt.put("act_digest", ShipTestNode.id(1, 1).toString());
        receipt.put("global_sequence", 100 + ordinal);
        receipt.put("recv_sequence", ordinal);
        receipt.put("auth_sequence", List.of(Map.of("account", "alice", "sequence", 3)));
        receipt.put("code_sequence", 1);
        receipt.put("abi_sequence", 1);
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        t.put("action_ordinal", ordinal);
        t.put("creator_action_ordinal", creator);
        t.put("receipt", List.of("action_receipt_v0", receipt));
        t.put("receiver", receiver);
        t.put("act", act);
        t.put("context_free", false);
        t.put("elapsed", 7);
        t.put("console", receiver.equals("bank") ? "thanks" : "");
        t.put("account_ram_deltas", List.of());
        t.put("except", null);
        t.put("error_code", null);
        t.put("return_value", "");
        return List.of("action_trace_v1", t);
    }

    @Test
    void statusIsTheNodesAnswer() {
        StepVerifier.create(client().build().status())
                .assertNext(s -> {
                    assertThat(s.head()).isEqualTo(new ShipPosition(100, ShipTestNode.id(100, 0)));
                    assertThat(s.traceEndBlock()).isEqualTo(101);
                    assertThat(s.chainId()).isEqualTo(ShipTestNode.id(0, 7));
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void blocksTracesAndDeltasAreDecodedThroughTheContractsAbis() {
        node.contents = n -> n == 2 ? transferBlock() : Map.of();
        ShipClient ship = client().abis(c -> Mono.just(c.equals(Name.from("eosio.token")) ? Optional.of(TOKEN) : Optional.empty()))
                .build();
        StepVerifier.create(ship.blocks(ShipRequest.from(1).to(3)))
                .assertNext(b -> assertThat(b.num()).isEqualTo(1))
                .assertNext(b -> {
                    assertThat(b.id()).isEqualTo(ShipTestNode.id(2, 0));
                    assertThat(b.previous()).isEqualTo(new ShipPosition(1, ShipTestNode.id(1, 0)));
                    assertThat(b.producer()).isEqualTo(Name.from("eosio"));
                    assertThat(b.timestamp().toInstant().toString()).isEqualTo("2026-01-01T00:00:00.500Z");
                    assertThat(b.signedBlock().path("previous").asText()).isEqualTo(ShipTestNode.id(1, 0).toString());
                    ShipTransactionTrace t = b.traces().get(0);
                    assertThat(t.isExecuted()).isTrue();
                    assertThat(t.id()).isEqualTo(ShipTestNode.id(9, 9));
                    assertThat(t.actionTraces()).extracting(a -> a.receiver().toString())
                            .containsExactly("eosio.token", "alice", "bank");
                    ShipActionTrace notified = t.actionTraces().get(2);
                    assertThat(notified.isNotification()).isTrue();
                    assertThat(notified.isInline()).isFalse();
                    assertThat(notified.creatorActionOrdinal()).isEqualTo(1);
                    assertThat(notified.console()).isEqualTo("thanks");
                    assertThat(notified.data().path("to").asText()).isEqualTo("bank");
                    assertThat(notified.data().path("quantity").asText()).isEqualTo("1.0000 EOS");
                    assertThat(notified.receipt().path("recv_sequence").asLong()).isEqualTo(3);
                    assertThat(t.actionTraces().get(0).isNotification()).isFalse();
                    ShipDelta d = b.deltas().get(0);
                    assertThat(d.isContractRow()).isTrue();
                    assertThat(d.present()).isTrue();
                    assertThat(d.row().path("scope").asText()).isEqualTo("bank");
                    assertThat(d.data().path("balance").asText()).isEqualTo("1.0000 EOS");
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(node.connections.get(0).requests.get(0).get(0).asText()).isEqualTo("get_blocks_request_v0");
    }

    @Test
    void withoutAbisTheDataStayUndecoded() {
        node.contents = n -> transferBlock();
        StepVerifier.create(client().build().blocks(ShipRequest.from(5).to(6)))
                .assertNext(b -> {
                    assertThat(b.traces().get(0).actionTraces().get(0).isDecoded()).isFalse();
                    assertThat(b.deltas().get(0).data().isMissingNode()).isTrue();
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void acksFollowDemandSoASlowSubscriberSlowsTheNode() {
        ShipClient ship = client().window(4).build();
        StepVerifier.create(ship.blocks(ShipRequest.from(1)), 0)
                .thenRequest(3)
                .expectNextCount(3)
                .then(() -> {
                    ShipTestNode.Connection c = node.connections.get(0);
                    // 3 taken, so 3 acked: the node sent its window of 4 and 3 more, and may send
                    // nothing further until the client acknowledges more
                    c.awaitSent(7);
                    assertThat(c.acked.get()).isEqualTo(3);
                    assertThat(c.sent.get()).isEqualTo(7);
                    assertThat(c.credits.get()).isZero();
                    assertThat(c.maxInFlight.get()).isLessThanOrEqualTo(4);
                })
                .thenRequest(10)
                .expectNextCount(10)
                .thenCancel()
                .verify(WAIT);
        assertThat(node.connections.get(0).maxInFlight.get()).isLessThanOrEqualTo(4);
        assertThat(node.connections.get(0).requests.get(0).get(1).get("max_messages_in_flight").asInt()).isEqualTo(4);
    }

    @Test
    void aDroppedConnectionResumesAfterTheLastBlockEmitted() {
        node.dropAfter = 3;
        node.lib = 1;
        StepVerifier.create(client().build().blocks(ShipRequest.from(1).to(7)).map(ShipBlock::num))
                .expectNext(1L, 2L, 3L, 4L, 5L, 6L)
                .expectComplete()
                .verify(WAIT);
        assertThat(node.connections).hasSize(2);
        var resumed = node.connections.get(1).requests.get(0).get(1);
        assertThat(resumed.get("start_block_num").asLong()).isEqualTo(4);
        // the blocks emitted that may still be undone: above the last irreversible one, and it
        assertThat(resumed.get("have_positions")).hasSize(3);
    }

    @Test
    void aForkAfterAReconnectSaysHowManyBlocksItUndoes() {
        node.dropAfter = 4;
        node.lib = 1;
        // after the first connection (which sends its 4 blocks, then closes), the node is on
        // another fork from block 3 on
        node.forkOf = n -> n >= 3 && node.connections.size() > 1 ? 1 : 0;
        StepVerifier.create(client().build().blocks(ShipRequest.from(1).to(6)))
                .expectNextMatches(b -> b.num() == 1)
                .expectNextMatches(b -> b.num() == 2)
                .expectNextMatches(b -> b.num() == 3 && b.id().equals(ShipTestNode.id(3, 0)))
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
    }

    @Test
    void aBlockThatDoesNotFollowTheOneEmittedIsAProtocolError() {
        // block 3 names a previous (fork 0) other than the block 2 emitted (fork 1)
        node.forkOf = new java.util.function.LongFunction<>() {
            int calls;
            @Override
            public Integer apply(long n) {
                return n == 2 && calls++ < 2 ? 1 : 0;
            }
        };
        StepVerifier.create(client().build().blocks(ShipRequest.from(2).to(4)))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ShipProtocolException.class)
                        .hasMessageContaining("follows"))
                .verify(WAIT);
    }

    @Test
    void aMalformedMessageIsAProtocolError() {
        node.tamper = (i, b) -> new byte[] {1, 9, 9, 9};
        StepVerifier.create(client().build().blocks(ShipRequest.from(1).to(3)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ShipProtocolException.class)
                        .hasMessageContaining("does not decode"))
                .verify(WAIT);
    }

    @Test
    void aTruncatedMessageIsAProtocolError() {
        node.contents = n -> transferBlock();
        node.tamper = (i, b) -> Arrays.copyOf(b, b.length - 5);
        StepVerifier.create(client().build().blocks(ShipRequest.from(1).to(3)))
                .expectError(ShipProtocolException.class)
                .verify(WAIT);
    }

    @Test
    void aFirstMessageThatIsNotTheAbiIsAProtocolError() {
        node.firstMessage = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        StepVerifier.create(client().build().status())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ShipProtocolException.class)
                        .hasMessageContaining("not the state history ABI"))
                .verify(WAIT);
    }

    @Test
    void aClosedSocketIsAConnectionErrorOnceReconnectsAreUsedUp() {
        node.dropAfter = 2;
        StepVerifier.create(client().maxReconnects(0).build().blocks(ShipRequest.from(1)).map(ShipBlock::num))
                .expectNext(1L, 2L)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ShipConnectionException.class)
                        .hasMessageContaining("closed"))
                .verify(WAIT);
    }

    @Test
    void noNodeIsAConnectionError() {
        String endpoint = node.endpoint();
        node.close();
        StepVerifier.create(ShipClient.builder(endpoint).maxReconnects(1)
                        .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(10)).build().blocks(ShipRequest.from(1)))
                .expectError(ShipConnectionException.class)
                .verify(WAIT);
    }

    @Test
    void nothingGoesOnTheWireBeforeSubscription() {
        ShipClient ship = client().build();
        ship.blocks(ShipRequest.from(1));
        ship.status();
        // the first connection the node sees is the one of the status subscribed to here
        StepVerifier.create(ship.status()).expectNextCount(1).expectComplete().verify(WAIT);
        assertThat(node.connections).hasSize(1);
        assertThat(node.connections.get(0).requests).hasSize(1);
        assertThat(node.connections.get(0).requests.get(0).get(0).asText()).isEqualTo("get_status_request_v0");
    }
}
