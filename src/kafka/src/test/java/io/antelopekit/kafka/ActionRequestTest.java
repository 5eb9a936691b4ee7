package io.antelopekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request and outcome records: their JSON both ways, and what a malformed request is told. */
class ActionRequestTest {

    @Test
    void aRequestReadsBackAsWritten() {
        ActionRequest r = ActionRequest.of("p-1", "eosio.token", "transfer",
                Map.of("from", "alice", "to", "bob", "quantity", "1.0000 EOS", "memo", "p-1"));
        assertThat(ActionRequest.parse(r.toJson())).isEqualTo(r);
        assertThat(r.authorization()).isEmpty();
        assertThat(r.toJson()).doesNotContain("authorization");

        ActionRequest authorized = r.withAuthorization(PermissionLevel.from("carol@active"));
        assertThat(ActionRequest.parse(authorized.toJson())).isEqualTo(authorized);
        assertThat(authorized.authorization()).containsExactly(new PermissionLevel(Name.from("carol"), Name.from("active")));
        assertThat(authorized.toString()).isEqualTo("ActionRequest[p-1: eosio.token::transfer]").doesNotContain("bob");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json                                                              | not JSON",
        "[1,2]                                                                  | not a JSON object",
        "{\"contract\":\"eosio.token\",\"action\":\"transfer\",\"data\":{}}     | \"id\" is missing",
        "{\"id\":\" \",\"contract\":\"eosio.token\",\"action\":\"transfer\",\"data\":{}} | \"id\" is blank",
        "{\"id\":7,\"contract\":\"eosio.token\",\"action\":\"transfer\",\"data\":{}} | \"id\" is not a string",
        "{\"id\":\"a\",\"action\":\"transfer\",\"data\":{}}                     | \"contract\" is missing",
        "{\"id\":\"a\",\"contract\":\"Eosio\",\"action\":\"transfer\",\"data\":{}} | \"contract\" is not a name",
        "{\"id\":\"a\",\"contract\":\"eosio.token\",\"action\":\"transfer\"}     | request a has no \"data\"",
        "{\"id\":\"a\",\"contract\":\"eosio.token\",\"action\":\"transfer\",\"authorization\":{},\"data\":{}} | \"authorization\" of request a is not an array",
        "{\"id\":\"a\",\"contract\":\"eosio.token\",\"action\":\"transfer\",\"authorization\":[{\"actor\":\"alice\"}],\"data\":{}} | \"authorization[0].permission\" is missing",
    })
    void aMalformedRequestIsToldWhatIsWrongAndWhere(String value, String message) {
        assertThatThrownBy(() -> ActionRequest.parse(value)).isInstanceOf(MalformedRequestException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anOutcomeReadsBackAsWritten() {
        Checksum256 tx = Checksum256.hash(new byte[] {1});
        RequestOutcome executed = new RequestOutcome("p-1", 3, 17, RequestOutcome.Status.EXECUTED, tx, 42, true, null, null);
        RequestOutcome failed = new RequestOutcome("p-2", 3, 18, RequestOutcome.Status.FAILED, tx, 0, false,
                "eosio_assert_message_exception", "assertion failure with message: overdrawn balance");
        RequestOutcome unsigned = new RequestOutcome("p-3", 0, 1, RequestOutcome.Status.FAILED, null, 0, false, null, "no key");
        for (RequestOutcome o : new RequestOutcome[] {executed, failed, unsigned}) {
            assertThat(RequestOutcome.parse(o.toJson())).isEqualTo(o);
        }
        assertThat(executed.isSuccess()).isTrue();
        assertThat(failed.toString()).contains("p-2 FAILED at 3@18").contains("overdrawn balance");
        assertThatThrownBy(() -> new RequestOutcome("x", 0, 0, RequestOutcome.Status.EXECUTED, null, 0, false, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names its transaction");
        assertThatThrownBy(() -> RequestOutcome.parse("{\"id\":\"x\",\"status\":\"LOST\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an outcome record");
    }
}
