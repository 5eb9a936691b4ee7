package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.InvalidNameException;
import io.antelopekit.chain.Name;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * {@code names.jsonl}: string and uint64 forms of names. Rows with {@code valid:false} must be
 * rejected (the reference silently mangles them; we follow the node).
 */
final class NameVectors {

    private NameVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("names.jsonl",
                row -> row.get("kind").asText() + " " + (row.has("input") ? row.get("input") : row.get("value")),
                NameVectors::check);
    }

    private static void check(JsonNode row) {
        String kind = row.get("kind").asText();
        switch (kind) {
            case "string" -> checkString(row);
            case "uint64" -> checkUint64(row);
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    private static void checkString(JsonNode row) {
        String input = row.get("input").asText();
        if (!row.get("valid").asBoolean()) {
            assertThat(Name.isValid(input)).isFalse();
            assertThatThrownBy(() -> Name.from(input))
                    .isInstanceOf(InvalidNameException.class)
                    .hasMessageContaining("\"" + input + "\"");
            return;
        }
        assertThat(Name.isValid(input)).isTrue();
        Name name = Name.from(input);
        assertThat(Long.toUnsignedString(name.value())).isEqualTo(row.get("value").asText());
        assertThat(name.toString()).isEqualTo(row.get("canonical").asText());
        Name fromValue = Name.of(Long.parseUnsignedLong(row.get("value").asText()));
        assertThat(fromValue.toString()).isEqualTo(row.get("roundtrip_value").asText());
        assertThat(fromValue).isEqualTo(name).hasSameHashCodeAs(name);
        assertThat(Name.from(name.toString())).isEqualTo(name);
    }

    private static void checkUint64(JsonNode row) {
        long value = Long.parseUnsignedLong(row.get("value").asText());
        Name name = Name.of(value);
        assertThat(Vectors.hex(name.toBytes())).isEqualTo(row.get("hex_le").asText());
        assertThat(name.toString()).isEqualTo(row.get("canonical").asText());
        BinaryReader in = new BinaryReader(Vectors.hex(row.get("hex_le").asText()));
        assertThat(Name.decode(in)).isEqualTo(name);
        in.expectEnd("name");
        assertThat(Name.from(row.get("canonical").asText()).value()).isEqualTo(value);
    }
}
