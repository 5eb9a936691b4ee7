package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidNameException;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import static io.antelopekit.chain.transaction.TransactionTestData.ACTION_HEX;
import static io.antelopekit.chain.transaction.TransactionTestData.JSON;
import static io.antelopekit.chain.transaction.TransactionTestData.hex;
import static io.antelopekit.chain.transaction.TransactionTestData.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionTest {

    private static final String TRANSFER_JSON = "{\"account\":\"eosio.token\",\"name\":\"transfer\","
            + "\"authorization\":[{\"actor\":\"eosio\",\"permission\":\"active\"}],\"data\":\"0102\"}";

    @Test
    void encodesAccountNameAuthorizationAndData() {
        assertThat(hex(transfer().toBytes())).isEqualTo(ACTION_HEX);
        assertThat(transfer().encodedSize()).isEqualTo(ACTION_HEX.length() / 2);
    }

    @Test
    void decodesWhatItEncodes() {
        BinaryReader in = new BinaryReader(hex(ACTION_HEX));
        Action a = Action.decode(in);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(a).isEqualTo(transfer()).hasSameHashCodeAs(transfer());
        assertThat(a.account()).isEqualTo(Name.from("eosio.token"));
        assertThat(a.name()).isEqualTo(Name.from("transfer"));
        assertThat(a.authorization()).containsExactly(PermissionLevel.from("eosio@active"));
        assertThat(a.data()).isEqualTo(Bytes.from("0102"));
        assertThat(a.decodedData()).isEmpty();
    }

    @Test
    void truncatedOrHostileBytesFailWithTheOffset() {
        byte[] truncated = hex(ACTION_HEX.substring(0, ACTION_HEX.length() - 2));
        assertThatThrownBy(() -> Action.decode(new BinaryReader(truncated)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("offset");
        // an authorization count of 2^32-1 with nothing behind it
        byte[] hostile = hex("00a6823403ea3055" + "000000572d3ccdcd" + "ffffffff0f");
        assertThatThrownBy(() -> Action.decode(new BinaryReader(hostile)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("authorization");
    }

    @Test
    void authorizationIsCopiedAndUnmodifiable() {
        List<PermissionLevel> auth = new java.util.ArrayList<>(List.of(PermissionLevel.from("a@active")));
        Action a = Action.of(Name.from("x"), Name.from("y"), auth, Bytes.EMPTY);
        auth.add(PermissionLevel.from("b@active"));
        assertThat(a.authorization()).hasSize(1);
        assertThatThrownBy(() -> a.authorization().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonIsTheNodesFormWithHexData() throws Exception {
        assertThat(JSON.writeValueAsString(transfer())).isEqualTo(TRANSFER_JSON);
        assertThat(transfer().toString()).isEqualTo(TRANSFER_JSON);
        assertThat(JSON.readValue(TRANSFER_JSON, Action.class)).isEqualTo(transfer());
    }

    @Test
    void readsTheGetBlockFormWithDecodedDataAndHexData() throws Exception {
        Action a = JSON.readValue("{\"account\":\"m.federation\",\"name\":\"mine\",\"authorization\":"
                + "[{\"actor\":\"a2coa.c.wam\",\"permission\":\"active\"}],\"data\":{\"miner\":\"a2coa.c.wam\","
                + "\"nonce\":\"c2044a93e074b52b\"},\"hex_data\":\"00a4e1000143913008c2044a93e074b52b\"}", Action.class);
        assertThat(a.data()).isEqualTo(Bytes.from("00a4e1000143913008c2044a93e074b52b"));
        JsonNode decoded = a.decodedData().orElseThrow();
        assertThat(decoded.get("miner").asText()).isEqualTo("a2coa.c.wam");
        // equality ignores the decoded form
        assertThat(a).isEqualTo(Action.of(a.account(), a.name(), a.authorization(), a.data()));
        // written back in the push_transaction form, data as hex
        assertThat(JSON.readTree(JSON.writeValueAsString(a)).get("data").asText())
                .isEqualTo("00a4e1000143913008c2044a93e074b52b");
    }

    @Test
    void decodedDataWithoutHexCannotBeReadWithoutAnAbi() {
        assertThatThrownBy(() -> JSON.readValue("{\"account\":\"eosio.token\",\"name\":\"transfer\","
                + "\"authorization\":[],\"data\":{\"from\":\"alice\"}}", Action.class))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("action.data is an object");
    }

    @Test
    void jsonErrorsNameTheFieldPath() throws Exception {
        JsonNode bad = JSON.readTree("{\"account\":\"eosio.token\",\"name\":\"transfer\","
                + "\"authorization\":[{\"actor\":\"Alice\",\"permission\":\"active\"}],\"data\":\"\"}");
        assertThatThrownBy(() -> Action.fromJson(bad, "actions[3]"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("actions[3].authorization[0].actor");
        JsonNode badHex = JSON.readTree("{\"account\":\"a\",\"name\":\"b\",\"authorization\":[],\"data\":\"0g\"}");
        assertThatThrownBy(() -> Action.fromJson(badHex, "actions[0]"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("actions[0].data");
        JsonNode noAuth = JSON.readTree("{\"account\":\"a\",\"name\":\"b\",\"data\":\"\"}");
        assertThatThrownBy(() -> Action.fromJson(noAuth, "actions[0]"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("actions[0].authorization is missing");
    }
}
