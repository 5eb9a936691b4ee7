package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.ExtendedAsset;
import io.antelopekit.chain.InvalidAssetException;
import io.antelopekit.chain.InvalidSymbolException;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.SymbolCode;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * {@code assets.jsonl}: assets, symbols, symbol codes and extended assets: canonical strings,
 * exact bytes, raw values. Rows with {@code valid:false} must be rejected, including the two the
 * reference accepted by truncating ({@code "1.0000 EOSSSSSSS"}) or misparsing
 * ({@code "1.00.00 EOS"}).
 */
final class AssetVectors {

    private AssetVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("assets.jsonl", row -> row.get("kind").asText() + " " + row.get("input"), AssetVectors::check);
    }

    private static void check(JsonNode row) {
        String kind = row.get("kind").asText();
        switch (kind) {
            case "asset" -> asset(row);
            case "symbol" -> symbol(row);
            case "symbol_code" -> symbolCode(row);
            case "extended_asset" -> extendedAsset(row);
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    private static void asset(JsonNode row) {
        String input = row.get("input").asText();
        if (!row.get("valid").asBoolean()) {
            assertThatThrownBy(() -> Asset.from(input))
                    .isInstanceOf(InvalidAssetException.class)
                    .hasMessageContaining("\"" + input + "\"");
            return;
        }
        Asset asset = Asset.from(input);
        assertThat(asset.toString()).isEqualTo(row.get("canonical").asText());
        assertThat(Vectors.hex(asset.toBytes())).isEqualTo(row.get("hex").asText());
        assertThat(Long.toString(asset.units())).isEqualTo(row.get("units").asText());
        assertThat(asset.symbol().precision()).isEqualTo(row.get("precision").asInt());
        assertThat(asset.symbol().code().toString()).isEqualTo(row.get("symbol_code").asText());
        assertThat(Long.toUnsignedString(asset.symbol().value())).isEqualTo(row.get("symbol_value").asText());
        assertThat(asset.toBigDecimal()).isEqualTo(new BigDecimal(row.get("canonical").asText().split(" ")[0]));
        assertThat(decode(row.get("hex").asText(), Asset::decode)).isEqualTo(asset);
        assertThat(Asset.from(asset.toString())).isEqualTo(asset);
    }

    private static void symbol(JsonNode row) {
        String input = row.get("input").asText();
        if (!row.get("valid").asBoolean()) {
            assertThatThrownBy(() -> Symbol.from(input))
                    .isInstanceOf(InvalidSymbolException.class)
                    .hasMessageContaining("\"" + input + "\"");
            return;
        }
        Symbol symbol = Symbol.from(input);
        assertThat(symbol.toString()).isEqualTo(row.get("canonical").asText());
        assertThat(Vectors.hex(symbol.toBytes())).isEqualTo(row.get("hex").asText());
        assertThat(Long.toUnsignedString(symbol.value())).isEqualTo(row.get("symbol_value").asText());
        assertThat(Symbol.of(symbol.value())).isEqualTo(symbol);
        assertThat(decode(row.get("hex").asText(), Symbol::decode)).isEqualTo(symbol);
    }

    private static void symbolCode(JsonNode row) {
        String input = row.get("input").asText();
        SymbolCode code = SymbolCode.from(input);
        assertThat(code.toString()).isEqualTo(row.get("canonical").asText());
        assertThat(Vectors.hex(code.toBytes())).isEqualTo(row.get("hex").asText());
        assertThat(Long.toUnsignedString(code.value())).isEqualTo(row.get("value").asText());
        assertThat(SymbolCode.of(code.value())).isEqualTo(code);
        assertThat(decode(row.get("hex").asText(), SymbolCode::decode)).isEqualTo(code);
    }

    private static void extendedAsset(JsonNode row) {
        ExtendedAsset x;
        try {
            x = Vectors.JSON.treeToValue(row.get("input"), ExtendedAsset.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertThat((Object) Vectors.JSON.valueToTree(x)).isEqualTo(row.get("canonical"));
        assertThat(Vectors.hex(x.toBytes())).isEqualTo(row.get("hex").asText());
        assertThat(decode(row.get("hex").asText(), ExtendedAsset::decode)).isEqualTo(x);
        // The reference has no toString here ("[object Object]"); ours is the node's quantity@contract.
        assertThat(x.toString()).isEqualTo(row.at("/canonical/quantity").asText() + "@" + row.at("/canonical/contract").asText());
    }

    private static <T> T decode(String hex, java.util.function.Function<BinaryReader, T> decoder) {
        BinaryReader in = new BinaryReader(Vectors.hex(hex));
        T value = decoder.apply(in);
        in.expectEnd(hex);
        return value;
    }
}
