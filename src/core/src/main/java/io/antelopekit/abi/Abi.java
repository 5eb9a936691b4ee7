package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Name;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled ABI: every type name resolved once into codecs that encode values to the node's
 * binary form and decode it back to JSON in the node's conventions. Final, immutable and
 * thread-safe; compile it once per contract and reuse it.
 *
 * <pre>{@code
 * Abi token = Abi.fromJson(json);
 * record Transfer(Name from, Name to, Asset quantity, String memo) {}
 * byte[] data = token.encode("transfer",
 *         new Transfer(Name.from("alice"), Name.from("bob"), Asset.from("1.0000 EOS"), "hi"));
 * JsonNode back = token.decode("transfer", data);   // {"from":"alice",...}
 * }</pre>
 *
 * <p>Follows the node's {@code abi_serializer} where it and the reference implementation
 * differ: a type expression takes one suffix ({@code []}, {@code ?}, or {@code [N]} from ABI
 * 1.3, encoded without a length), nested through type aliases; integers are range-checked; a
 * float32 decodes to text that reads back as the same value.
 */
public final class Abi {

    /** Values and data nested deeper than this many levels are refused. */
    public static final int MAX_DEPTH = Codec.MAX_DEPTH;

    private final AbiDefinition definition;
    private final AbiCompiler compiler;
    private final Map<String, AbiType> declared;
    private final ConcurrentHashMap<String, AbiType> expressions = new ConcurrentHashMap<>();
    private final Map<Name, String> actions;
    private final Map<Name, String> tables;
    private final Map<Name, String> actionResults;
    private volatile NameWalk names;

    private Abi(AbiDefinition definition) {
        this.definition = definition;
        this.compiler = new AbiCompiler(definition);
        Map<String, AbiType> types = new HashMap<>();
        for (AbiDefinition.StructDef s : definition.structs()) {
            types.put(s.name(), new AbiType(s.name(), compiler.resolve(s.name(), null)));
        }
        for (AbiDefinition.TypeDef t : definition.types()) {
            types.put(t.newTypeName(), new AbiType(t.newTypeName(), compiler.resolve(t.newTypeName(), null)));
        }
        for (AbiDefinition.VariantDef v : definition.variants()) {
            types.put(v.name(), new AbiType(v.name(), compiler.resolve(v.name(), null)));
        }
        this.actions = names(definition.actions().stream().map(a -> new String[] {a.name(), a.type()}), "action");
        this.tables = names(definition.tables().stream().map(t -> new String[] {t.name(), t.type()}), "table");
        this.actionResults = names(definition.actionResults().stream().map(r -> new String[] {r.name(), r.resultType()}),
                "action result");
        for (String type : actions.values()) {
            types.computeIfAbsent(type, n -> new AbiType(n, compiler.resolve(n, null)));
        }
        this.declared = Map.copyOf(types);
    }

    private static Map<Name, String> names(java.util.stream.Stream<String[]> entries, String what) {
        Map<Name, String> out = new HashMap<>();
        entries.forEach(e -> {
            Name n;
            try {
                n = Name.from(e[0]);
            } catch (RuntimeException ex) {
                throw new AbiSerializationException(what + " name \"" + e[0] + "\" is not a valid name: " + ex.getMessage(), ex);
            }
            if (out.put(n, e[1]) != null) {
                throw new AbiSerializationException("duplicate " + what + " definition " + e[0]);
            }
        });
        return Map.copyOf(out);
    }

    /**
     * Compiles {@code definition}.
     *
     * @throws AbiSerializationException if the version is not {@code eosio::abi/1.x}, a name is
     *         defined twice, a type is unknown (the message says where it is used), or type
     *         aliases or struct bases are circular
     */
    public static Abi from(AbiDefinition definition) {
        return new Abi(Objects.requireNonNull(definition, "definition"));
    }

    /** Parses and compiles the JSON form (the {@code abi} of {@code get_abi}). */
    public static Abi fromJson(String json) {
        return from(AbiDefinition.fromJson(json));
    }

    /** Decodes and compiles the binary form (the base64-decoded {@code abi} of {@code get_raw_abi}). */
    public static Abi fromBinary(byte[] binaryAbi) {
        return from(AbiDefinition.decode(binaryAbi));
    }

