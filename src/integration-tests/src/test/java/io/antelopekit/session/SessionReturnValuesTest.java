package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.ActionReturnValue;
import io.antelopekit.plugin.TransactResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Action return values decoded through the contract ABI's {@code action_results}. The embedded
 * devnet runs no contract code that returns values (its traces carry an empty
 * {@code return_value_hex_data}), so a small fake node on 127.0.0.1 answers {@code get_info} and
 * {@code send_transaction2} with traces holding return values, the way nodeos writes them.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionReturnValuesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Checksum256 CHAIN_ID = Checksum256.from("bb".repeat(32));
    static final Name APP = Name.from("app");
    static final ObjectMapper JSON = ChainJson.mapper();
    static final Abi ABI = Abi.fromJson("""
            {"version":"eosio::abi/1.2","types":[{"new_type_name":"account","type":"name"}],
             "structs":[
              {"name":"compute","base":"","fields":[{"name":"a","type":"uint64"},{"name":"who","type":"account"}]},
              {"name":"noresult","base":"","fields":[]},
              {"name":"result","base":"","fields":[{"name":"sum","type":"uint64"},{"name":"who","type":"name"}]}],
             "actions":[{"name":"compute","type":"compute","ricardian_contract":""},
                        {"name":"noresult","type":"noresult","ricardian_contract":""}],
             "tables":[],"ricardian_clauses":[],"variants":[],
             "action_results":[{"name":"compute","result_type":"result"}]}
            """);
    static final String GET_INFO = "{\"server_version\":\"d133c641\",\"chain_id\":\"" + CHAIN_ID + "\","
            + "\"head_block_num\":1000,\"last_irreversible_block_num\":998,"
            + "\"last_irreversible_block_id\":\"000003e6d14a6c8c1f3b6e1f2ab4d6b3b5a4c7bb49e50d5aea1ebb0a6f0e1f21\","
            + "\"head_block_id\":\"000003e8d58f04a6b07e2e5d0e3dc2a1b16e3b0f1d8c86a5a4c4c1d0e7f6a5b4\","
            + "\"head_block_time\":\"2026-11-26T04:00:00.000\",\"head_block_producer\":\"eosio\","
            + "\"virtual_block_cpu_limit\":200000000,\"virtual_block_net_limit\":1048576000,\"block_cpu_limit\":199900,"
            + "\"block_net_limit\":1048576,\"server_version_string\":\"v5.0.3\"}";

    static String hex(byte[] bytes) {
        return Bytes.of(bytes).toString();
    }

    static DisposableServer node;
    static ChainClient client;
    static final AtomicInteger abiRequests = new AtomicInteger();

    @BeforeAll
    static void start() {
        node = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r
                        .post("/v1/chain/get_info", (req, res) -> req.receive().then(res
                                .header("Content-Type", "application/json")
                                .sendString(Mono.just(GET_INFO)).then()))
                        .post("/v1/chain/get_raw_abi", (req, res) -> {
                            abiRequests.incrementAndGet();
                            return res.status(500).sendString(Mono.just("{}")).then();
                        })
                        .post("/v1/chain/send_transaction2", (req, res) -> req.receive().aggregate().asString()
                                .map(SessionReturnValuesTest::answer)
                                .flatMap(body -> res.header("Content-Type", "application/json")
                                        .sendString(Mono.just(body)).then())))
                .bindNow();
        client = ChainClient.create("http://127.0.0.1:" + node.port());
    }

    @AfterAll
    static void stop() {
        client.dispose();
        node.disposeNow();
    }

    /** The node's answer: traces with return values, one of each kind the session must handle. */
    static String answer(String request) {
        try {
            JsonNode body = JSON.readTree(request);
            Checksum256 id = JSON.treeToValue(body.get("transaction"), PackedTransaction.class).id();
            String result = hex(ABI.encode("result", Map.of("sum", 42, "who", "alice")));
            ObjectNode processed = JSON.createObjectNode();
            processed.put("id", id.toString()).put("block_num", 1001).put("block_time", "2026-11-26T04:00:00.500")
                    .putNull("producer_block_id").putNull("receipt").put("elapsed", 100).put("net_usage", 128)
                    .put("scheduled", false);
            ArrayNode traces = processed.putArray("action_traces");
            traces.add(trace(1, "app", "compute", result, null));
            traces.add(trace(2, "bob", "compute", "0100000000000000", null)); // a notified account's value
            traces.add(trace(3, "app", "noresult", "2a", JSON.createObjectNode().put("x", 42)));
            traces.add(trace(4, "app", "compute", "01", null)); // does not decode as "result"
            traces.add(trace(5, "app", "compute", "", null)); // no return value
            processed.putNull("account_ram_delta").putNull("except").putNull("error_code");
            ObjectNode out = JSON.createObjectNode();
            out.put("transaction_id", id.toString());
            out.set("processed", processed);
            return JSON.writeValueAsString(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode trace(int ordinal, String receiver, String action, String hex, JsonNode value) {
        ObjectNode t = JSON.createObjectNode();
        t.put("action_ordinal", ordinal).put("creator_action_ordinal", 0)
                .put("closest_unnotified_ancestor_action_ordinal", 0).putNull("receipt").put("receiver", receiver);
        ObjectNode act = t.putObject("act");
        act.put("account", "app").put("name", action);
        act.putArray("authorization").addObject().put("actor", "alice").put("permission", "active");
        act.put("data", "");
        t.put("context_free", false).put("elapsed", 10).put("console", "").put("block_num", 1001)
                .put("block_time", "2026-11-26T04:00:00.500").putNull("producer_block_id");
        t.putArray("account_ram_deltas");
        t.putNull("except").putNull("error_code").put("return_value_hex_data", hex);
        if (value != null) {
            t.set("return_value_data", value);
        }
        return t;
    }

    static Session.Builder session() {
        return Session.builder().chain(ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:" + node.port())).client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(PrivateKey.generate(KeyType.K1)));
    }

    static TransactArgs args() {
        return TransactArgs.ofActions(List.of(
                ActionRequest.of("app", "compute", Map.of("a", 41, "who", "............1")),
                ActionRequest.of("app", "noresult", Map.of())));
    }

    @Test
    void returnValuesAreDecodedThroughTheAbisActionResults() {
        TransactResult r = session().abi(APP, ABI).build().transact(args()).block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.response().transactionId()).isEqualTo(r.id());
        List<ActionReturnValue> returns = r.returns();
        assertThat(returns).extracting(ActionReturnValue::actionOrdinal).containsExactly(1L, 2L, 3L, 4L);

        ActionReturnValue compute = returns.get(0);
        assertThat(compute.contract()).isEqualTo(APP);
        assertThat(compute.action()).isEqualTo(Name.from("compute"));
        assertThat(compute.resultType()).isEqualTo("result");
        assertThat(compute.decoded()).isTrue();
        assertThat(compute.data().get("sum").asLong()).isEqualTo(42);
        assertThat(compute.data().get("who").asText()).isEqualTo("alice");
        assertThat(compute.hex()).isEqualTo(hex(ABI.encode("result", Map.of("sum", 42, "who", "alice"))));

        // a notified receiver's value is not the action's declared result: kept undecoded
        assertThat(returns.get(1).resultType()).isNull();
        assertThat(returns.get(1).data()).isNull();
        assertThat(returns.get(1).hex()).isEqualTo("0100000000000000");

        // no result type in the ABI: the node's own decoding is kept
        assertThat(returns.get(2).resultType()).isNull();
        assertThat(returns.get(2).data().get("x").asInt()).isEqualTo(42);

        // bytes that do not decode as the result type: the type is named, the data is not made up
        assertThat(returns.get(3).resultType()).isEqualTo("result");
        assertThat(returns.get(3).decoded()).isFalse();
        assertThat(abiRequests).hasValue(0);
    }

    @Test
    void anAbiGivenForOneCallDecodesItsReturnValues() {
        TransactResult r = session().build()
                .transact(args(), TransactOptions.DEFAULT.withAbi(APP, ABI)).block(TIMEOUT);
        assertThat(r.returns().get(0).data().get("sum").asLong()).isEqualTo(42);
        assertThat(abiRequests).hasValue(0);
        // the placeholder in the name field (through an alias) was resolved before signing
        JsonNode data = r.transaction().actions().get(0).decodeData(ABI);
        assertThat(data.get("who").asText()).isEqualTo("alice");
    }

    @Test
    void withoutBroadcastThereAreNoReturnValues() {
        TransactResult r = session().abi(APP, ABI).build()
                .transact(args(), TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT);
        assertThat(r.response()).isNull();
        assertThat(r.returns()).isEmpty();
    }

    @Test
    void aReturnValueTraceFromNodeJsonDecodes() throws Exception {
        // one trace as a node writes it, decoded alone
        String json = new String(trace(1, "app", "compute",
                hex(ABI.encode("result", Map.of("sum", 7, "who", "bob"))), null).toString()
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        io.antelopekit.api.model.ActionTrace t = JSON.readValue(json, io.antelopekit.api.model.ActionTrace.class);
        ActionReturnValue v = ReturnValues.returnValue(t, name -> Mono.just(ABI)).block(TIMEOUT);
        assertThat(v.data().get("sum").asLong()).isEqualTo(7);
        assertThat(v.data().get("who").asText()).isEqualTo("bob");
        // no ABI to be had: kept undecoded, not an error
        ActionReturnValue none = ReturnValues.returnValue(t, name -> Mono.error(new SessionException("no abi")))
                .block(TIMEOUT);
        assertThat(none.decoded()).isFalse();
        assertThat(none.hex()).isEqualTo(v.hex());
    }
}
