package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration for chain API JSON, shared by the models and the client.
 *
 * <pre>{@code
 * AccountInfo account = ChainJson.mapper().readValue(body, AccountInfo.class);
 * }</pre>
 *
 * <p>Settings: unknown properties are ignored (nodes add fields between versions); a JSON
 * {@code null} for a primitive reads as zero; floating-point numbers read as {@code BigDecimal}
 * and keep their trailing zeros, so no digit is lost in a {@code JsonNode}; a fraction never
 * truncates into an integer field (it fails instead); {@code null} fields are not written, so
 * request bodies carry only what was set. Parse errors carry no excerpt of the
 * surrounding input (Jackson's default).
 */
public final class ChainJson {

    private static final ObjectMapper MAPPER = newMapper();

    private ChainJson() {
    }

    /**
     * The shared mapper. Thread-safe for reading and writing; do not reconfigure it: use
     * {@link #newMapper()} for a copy to customise.
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A new mapper with the same settings as {@link #mapper()}, free to customise.
     *
     * @return a new mapper
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
                .build();
    }
}
