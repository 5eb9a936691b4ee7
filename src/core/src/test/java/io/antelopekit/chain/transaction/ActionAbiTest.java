package io.antelopekit.chain.transaction;

import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import static io.antelopekit.chain.transaction.TransactionTestData.JSON;
import static io.antelopekit.chain.transaction.TransactionTestData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiSerializationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Actions built from records, maps and JSON through a contract's ABI. */
class ActionAbiTest {

    record Transfer(Name from, Name to, Asset quantity, String memo) {
    }

    private static Abi token;

    @BeforeAll
    static void loadAbi() throws Exception {
        Path dir = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"));
        token = Abi.fromJson(Files.readString(dir.resolve("abis").resolve("eosio.token.json")));
    }

    /** from alice, to bob, 1.0000 EOS (int64 10000 + symbol 4,EOS), memo "hi". */
    private static String transferHex() {
        return hex(Name.from("alice").toBytes()) + hex(Name.from("bob").toBytes()) + "1027000000000000"
                + "04454f5300000000" + "02" + "6869";
    }

    private static Transfer transfer() {
        return new Transfer(Name.from("alice"), Name.from("bob"), Asset.from("1.0000 EOS"), "hi");
    }

    @Test
    void encodesARecordThroughTheAbisActionType() {
        Action a = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"), transfer(), token);
        assertThat(a.account()).isEqualTo(Name.from("eosio.token"));
        assertThat(a.name()).isEqualTo(Name.from("transfer"));
        assertThat(a.authorization()).containsExactly(PermissionLevel.from("alice@active"));
        assertThat(a.data().toString()).isEqualTo(transferHex());
    }

    @Test
    void mapsJsonAndBytesGiveTheSameAction() throws Exception {
        Action fromRecord = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"), transfer(), token);
        Map<String, Object> map = Map.of("from", "alice", "to", "bob", "quantity", "1.0000 EOS", "memo", "hi");
        JsonNode json = JSON.readTree("{\"from\":\"alice\",\"to\":\"bob\",\"quantity\":\"1.0000 EOS\",\"memo\":\"hi\"}");
        Name contract = Name.from("eosio.token");
        List<PermissionLevel> auth = List.of(PermissionLevel.from("alice@active"));
        assertThat(Action.of(contract, "transfer", auth, map, token)).isEqualTo(fromRecord);
        assertThat(Action.of(contract, "transfer", auth, json, token)).isEqualTo(fromRecord);
        assertThat(Action.of(contract, "transfer", auth, Bytes.from(transferHex()), token)).isEqualTo(fromRecord);
        assertThat(Action.of(contract, "transfer", auth, hex(transferHex()), token)).isEqualTo(fromRecord);
    }

    @Test
    void knowsItsDecodedData() throws Exception {
        Action a = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"), transfer(), token);
        JsonNode expected =
                JSON.readTree("{\"from\":\"alice\",\"to\":\"bob\",\"quantity\":\"1.0000 EOS\",\"memo\":\"hi\"}");
        assertThat(a.decodedData()).contains(expected);
        // a fresh copy each time: changing it changes nothing
        ((com.fasterxml.jackson.databind.node.ObjectNode) a.decodedData().orElseThrow()).put("memo", "changed");
        assertThat(a.decodedData()).contains(expected);

        Action raw = Action.of(a.account(), a.name(), a.authorization(), a.data());
        assertThat(raw.decodedData()).isEmpty();
        assertThat(raw.decodeData(token)).isEqualTo(expected);
        assertThat(raw.withAbi(token).decodedData()).contains(expected);
        assertThat(raw.withAbi(token)).isEqualTo(raw);
    }

    @Test
    void anActionTheAbiDoesNotDeclareIsAnError() {
        assertThatThrownBy(() -> Action.of("eosio.token", "nope", PermissionLevel.from("alice@active"), transfer(), token))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"nope\"")
                .hasMessageContaining("eosio.token");
        Action other = Action.of(Name.from("eosio.token"), Name.from("nope"), List.of(), Bytes.EMPTY);
        assertThatThrownBy(() -> other.decodeData(token))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("\"nope\"");
    }

    @Test
    void dataThatDoesNotFitTheTypeIsAnError() {
        Map<String, Object> noQuantity = Map.of("from", "alice", "to", "bob", "memo", "hi");
        assertThatThrownBy(() -> Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"),
                noQuantity, token))
                .isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("quantity");
    }
}
