package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.plugin.ActionReturnValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Return values decoded from canned node answers, the way nodeos writes its traces. */
class ReturnValuesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = ChainJson.mapper();
    static final Name APP = Name.from("app");
    static final Abi ABI = Abi.fromJson("""
            {"version":"eosio::abi/1.2","types":[],
             "structs":[
              {"name":"compute","base":"","fields":[{"name":"a","type":"uint64"}]},
              {"name":"noresult","base":"","fields":[]},
              {"name":"result","base":"","fields":[{"name":"sum","type":"uint64"},{"name":"who","type":"name"}]}],
             "actions":[{"name":"compute","type":"compute","ricardian_contract":""},
                        {"name":"noresult","type":"noresult","ricardian_contract":""}],
             "tables":[],"ricardian_clauses":[],"variants":[],
             "action_results":[{"name":"compute","result_type":"result"}]}
            """);
    static final String RESULT_HEX = Bytes.of(ABI.encode("result", Map.of("sum", 42, "who", "alice"))).toString();

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

    static TransactionResponse response(List<ObjectNode> traces) throws Exception {
        ObjectNode processed = JSON.createObjectNode();
        processed.put("id", "00".repeat(32)).put("block_num", 1001).put("block_time", "2026-11-26T04:00:00.500")
                .putNull("producer_block_id").putNull("receipt").put("elapsed", 100).put("net_usage", 128)
                .put("scheduled", false);
        ArrayNode array = processed.putArray("action_traces");
        traces.forEach(array::add);
        processed.putNull("account_ram_delta").putNull("except").putNull("error_code");
        ObjectNode out = JSON.createObjectNode();
        out.put("transaction_id", "00".repeat(32));
        out.set("processed", processed);
        return JSON.treeToValue(out, TransactionResponse.class);
    }

    @Test
    void eachKindOfTraceIsDecodedOrKept() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Function<Name, Mono<Abi>> abis = name -> {
            lookups.incrementAndGet();
            return name.equals(APP) ? Mono.just(ABI) : Mono.error(new SessionException("no ABI of " + name));
        };
        TransactionResponse response = response(List.of(
                trace(1, "app", "compute", RESULT_HEX, null),
                trace(2, "bob", "compute", "0100000000000000", null), // a notified account's value
                trace(3, "app", "noresult", "2a", JSON.createObjectNode().put("x", 42)),
                trace(4, "app", "compute", "01", null), // does not decode as "result"
                trace(5, "app", "compute", "", null))); // no return value

        List<ActionReturnValue> values = ReturnValues.of(response, abis).block(TIMEOUT);

        assertThat(values).extracting(ActionReturnValue::actionOrdinal).containsExactly(1L, 2L, 3L, 4L);
        ActionReturnValue compute = values.get(0);
        assertThat(compute.resultType()).isEqualTo("result");
        assertThat(compute.decoded()).isTrue();
        assertThat(compute.data().get("sum").asLong()).isEqualTo(42);
        assertThat(compute.data().get("who").asText()).isEqualTo("alice");

        assertThat(values.get(1).resultType()).isNull();
        assertThat(values.get(1).decoded()).isFalse();
        assertThat(values.get(1).hex()).isEqualTo("0100000000000000");

        assertThat(values.get(2).resultType()).isNull();
        assertThat(values.get(2).data().get("x").asInt()).as("the node's own decoding").isEqualTo(42);

        assertThat(values.get(3).resultType()).isEqualTo("result");
        assertThat(values.get(3).decoded()).isFalse();
        // the notified receiver's trace asked for no ABI
        assertThat(lookups).hasValue(3);
    }

    @Test
    void withoutAnAbiAValueIsKeptUndecoded() throws Exception {
        TransactionResponse response = response(List.of(trace(1, "app", "compute", RESULT_HEX, null)));

        StepVerifier.create(ReturnValues.of(response, name -> Mono.error(new SessionException("no ABI"))))
                .assertNext(values -> {
                    assertThat(values).hasSize(1);
                    assertThat(values.get(0).decoded()).isFalse();
                    assertThat(values.get(0).hex()).isEqualTo(RESULT_HEX);
                })
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(ReturnValues.of(response, name -> Mono.empty()))
                .assertNext(values -> assertThat(values).singleElement()
                        .satisfies(v -> assertThat(v.decoded()).isFalse()))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void anAnswerWithoutTracesHasNoValues() throws Exception {
        Function<Name, Mono<Abi>> never = name -> Mono.error(new AssertionError("asked for " + name));
        assertThat(ReturnValues.of(response(List.of()), never).block(TIMEOUT)).isEmpty();
        assertThat(ReturnValues.of(response(List.of(trace(1, "app", "compute", "", null))), never).block(TIMEOUT))
                .isEmpty();
        TransactionResponse unprocessed = JSON.treeToValue(
                JSON.createObjectNode().put("transaction_id", "00".repeat(32)), TransactionResponse.class);
        assertThat(ReturnValues.of(unprocessed, never).block(TIMEOUT)).isEmpty();
    }

    @Test
    void aTraceFromNodeJsonDecodesAlone() throws Exception {
        ActionTrace t = JSON.treeToValue(trace(7, "app", "compute", RESULT_HEX, null), ActionTrace.class);
        ActionReturnValue v = ReturnValues.returnValue(t, name -> Mono.just(ABI)).block(TIMEOUT);
        assertThat(v.actionOrdinal()).isEqualTo(7L);
        assertThat(v.contract()).isEqualTo(APP);
        assertThat(v.action()).isEqualTo(Name.from("compute"));
        assertThat(v.data().get("sum").asLong()).isEqualTo(42);
    }
}
