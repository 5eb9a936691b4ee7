package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every value type maps to the node's JSON form with a plain ObjectMapper, both ways. */
class ValueJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static <T> void roundTrip(T value, String json) throws Exception {
        assertThat(JSON.writeValueAsString(value)).isEqualTo(json);
        assertThat(JSON.readValue(json, value.getClass())).isEqualTo(value);
    }

    @Test
    void stringForms() throws Exception {
        roundTrip(Name.from("eosio.token"), "\"eosio.token\"");
        roundTrip(Name.EMPTY, "\"\"");
        roundTrip(SymbolCode.from("EOS"), "\"EOS\"");
        roundTrip(Symbol.from("4,EOS"), "\"4,EOS\"");
        roundTrip(Asset.from("-1.0000 EOS"), "\"-1.0000 EOS\"");
        roundTrip(TimePoint.from("2011-04-12T12:40:37.060"), "\"2011-04-12T12:40:37.060\"");
        roundTrip(TimePointSec.from("2065-08-01T12:32:41"), "\"2065-08-01T12:32:41\"");
        roundTrip(BlockTimestamp.from("2012-01-04T01:43:59.500"), "\"2012-01-04T01:43:59.500\"");
        roundTrip(Checksum160.ripemd160(new byte[0]), "\"" + Checksum160.ripemd160(new byte[0]) + "\"");
        roundTrip(Checksum256.hash(new byte[0]), "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
        roundTrip(Checksum512.sha512(new byte[0]), "\"" + Checksum512.sha512(new byte[0]) + "\"");
        roundTrip(Bytes.from("cafe"), "\"cafe\"");
        roundTrip(Bytes.EMPTY, "\"\"");
        roundTrip(Float128.from("0000000000000000000000000000ff3f"), "\"0x0000000000000000000000000000ff3f\"");
        roundTrip(Int128.from("-170141183460469231731687303715884105728"), "\"-170141183460469231731687303715884105728\"");
        roundTrip(UInt128.from("340282366920938463463374607431768211455"), "\"340282366920938463463374607431768211455\"");
    }

    @Test
    void numberForms() throws Exception {
        roundTrip(new VarUInt32(4_294_967_295L), "4294967295");
        roundTrip(new VarInt32(-64), "-64");
        assertThat(JSON.readValue("12", Int128.class)).isEqualTo(Int128.of(12));
    }

    @Test
    void objectForms() throws Exception {
        roundTrip(PermissionLevel.from("alice@active"), "{\"actor\":\"alice\",\"permission\":\"active\"}");
        assertThat(JSON.readValue("\"alice@active\"", PermissionLevel.class)).isEqualTo(PermissionLevel.from("alice@active"));
        roundTrip(new ExtendedAsset(Asset.from("1.0000 EOS"), Name.from("eosio.token")),
                "{\"quantity\":\"1.0000 EOS\",\"contract\":\"eosio.token\"}");
        roundTrip(new ExtendedSymbol(Symbol.from("4,EOS"), Name.from("eosio.token")),
                "{\"sym\":\"4,EOS\",\"contract\":\"eosio.token\"}");
    }

    record Transfer(Name from, Name to, Asset quantity, List<PermissionLevel> auth, Map<String, TimePointSec> times) {
    }

    @Test
    void nestedInOtherTypes() throws Exception {
        String json = "{\"from\":\"alice\",\"to\":\"bob\",\"quantity\":\"0.0001 EOS\","
                + "\"auth\":[{\"actor\":\"alice\",\"permission\":\"active\"}],\"times\":{\"exp\":\"2021-08-11T15:20:08\"}}";
        Transfer t = JSON.readValue(json, Transfer.class);
        assertThat(t.quantity().units()).isEqualTo(1);
        assertThat(t.times().get("exp").seconds()).isEqualTo(1_628_695_208L);
        assertThat(JSON.writeValueAsString(t)).isEqualTo(json);
    }

    @Test
    void namesAndSymbolsWorkAsMapKeys() throws Exception {
        Map<Name, Asset> balances = Map.of(Name.from("alice"), Asset.from("1.0000 EOS"));
        String json = JSON.writeValueAsString(balances);
        assertThat(json).isEqualTo("{\"alice\":\"1.0000 EOS\"}");
        assertThat(JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<Name, Asset>>() { }))
                .isEqualTo(balances);
        Map<SymbolCode, Integer> codes = JSON.readValue("{\"EOS\":1}",
                new com.fasterxml.jackson.core.type.TypeReference<Map<SymbolCode, Integer>>() { });
        assertThat(codes).containsEntry(SymbolCode.from("EOS"), 1);
    }

    @Test
    void invalidJsonValuesFailWithTheValueException() {
        assertThatThrownBy(() -> JSON.readValue("\"Alice\"", Name.class))
                .isInstanceOf(JsonMappingException.class)
                .hasRootCauseInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> JSON.readValue("\"1.00.00 EOS\"", Asset.class))
                .hasRootCauseInstanceOf(InvalidAssetException.class);
        assertThatThrownBy(() -> JSON.readValue("4294967296", VarUInt32.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }
}
