package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * Data decoded through an ABI, written as the node writes it. The SDK's {@link Abi} decodes to
 * the reference client's JSON (64-bit integers as strings, floats as JavaScript prints them);
 * the node's {@code abi_serializer} gives fc variants that its JSON writer prints with
 * {@code stringify_large_ints_and_doubles}: a 64-bit integer is a number unless its magnitude
 * is above {@code 0xffffffff}, a {@code float32}/{@code float64} is a string of its value with 17
 * decimals ({@code "2.25000000000000000"}). This walks the decoded value with its type and
 * rewrites those; everything else the two write alike.
 */
final class NodeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern FIXED_ARRAY = Pattern.compile(".*\\[\\d+\\]");
    private static final long MAX_NUMBER = 0xffffffffL;
    private static final Map<Abi, NodeJson> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, AbiDefinition.StructDef> structs = new HashMap<>();
    private final Map<String, AbiDefinition.VariantDef> variants = new HashMap<>();

    private NodeJson(AbiDefinition d) {
        for (AbiDefinition.TypeDef t : d.types()) {
            aliases.put(t.newTypeName(), t.type());
        }
        for (AbiDefinition.StructDef s : d.structs()) {
            structs.put(s.name(), s);
        }
        for (AbiDefinition.VariantDef v : d.variants()) {
            variants.put(v.name(), v);
        }
    }

    /** The value of {@code type} that {@code abi} decoded, as the node writes it ({@code value} may change in place). */
    static JsonNode of(Abi abi, String type, JsonNode value) {
        return CACHE.computeIfAbsent(abi, a -> new NodeJson(a.definition())).fix(type, value, 0);
    }

    private JsonNode fix(String type, JsonNode v, int depth) {
        if (v == null || v.isNull() || depth > Abi.MAX_DEPTH) {
            return v;
        }
        if (type.endsWith("$") || type.endsWith("?")) {
            return fix(type.substring(0, type.length() - 1), v, depth + 1);
        }
        if (type.endsWith("[]") || FIXED_ARRAY.matcher(type).matches()) {
            String element = type.substring(0, type.lastIndexOf('['));
            if (v.isArray()) {
                ArrayNode a = (ArrayNode) v;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, fix(element, a.get(i), depth + 1));
                }
            }
            return v;
        }
        String alias = aliases.get(type);
        if (alias != null) {
            return fix(alias, v, depth + 1);
        }
        AbiDefinition.StructDef s = structs.get(type);
        if (s != null) {
            if (v.isObject()) {
                fields((ObjectNode) v, s, depth);
            }
            return v;
        }
        AbiDefinition.VariantDef variant = variants.get(type);
        if (variant != null) {
            if (v.isArray() && v.size() == 2 && v.get(0).isTextual()) {
                ((ArrayNode) v).set(1, fix(v.get(0).asText(), v.get(1), depth + 1));
            }
            return v;
        }
        return builtin(type, v);
    }

    private void fields(ObjectNode o, AbiDefinition.StructDef s, int depth) {
        if (s.base() != null && !s.base().isEmpty()) {
            AbiDefinition.StructDef base = structs.get(s.base());
            if (base != null) {
                fields(o, base, depth + 1);
            }
        }
        for (AbiDefinition.FieldDef f : s.fields()) {
            JsonNode v = o.get(f.name());
            if (v != null) {
                o.set(f.name(), fix(f.type(), v, depth + 1));
            }
        }
    }

    private static JsonNode builtin(String type, JsonNode v) {
        switch (type) {
            case "int64":
            case "uint64": {
                BigInteger b = v.isNumber() ? v.bigIntegerValue() : new BigInteger(v.asText());
                return b.abs().compareTo(BigInteger.valueOf(MAX_NUMBER)) > 0 ? NODES.textNode(b.toString())
                        : NODES.numberNode(b.longValue());
            }
            case "float64":
                return NODES.textNode(TableApi.fcDouble(number(v, false)));
            case "float32":
                return NODES.textNode(TableApi.fcDouble(number(v, true)));
            default:
                return v;
        }
    }

    /** A float the SDK wrote as JavaScript prints it ({@code NaN}, {@code Infinity}, shortest decimals). */
    private static double number(JsonNode v, boolean single) {
        if (v.isNumber()) {
            return single ? (double) v.floatValue() : v.doubleValue();
        }
        String s = v.asText();
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return single ? (double) Float.parseFloat(s) : Double.parseDouble(s);
        }
    }
}
