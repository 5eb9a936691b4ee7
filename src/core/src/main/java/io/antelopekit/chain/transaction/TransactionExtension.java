package io.antelopekit.chain.transaction;

import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.Bytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Objects;

/**
 * A transaction extension: a 16-bit type and opaque data.
 *
 * <pre>{@code
 * TransactionExtension ext = new TransactionExtension(1, Bytes.from("0a0b"));
 * }</pre>
 *
 * <p>JSON: {@code {"type":1,"data":"0a0b"}}; reading also accepts fc's pair form {@code [1,"0a0b"]}.
 *
 * @param type the extension type, 0..65535
 * @param data the extension's bytes
 */
@JsonSerialize(using = TransactionExtension.Serializer.class)
@JsonDeserialize(using = TransactionExtension.Deserializer.class)
public record TransactionExtension(int type, Bytes data) implements BinaryEncodable {

    /** The smallest binary extension: a type and an empty data length. */
    static final int MIN_ENCODED_SIZE = 3;

    /**
     * @throws InvalidValueException if {@code type} is outside 0..65535
     */
    public TransactionExtension {
        if (type < 0 || type > 0xFFFF) {
            throw new InvalidValueException("transaction extension type " + type + " is outside 0..65535");
        }
        Objects.requireNonNull(data, "data");
    }

    /** Number of bytes {@link #encode(BinaryWriter)} writes. */
    int encodedSize() {
        int n = data.length();
        return 2 + Action.varUInt32Size(n) + n;
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt16(type);
        data.encode(out);
    }

    /**
     * Reads an extension.
     *
     * @throws DecodingException if the bytes are truncated
     */
    public static TransactionExtension decode(BinaryReader in) {
        int type = in.readUInt16();
        return new TransactionExtension(type, Bytes.decode(in));
    }

    /** The JSON form, {@code {"type":1,"data":"0a0b"}}. */
    @Override
    public String toString() {
        return "{\"type\":" + type + ",\"data\":\"" + data + "\"}";
    }

    static void writeJson(TransactionExtension e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("type", e.type);
        g.writeStringField("data", e.data.toString());
        g.writeEndObject();
    }

    static TransactionExtension fromJson(JsonNode node, String path) {
        if (node != null && node.isArray()) {
            // fc's form of std::pair<uint16_t, vector<char>>: [type, "hex"]
            if (node.size() != 2) {
                throw new InvalidValueException(path + " is an array of " + node.size()
                        + " items: expected [type, \"hex\"] or {\"type\":..,\"data\":..}");
            }
            int type = (int) Transaction.Json.unsigned(node.get(0), path + "[0]", 0xFFFF);
            return new TransactionExtension(type, Transaction.Json.hex(node.get(1), path + "[1]"));
        }
        Transaction.Json.requireObject(node, path);
        int type = (int) Transaction.Json.unsigned(node, "type", path, 0xFFFF);
        return new TransactionExtension(type, Transaction.Json.hex(node, "data", path));
    }

    static final class Serializer extends JsonSerializer<TransactionExtension> {
        @Override
        public void serialize(TransactionExtension value, JsonGenerator g, SerializerProvider provider)
                throws IOException {
            writeJson(value, g);
        }
    }

    static final class Deserializer extends JsonDeserializer<TransactionExtension> {
        @Override
        public TransactionExtension deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromJson(p.readValueAsTree(), "transaction_extension");
        }
    }
}