    /** The definition this ABI was compiled from. */
    public AbiDefinition definition() {
        return definition;
    }

    /**
     * Replaces the values typed {@code name} inside {@code value}, decoded data of {@code type},
     * wherever they are (aliases, optionals, binary extensions, arrays, variants, struct bases):
     * each name's text is given to {@code replace}, and a different answer takes its place. Text
     * typed {@code string} is never touched. Objects and arrays change in place; the returned node
     * is {@code value}, or a new one when {@code value} itself is a name. This is how the signer
     * placeholders of signing requests and action requests are resolved.
     *
     * <pre>{@code
     * JsonNode data = abi.decode("transfer", bytes);
     * abi.replaceNames("transfer", data, n -> n.equals("............1") ? "alice" : n);
     * }</pre>
     *
     * @param type an ABI type of this ABI
     * @param value the decoded data
     * @param replace a name's replacement, or the name itself (or {@code null}) to keep it
     * @return the value to use
     */
    public JsonNode replaceNames(String type, JsonNode value, java.util.function.UnaryOperator<String> replace) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(replace, "replace");
        NameWalk walk = names;
        if (walk == null) {
            walk = new NameWalk(definition);
            names = walk;
        }
        return walk.walk(type, value, replace, 0);
    }

    /** The ABI version, e.g. {@code eosio::abi/1.2}. */
    public String version() {
        return definition.version();
    }

    /**
     * The resolved type named {@code type}: a declared struct, alias or variant, a built-in, or
     * an expression of one with a suffix ({@code name[]}, {@code asset?}).
     *
     * @throws AbiSerializationException if no such type exists
     */
    public AbiType type(String type) {
        Objects.requireNonNull(type, "type");
        AbiType t = declared.get(type);
        if (t != null) {
            return t;
        }
        t = expressions.get(type);
        if (t != null) {
            return t;
        }
        Codec codec;
        synchronized (compiler) {
            codec = compiler.resolve(type, null);
        }
        AbiType created = new AbiType(type, codec);
        AbiType raced = expressions.putIfAbsent(type, created);
        return raced != null ? raced : created;
    }

    /** Whether {@code type} names a type of this ABI (declared, built in, or an expression of one). */
    public boolean hasType(String type) {
        try {
            type(type);
            return true;
        } catch (AbiSerializationException e) {
            return false;
        }
    }

    /** Encodes {@code value} as {@code type}; see {@link AbiType#encode(Object, BinaryWriter)}. */
    public byte[] encode(String type, Object value) {
        return type(type).encode(value);
    }

    /** Appends the binary form of {@code value} as {@code type} to {@code out}. */
    public void encode(String type, Object value, BinaryWriter out) {
        type(type).encode(value, out);
    }

    /** Decodes {@code bytes}, exactly one value of {@code type}, to JSON; see {@link AbiType#decode(byte[])}. */
    public JsonNode decode(String type, byte[] bytes) {
        return type(type).decode(bytes);
    }

    /** Reads one value of {@code type} from {@code in}. */
    public JsonNode decode(String type, BinaryReader in) {
        return type(type).decode(in);
    }

    /** Decodes {@code bytes} into a record, map or value class; see {@link AbiType#decode(byte[], Class)}. */
    public <T> T decode(String type, byte[] bytes, Class<T> target) {
        return type(type).decode(bytes, target);
    }

    /** The data type of {@code action}, if the ABI declares the action. */
    public Optional<String> actionType(Name action) {
        return Optional.ofNullable(actions.get(Objects.requireNonNull(action, "action")));
    }

    /** The data type of the action named {@code action}, if declared. */
    public Optional<String> actionType(String action) {
        return actionType(Name.from(action));
    }

    /** The return type of {@code action}, if the ABI declares one (ABI 1.2). */
    public Optional<String> actionResultType(Name action) {
        return Optional.ofNullable(actionResults.get(Objects.requireNonNull(action, "action")));
    }

    /** The row type of {@code table}, if the ABI declares the table. */
    public Optional<String> tableType(Name table) {
        return Optional.ofNullable(tables.get(Objects.requireNonNull(table, "table")));
    }

    @Override
    public String toString() {
        return "Abi[" + definition.version() + ", " + definition.structs().size() + " structs, " + actions.size()
                + " actions, " + tables.size() + " tables]";
    }
}
