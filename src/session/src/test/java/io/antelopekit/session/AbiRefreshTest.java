package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Name;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the kit's ABI cache is asked again: an action or a field, at any depth, the cached ABI does not know. */
class AbiRefreshTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final Abi ABI = Abi.fromJson("""
            {"version":"eosio::abi/1.2",
             "types":[{"new_type_name":"items_t","type":"item[]"},{"new_type_name":"item_t","type":"item"}],
             "structs":[
               {"name":"base","base":"","fields":[{"name":"id","type":"uint64"}]},
               {"name":"order","base":"base","fields":[{"name":"items","type":"items_t"},
                   {"name":"gift","type":"item_t?"},{"name":"extra","type":"item$"},{"name":"tag","type":"choice"}]},
               {"name":"item","base":"","fields":[{"name":"sku","type":"name"},{"name":"qty","type":"uint32"}]}],
             "variants":[{"name":"choice","types":["string","item"]}],
             "actions":[{"name":"place","type":"order","ricardian_contract":""}],
             "tables":[]}
            """);
    static final Name PLACE = Name.from("place");

    static Map<String, Object> item(String sku) {
        return Map.of("sku", sku, "qty", 1);
    }

    @Test
    void anUnknownActionAsksAgain() {
        assertThat(AbiRefresh.unknownActionOrField(ABI, Name.from("cancel"), Map.of())).isTrue();
    }

    @Test
    void knownFieldsAtEveryDepthDoNot() {
        Map<String, Object> order = Map.of("id", 7, "items", List.of(item("apple"), item("pear")),
                "gift", item("box"), "extra", item("card"), "tag", "red");
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, order)).isFalse();
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, Map.of())).isFalse();
    }

    @Test
    void anUnknownTopLevelFieldOrOneOfTheBaseAsksAgain() {
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, Map.of("id", 1, "coupon", "x"))).isTrue();
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, Map.of("id", 1))).as("a base's field is known").isFalse();
    }

    @Test
    void anUnknownFieldInsideAListThroughATypedefAsksAgain() {
        Map<String, Object> order = Map.of("id", 7,
                "items", List.of(item("apple"), Map.of("sku", "pear", "qty", 1, "colour", "green")));
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, order)).isTrue();
    }

    @Test
    void anUnknownFieldInsideAnOptionalOrABinaryExtensionAsksAgain() {
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE,
                Map.of("gift", Map.of("sku", "box", "wrap", true)))).isTrue();
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE,
                Map.of("extra", Map.of("sku", "card", "ink", "gold")))).isTrue();
    }

    @Test
    void jsonTreesAreWalkedTheSameWay() throws Exception {
        JsonNode known = JSON.readTree("{\"id\":1,\"items\":[{\"sku\":\"apple\",\"qty\":2}]}");
        JsonNode unknown = JSON.readTree("{\"id\":1,\"items\":[{\"sku\":\"apple\",\"qty\":2,\"size\":\"XL\"}]}");
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, known)).isFalse();
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, unknown)).isTrue();
    }

    @Test
    void variantsRecordsAndScalarsAreLeftToTheEncoder() {
        record Order(long id) {
        }
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, Map.of("tag", Map.of("anything", 1)))).isFalse();
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, new Order(1))).isFalse();
        assertThat(AbiRefresh.unknownActionOrField(ABI, PLACE, Map.of("items", "not a list"))).isFalse();
    }
}
