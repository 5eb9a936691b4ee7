package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiSerializationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * {@code abi_encode.jsonl}: every row encodes {@code input_value} to exactly {@code hex},
 * decodes {@code hex} to {@code json_value}, and re-encodes what it decoded to {@code hex}.
 *
 * <p>Deliberate differences from the reference, asserted as our behaviour:
 * <ul>
 *   <li>{@code valid:false} rows must throw an {@link AbiSerializationException} (including
 *       {@code uint8[2]}, which the reference encodes without a length: fixed-size arrays are
 *       an ABI 1.3 feature and this ABI is 1.2);</li>
 *   <li>rows with {@code reencode_matches:false} hold float32 values the reference's
 *       {@code toFixed(7)} text cannot carry; ours decodes them to text that reads back as the
 *       same float, so the decoded JSON differs from {@code json_value} only in those floats,
 *       which round to the reference's text, and re-encodes exactly.</li>
 * </ul>
 */
final class AbiVectors {

    private static final Map<String, Abi> ABIS = new ConcurrentHashMap<>();

    private AbiVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("abi_encode.jsonl",
                row -> row.get("abi_name").asText() + " " + row.get("type").asText()
                        + (row.path("valid").asBoolean(true) ? "" : " (invalid)"),
                AbiVectors::check);
    }

    static Abi abi(String name) {
        return ABIS.computeIfAbsent(name, n -> {
            try {
                return Abi.fromJson(Files.readString(Vectors.dir().resolve("abis").resolve(n + ".json")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void check(JsonNode row) {
        Abi abi = abi(row.get("abi_name").asText());
        String type = row.get("type").asText();
        JsonNode input = row.get("input_value");
        if (!row.path("valid").asBoolean(true) || row.has("error")) {
            assertThatThrownBy(() -> abi.encode(type, input))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining(type);
            return;
        }
        String hex = row.get("hex").asText();
        assertThat(Vectors.hex(abi.encode(type, input))).as("encode(input_value)").isEqualTo(hex);

        JsonNode decoded = abi.decode(type, Vectors.hex(hex));
        JsonNode expected = row.get("json_value");
        if (row.get("reencode_matches").asBoolean()) {
            assertThat(decoded).as("decode(hex)").isEqualTo(expected);
            assertThat(Vectors.hex(abi.encode(type, expected))).as("encode(json_value)").isEqualTo(hex);
        } else {
            assertThat(decoded).as("decode(hex) of a lossy float32 row").isNotEqualTo(expected);
            assertSameUpToReferenceFloatText(decoded, expected, "");
        }
        assertThat(Vectors.hex(abi.encode(type, decoded))).as("encode(decode(hex))").isEqualTo(hex);
    }

    /** Equal trees, except strings where ours is a float that the reference printed with toFixed(7). */
    private static void assertSameUpToReferenceFloatText(JsonNode ours, JsonNode reference, String path) {
        if (ours.isObject()) {
            assertThat(reference.isObject()).as(path).isTrue();
            assertThat(ours.size()).as(path).isEqualTo(reference.size());
            for (Iterator<String> it = ours.fieldNames(); it.hasNext();) {
                String f = it.next();
                assertThat(reference.has(f)).as(path + "." + f).isTrue();
                assertSameUpToReferenceFloatText(ours.get(f), reference.get(f), path + "." + f);
            }
        } else if (ours.isArray()) {
            assertThat(ours.size()).as(path).isEqualTo(reference.size());
            for (int i = 0; i < ours.size(); i++) {
                assertSameUpToReferenceFloatText(ours.get(i), reference.get(i), path + "[" + i + "]");
            }
        } else if (!ours.equals(reference)) {
            float value = Float.parseFloat(ours.asText());
            String referenceText = new BigDecimal(value).setScale(7, RoundingMode.HALF_UP).toPlainString();
            assertThat(reference.asText()).as(path + " (reference toFixed(7) of our float)").isEqualTo(referenceText);
            assertThat(Float.parseFloat(reference.asText())).as(path + " (reference text is lossy)").isNotEqualTo(value);
        }
    }
}
