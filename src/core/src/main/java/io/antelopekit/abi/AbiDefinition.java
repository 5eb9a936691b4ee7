package io.antelopekit.abi;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An ABI (application binary interface) as a contract publishes it: the JSON a node's
 * {@code get_abi} returns, or the binary form whose base64 {@code get_raw_abi} returns.
 * Versions {@code eosio::abi/1.0} to {@code eosio::abi/1.3}.
 *
 * <p>This is only the description; {@link Abi#from(AbiDefinition)} compiles it into codecs.
 *
 * <pre>{@code
 * AbiDefinition def = AbiDefinition.fromJson(json);            // get_abi "abi" field
 * AbiDefinition raw = AbiDefinition.decode(Base64.getDecoder().decode(rawAbi)); // get_raw_abi
 * Abi abi = Abi.from(def);
 * }</pre>
 *
 * <p>Missing sections read as empty lists; the JSON field names are the node's.
 */
@JsonPropertyOrder({"version", "types", "structs", "actions", "tables", "ricardian_clauses", "error_messages",
        "abi_extensions", "variants", "action_results"})
public record AbiDefinition(
        String version,
        List<TypeDef> types,
        List<StructDef> structs,
        List<ActionDef> actions,
        List<TableDef> tables,
        @JsonProperty("ricardian_clauses") List<ClauseDef> ricardianClauses,
        @JsonProperty("error_messages") List<ErrorMessageDef> errorMessages,
        @JsonProperty("abi_extensions") List<ExtensionDef> abiExtensions,
        List<VariantDef> variants,
        @JsonProperty("action_results") List<ActionResultDef> actionResults) implements BinaryEncodable {

    /** The newest ABI version this SDK understands. */
    public static final String LATEST_VERSION = "eosio::abi/1.3";

    public AbiDefinition {
        version = version == null ? "" : version;
        types = copy(types);
        structs = copy(structs);
        actions = copy(actions);
        tables = copy(tables);
        ricardianClauses = copy(ricardianClauses);
        errorMessages = copy(errorMessages);
        abiExtensions = copy(abiExtensions);
        variants = copy(variants);
        actionResults = copy(actionResults);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A type alias: {@code new_type_name} stands for {@code type}. */
    public record TypeDef(@JsonProperty("new_type_name") String newTypeName, String type) {
        public TypeDef {
            newTypeName = newTypeName == null ? "" : newTypeName;
            type = type == null ? "" : type;
        }
    }

    /** One field of a struct; a type ending in {@code $} is a binary extension. */
    public record FieldDef(String name, String type) {
        public FieldDef {
            name = name == null ? "" : name;
            type = type == null ? "" : type;
        }
    }

    /** A struct, optionally extending {@code base} (empty when none). */
    public record StructDef(String name, String base, List<FieldDef> fields) {
        public StructDef {
            name = name == null ? "" : name;
            base = base == null ? "" : base;
            fields = copy(fields);
        }
    }

    /** An action: its name and the type of its data. */
    @JsonPropertyOrder({"name", "type", "ricardian_contract"})
    public record ActionDef(String name, String type, @JsonProperty("ricardian_contract") String ricardianContract) {
        public ActionDef {
            name = name == null ? "" : name;
            type = type == null ? "" : type;
            ricardianContract = ricardianContract == null ? "" : ricardianContract;
        }
    }

    /** A table: its name, index type, key names and types, and row type. */
    @JsonPropertyOrder({"name", "index_type", "key_names", "key_types", "type"})
    public record TableDef(String name, @JsonProperty("index_type") String indexType,
            @JsonProperty("key_names") List<String> keyNames, @JsonProperty("key_types") List<String> keyTypes,
            String type) {
        public TableDef {
            name = name == null ? "" : name;
            indexType = indexType == null ? "" : indexType;
            keyNames = copy(keyNames);
            keyTypes = copy(keyTypes);
            type = type == null ? "" : type;
        }
    }

    /** A ricardian clause. */
    public record ClauseDef(String id, String body) {
        public ClauseDef {
            id = id == null ? "" : id;
            body = body == null ? "" : body;
        }
    }

    /**
     * An error message for a {@code uint64} error code ({@code errorCode} holds its 64 bits; JSON
     * accepts a number or a decimal string and writes values above 2^32-1 as strings, like a node).
     */
    @JsonPropertyOrder({"error_code", "error_msg"})
    public record ErrorMessageDef(
            @JsonProperty("error_code") @JsonSerialize(using = UInt64Serializer.class)
            @JsonDeserialize(using = UInt64Deserializer.class) long errorCode,
            @JsonProperty("error_msg") String errorMsg) {
        public ErrorMessageDef {
            errorMsg = errorMsg == null ? "" : errorMsg;
        }
    }

    /** An ABI extension: a {@code uint16} tag and its data as lowercase hex; JSON {@code [tag, "hex"]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"tag", "data"})
    public record ExtensionDef(int tag, String data) {
        public ExtensionDef {
            if (tag < 0 || tag > 0xFFFF) {
                throw new AbiSerializationException("abi extension tag " + tag + " is out of range 0..65535");
            }
            data = data == null ? "" : data.toLowerCase(Locale.ROOT);
            if (data.length() % 2 != 0 || !data.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new AbiSerializationException("abi extension " + tag + " data \"" + data + "\" is not hex");
            }
        }
    }

    /** A variant: a value of exactly one of {@code types}, JSON {@code ["type", value]}. */
    public record VariantDef(String name, List<String> types) {
        public VariantDef {
            name = name == null ? "" : name;
            types = copy(types);
        }
    }

    /** The type an action returns. */
    public record ActionResultDef(String name, @JsonProperty("result_type") String resultType) {
        public ActionResultDef {
            name = name == null ? "" : name;
            resultType = resultType == null ? "" : resultType;
        }
    }

    // ------------------------------------------------------------------ JSON

    /**
     * Parses the JSON form (the {@code abi} object of {@code get_abi}).
     *
     * @throws AbiSerializationException if the text is not JSON or not an ABI object
     */
    public static AbiDefinition fromJson(String json) {
        if (json == null) {
            throw new NullPointerException("json");
        }
        try {
            return fromJson(AbiJson.DEFINITIONS.readTree(json));
        } catch (JsonProcessingException e) {
            throw new AbiSerializationException("ABI JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads the JSON form from a parsed tree.
     *
     * @throws AbiSerializationException if the tree is not an ABI object
     */
    public static AbiDefinition fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new AbiSerializationException("ABI JSON must be an object, got "
                    + (json == null ? "null" : json.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        try {
            return AbiJson.DEFINITIONS.treeToValue(json, AbiDefinition.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof AbiSerializationException)) {
                t = t.getCause();
            }
            String why = t instanceof AbiSerializationException ? t.getMessage()
                    : e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new AbiSerializationException("ABI JSON is not a valid ABI: " + why, e);
        }
    }

    /** This ABI as JSON text, with the node's field names and every section present. */
    public String toJson() {
        try {
            return AbiJson.DEFINITIONS.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new AbiSerializationException("cannot write ABI JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** This ABI as a JSON tree. */
    public JsonNode toJsonNode() {
        return AbiJson.DEFINITIONS.valueToTree(this);
    }

    // ------------------------------------------------------------------ binary

    /**
     * Decodes the binary form ({@code abi_def}, what {@code get_raw_abi} returns as base64).
     * The {@code variants} and {@code action_results} sections, absent from ABIs packed for
     * versions before 1.1 and 1.2, may be missing; an EOSIO 2.1 {@code kv_tables} section after
     * them is read and dropped (as nodes do); anything else after them is an error.
     *
     * @throws AbiSerializationException if the bytes are truncated, hostile or have trailing data
     */
    public static AbiDefinition decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        AbiDefinition def = decode(in);
        if (in.hasRemaining()) {
            throw new AbiSerializationException("binary ABI has " + in.remaining() + " unexpected bytes after its last section at offset "
                    + in.position());
        }
        return def;
    }

    /**
     * Decodes the base64 text of the binary form, as {@code get_raw_abi} returns it. Nodes pad
     * some lengths with more {@code =} than base64 needs ({@code "...A==="}); padding is ignored.
     *
     * @throws AbiSerializationException if the text is not base64 or the bytes are not an ABI
     */
    public static AbiDefinition decodeBase64(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(base64.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new AbiSerializationException("binary ABI is not valid base64: " + e.getMessage(), e);
        }
        return decode(bytes);
    }

    /**
     * Decodes the binary form from a reader, leaving it after the ABI.
     *
     * @throws AbiSerializationException if the bytes are truncated or hostile
     */
    public static AbiDefinition decode(BinaryReader in) {
        String section = "version";
        try {
            String version = in.readString();
            section = "types";
            List<TypeDef> types = list(in, "types", 2, r -> new TypeDef(r.readString(), r.readString()));
            section = "structs";
            List<StructDef> structs = list(in, "structs", 3, r -> new StructDef(r.readString(), r.readString(),
                    list(r, "fields", 2, f -> new FieldDef(f.readString(), f.readString()))));
            section = "actions";
            List<ActionDef> actions = list(in, "actions", 10,
                    r -> new ActionDef(Name.decode(r).toString(), r.readString(), r.readString()));
            section = "tables";
            List<TableDef> tables = list(in, "tables", 12, r -> new TableDef(Name.decode(r).toString(), r.readString(),
                    list(r, "key_names", 1, BinaryReader::readString), list(r, "key_types", 1, BinaryReader::readString),
                    r.readString()));
            section = "ricardian_clauses";
            List<ClauseDef> clauses = list(in, "ricardian_clauses", 2, r -> new ClauseDef(r.readString(), r.readString()));
            section = "error_messages";
            List<ErrorMessageDef> errors = list(in, "error_messages", 9,
                    r -> new ErrorMessageDef(r.readInt64(), r.readString()));
            section = "abi_extensions";
            List<ExtensionDef> extensions = list(in, "abi_extensions", 3,
                    r -> new ExtensionDef(r.readUInt16(), Hex.encode(r.readBytesWithLength())));
            List<VariantDef> variants = List.of();
            List<ActionResultDef> results = List.of();
            if (in.hasRemaining()) {
                section = "variants";
                variants = list(in, "variants", 2, r -> new VariantDef(r.readString(), list(r, "types", 1, BinaryReader::readString)));
            }
            if (in.hasRemaining()) {
                section = "action_results";
                results = list(in, "action_results", 9, r -> new ActionResultDef(Name.decode(r).toString(), r.readString()));
            }
            if (in.hasRemaining()) {
                section = "kv_tables";
                skipKvTables(in);
            }
            return new AbiDefinition(version, types, structs, actions, tables, clauses, errors, extensions, variants, results);
        } catch (DecodingException e) {
            throw new AbiSerializationException("binary ABI is invalid in section " + section + ": " + e.getMessage(), e);
        }
    }

    /**
     * Skips the {@code kv_tables} section that EOSIO 2.1 tools appended ({@code map<name,
     * kv_table_def>}); nodes since Leap ignore it, and so does this model.
     */
    private static void skipKvTables(BinaryReader in) {
        int tables = in.readLength("kv_tables", 8 + 1 + 8 + 1 + 1);
        for (int i = 0; i < tables; i++) {
            in.skip(8);
            in.readString();
            in.skip(8);
            in.readString();
            int indices = in.readLength("kv_tables secondary_indices", 8 + 1);
            for (int j = 0; j < indices; j++) {
                in.skip(8);
                in.readString();
            }
        }
    }

    private static <T> List<T> list(BinaryReader in, String what, int minItemSize, Function<BinaryReader, T> item) {
        int n = in.readLength(what, minItemSize);
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(item.apply(in));
        }
        return out;
    }

    /**
     * The binary form, with every section written (as a node packs it).
     *
     * @throws AbiSerializationException if an action, table or action result name is not a valid name
     */
    public byte[] encode() {
        return toBytes();
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeString(version);
        out.writeVarUInt32(types.size());
        for (TypeDef t : types) {
            out.writeString(t.newTypeName()).writeString(t.type());
        }
        out.writeVarUInt32(structs.size());
        for (StructDef s : structs) {
            out.writeString(s.name()).writeString(s.base()).writeVarUInt32(s.fields().size());
            for (FieldDef f : s.fields()) {
                out.writeString(f.name()).writeString(f.type());
            }
        }
        out.writeVarUInt32(actions.size());
        for (ActionDef a : actions) {
            name(a.name(), "action").encode(out);
            out.writeString(a.type()).writeString(a.ricardianContract());
        }
        out.writeVarUInt32(tables.size());
        for (TableDef t : tables) {
            name(t.name(), "table").encode(out);
            out.writeString(t.indexType());
            out.writeVarUInt32(t.keyNames().size());
            t.keyNames().forEach(out::writeString);
            out.writeVarUInt32(t.keyTypes().size());
            t.keyTypes().forEach(out::writeString);
            out.writeString(t.type());
        }
        out.writeVarUInt32(ricardianClauses.size());
        for (ClauseDef c : ricardianClauses) {
            out.writeString(c.id()).writeString(c.body());
        }
        out.writeVarUInt32(errorMessages.size());
        for (ErrorMessageDef e : errorMessages) {
            out.writeInt64(e.errorCode()).writeString(e.errorMsg());
        }
        out.writeVarUInt32(abiExtensions.size());
        for (ExtensionDef e : abiExtensions) {
            out.writeInt16(e.tag()).writeBytesWithLength(Hex.decode("extension data", e.data()));
        }
        out.writeVarUInt32(variants.size());
        for (VariantDef v : variants) {
            out.writeString(v.name()).writeVarUInt32(v.types().size());
            v.types().forEach(out::writeString);
        }
        out.writeVarUInt32(actionResults.size());
        for (ActionResultDef r : actionResults) {
            name(r.name(), "action result").encode(out);
            out.writeString(r.resultType());
        }
    }

    private static Name name(String name, String what) {
        try {
            return Name.from(name);
        } catch (RuntimeException e) {
            throw new AbiSerializationException(what + " name \"" + name + "\" is not a valid name: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ uint64 JSON

    static final class UInt64Serializer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            long v = value;
            if (v >= 0 && v <= 0xFFFF_FFFFL) {
                gen.writeNumber(v);
            } else {
                gen.writeString(Long.toUnsignedString(v));
            }
        }
    }

    static final class UInt64Deserializer extends JsonDeserializer<Long> {
        private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                text = p.getBigIntegerValue().toString();
            } else if (p.currentToken() == JsonToken.VALUE_STRING) {
                text = p.getText().trim();
            } else {
                throw new AbiSerializationException("error_code must be an unsigned 64-bit integer, got " + p.currentToken());
            }
            BigInteger v;
            try {
                v = new BigInteger(text);
            } catch (NumberFormatException e) {
                throw new AbiSerializationException("error_code \"" + text + "\" is not an integer");
            }
            if (v.signum() < 0 || v.compareTo(MAX) > 0) {
                throw new AbiSerializationException("error_code " + text + " is out of range for uint64");
            }
            return v.longValue();
        }
    }
}
