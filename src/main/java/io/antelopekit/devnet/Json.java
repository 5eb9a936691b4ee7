package io.antelopekit.devnet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PublicKey;
import java.io.IOException;
import java.util.Collection;

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
        return m;
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
