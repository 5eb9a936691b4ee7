package io.antelopekit.devnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PublicKey;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The devnet's JSON: {@link ChainJson}'s mapper, except that K1 public keys are written in the
 * legacy {@code EOS...} form, as nodes write them; and the fc-style text of values that node
 * error messages embed.
 */
final class Json {

    static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    private static ObjectMapper newMapper() {
        ObjectMapper m = ChainJson.newMapper();
        SimpleModule keys = new SimpleModule("devnet-legacy-keys");
        keys.addSerializer(PublicKey.class, new LegacyKeySerializer());
        m.registerModule(keys);
        // traces are written straight from the records (no tree in between): their components are
        // in the node's order already; these mix-ins add the nulls a node writes
        m.addMixIn(io.antelopekit.api.model.TransactionTrace.class, TraceNulls.class);
        m.addMixIn(io.antelopekit.api.model.ActionTrace.class, ActionTraceNulls.class);
        return m;
    }

    /** The keys a node writes as {@code null} in a transaction trace. */
    abstract static class TraceNulls {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object receipt();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object producerBlockId();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object accountRamDelta();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("except")
        abstract Object exception();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object errorCode();
    }

    /** The keys a node writes as {@code null} in an action trace. */
    abstract static class ActionTraceNulls {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object receipt();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object producerBlockId();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("except")
        abstract Object exception();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Object errorCode();
    }

    /** How a node writes a public key: legacy {@code EOS...} for K1, {@code PUB_R1_...}/{@code PUB_WA_...} otherwise. */
    static String key(PublicKey key) {
        return key.type() == KeyType.K1 ? key.toLegacyString() : key.toString();
    }

    static final class LegacyKeySerializer extends StdSerializer<PublicKey> {
        private static final long serialVersionUID = 1L;

        LegacyKeySerializer() {
            super(PublicKey.class);
        }

        @Override
        public void serialize(PublicKey value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(key(value));
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * {@code value} as a JSON object whose keys follow {@code order}, with {@code null} written for
     * the keys in {@code nulls} that the value leaves out (the node writes those as {@code null});
     * other keys keep their place after the ordered ones.
     */
    static ObjectNode ordered(Object value, List<String> order, Set<String> nulls) {
        return ordered((ObjectNode) MAPPER.valueToTree(value), order, nulls);
    }

    static ObjectNode ordered(ObjectNode n, List<String> order, Set<String> nulls) {
        ObjectNode out = MAPPER.createObjectNode();
        for (String key : order) {
            JsonNode v = n.get(key);
            if (v != null) {
                out.set(key, v);
            } else if (nulls.contains(key)) {
                out.putNull(key);
            }
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static final List<String> ACCOUNT_ORDER = List.of("account_name", "head_block_num", "head_block_time", "privileged",
            "last_code_update", "created", "core_liquid_balance", "ram_quota", "net_weight", "cpu_weight", "net_limit",
            "cpu_limit", "ram_usage", "permissions", "total_resources", "self_delegated_bandwidth", "refund_request",
            "voter_info", "rex_info", "subjective_cpu_bill_limit", "eosio_any_linked_actions");
    static final Set<String> ACCOUNT_NULLS = Set.of("total_resources", "self_delegated_bandwidth", "refund_request",
            "voter_info", "rex_info");
    static final List<String> BLOCK_ORDER = List.of("timestamp", "producer", "confirmed", "previous", "transaction_mroot",
            "action_mroot", "schedule_version", "new_producers", "producer_signature", "transactions", "id", "block_num",
            "ref_block_prefix");
    static final Set<String> BLOCK_NULLS = Set.of("new_producers");
    /** {@code {"actor":"alice","permission":"active"}}, as fc prints a permission level. */
    static String level(PermissionLevel level) {
        return "{\"actor\":\"" + level.actor() + "\",\"permission\":\"" + level.permission() + "\"}";
    }

    static String authority(Authority auth) {
        return text(auth);
    }

    /** {@code ["EOS...","PUB_R1_..."]}. */
    static String keys(Collection<PublicKey> keys) {
        StringBuilder sb = new StringBuilder("[");
        for (PublicKey k : keys) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(key(k)).append('"');
        }
        return sb.append(']').toString();
    }
}
