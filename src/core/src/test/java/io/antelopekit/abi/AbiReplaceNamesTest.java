package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Abi#replaceNames}: every value typed name, and nothing else. */
class AbiReplaceNamesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String ABI = """
            {"version":"eosio::abi/1.2",
             "types":[{"new_type_name":"account","type":"name"}],
             "structs":[
               {"name":"base","base":"","fields":[{"name":"owner","type":"account"}]},
               {"name":"pair","base":"","fields":[{"name":"who","type":"name"},{"name":"note","type":"string"}]},
               {"name":"act","base":"base","fields":[
                 {"name":"to","type":"name"},
                 {"name":"memo","type":"string"},
                 {"name":"many","type":"name[]"},
                 {"name":"maybe","type":"account?"},
                 {"name":"pairs","type":"pair[]"},
                 {"name":"choice","type":"either"},
                 {"name":"later","type":"name$"}]}],
             "variants":[{"name":"either","types":["uint64","pair"]}],
             "actions":[{"name":"act","type":"act","ricardian_contract":""}]}
            """;

    @Test
    void everyNameTypedValueIsReplacedAndStringsStay() throws Exception {
        Abi abi = Abi.fromJson(ABI);
        JsonNode data = JSON.readTree("""
                {"owner":"x","to":"x","memo":"x","many":["x","y","x"],"maybe":"x",
                 "pairs":[{"who":"x","note":"x"}],"choice":["pair",{"who":"x","note":"x"}],"later":"x"}
                """);
        // the data encodes: the walk follows the ABI's real types
        byte[] before = abi.encode("act", data);
        JsonNode out = abi.replaceNames("act", data, n -> n.equals("x") ? "alice" : n);
        assertThat(out).isSameAs(data);
        assertThat(JSON.writeValueAsString(out)).isEqualTo("""
                {"owner":"alice","to":"alice","memo":"x","many":["alice","y","alice"],"maybe":"alice",\
                "pairs":[{"who":"alice","note":"x"}],"choice":["pair",{"who":"alice","note":"x"}],"later":"alice"}""");
        assertThat(abi.encode("act", out)).isNotEqualTo(before);
    }

    @Test
    void aBareNameComesBackAsANewNodeAndKeptNamesStayTheSameNodes() throws Exception {
        Abi abi = Abi.fromJson(ABI);
        JsonNode name = JSON.readTree("\"x\"");
        assertThat(abi.replaceNames("account", name, n -> "bob").asText()).isEqualTo("bob");
        assertThat(name.asText()).isEqualTo("x");
        JsonNode pair = JSON.readTree("{\"who\":\"x\",\"note\":\"x\"}");
        JsonNode who = pair.get("who");
        abi.replaceNames("pair", pair, n -> null);
        assertThat(pair.get("who")).isSameAs(who);
        // a variant alternative that is not a struct, and nulls, are left alone
        JsonNode choice = JSON.readTree("[\"uint64\",7]");
        assertThat(abi.replaceNames("either", choice, n -> "bob").toString()).isEqualTo("[\"uint64\",7]");
        assertThat(abi.replaceNames("act", JSON.nullNode(), n -> "bob").isNull()).isTrue();
    }
}
