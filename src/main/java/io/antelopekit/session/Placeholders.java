package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.PermissionLevel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signer placeholders ({@code ............1} for the actor, {@code ............2} for the
 * permission) in encoded action data, substituted where the contract's ABI types a value as
 * {@code name}, as a signing request resolves them. A value typed {@code string} that reads
 * {@code ............1} is text and stays as it is.
 *
 * <p>Encoded data is scanned for the placeholders' binary form (the uint64 1 or 2, little-endian)
 * first; only data holding one is decoded through the ABI, walked by its types, and re-encoded
 * when a name was substituted.
 */
final class Placeholders {

    private static final String ACTOR = ActionRequest.PLACEHOLDER_ACTOR.toString();
    private static final String PERMISSION = ActionRequest.PLACEHOLDER_PERMISSION.toString();

    /** How an ABI's types nest: aliases, structs and variants by name. */
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, AbiDefinition.StructDef> structs = new HashMap<>();
    private final Map<String, List<String>> variants = new HashMap<>();

    private Placeholders(AbiDefinition def) {
        for (AbiDefinition.TypeDef t : def.types()) {
            aliases.put(t.newTypeName(), t.type());
        }
        for (AbiDefinition.StructDef s : def.structs()) {
            structs.put(s.name(), s);
        }
        for (AbiDefinition.VariantDef v : def.variants()) {
            variants.put(v.name(), v.types());
        }
    }

    /** The type index of {@code abi}; built once per ABI by the session's cache. */
    static Placeholders of(Abi abi) {
        return new Placeholders(abi.definition());
    }

    /**
     * Whether {@code data} holds the binary form of a placeholder: a byte 1 or 2 followed by seven
     * zero bytes. False positives (an amount of 1) are sorted out by the typed walk.
     */
    static boolean mayContain(byte[] b) {
        int n = b.length;
        outer:
        for (int i = 0; i + 8 <= n; i++) {
            if (b[i] != 1 && b[i] != 2) {
                continue;
            }
            for (int j = 1; j < 8; j++) {
                if (b[i + j] != 0) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The action data with the placeholders in {@code name} values replaced by {@code signer}.
     *
     * @param abi the contract's ABI
     * @param type the action's data type
     * @param data the encoded data
     * @param signer the session's actor and permission
     * @return {@code data} itself when nothing was substituted, else the re-encoded data
     */
    Bytes resolve(Abi abi, String type, Bytes data, PermissionLevel signer) {
        if (data.length() < 8) {
            return data;
        }
        byte[] bytes = data.bytes();
        if (!mayContain(bytes)) {
            return data;
        }
        JsonNode json = abi.decode(type, bytes);
        boolean[] changed = new boolean[1];
        JsonNode resolved = walk(type, json, signer, changed, 0);
        if (!changed[0]) {
            return data;
        }
        return Bytes.of(abi.encode(type, resolved));
    }

    /**
     * Substitutes in {@code value}, read as {@code type}: objects and arrays in place; a name is
     * returned as a new node.
     */
    private JsonNode walk(String type, JsonNode value, PermissionLevel signer, boolean[] changed, int depth) {
        if (value == null || value.isNull() || depth > Abi.MAX_DEPTH) {
            return value;
        }
        if (type.endsWith("$")) {
            type = type.substring(0, type.length() - 1);
        }
        if (type.endsWith("?")) {
            return walk(type.substring(0, type.length() - 1), value, signer, changed, depth + 1);
        }
        if (type.endsWith("]")) {
            int open = type.lastIndexOf('[');
            if (open > 0 && value.isArray()) {
                String element = type.substring(0, open);
                ArrayNode array = (ArrayNode) value;
                for (int i = 0; i < array.size(); i++) {
                    JsonNode item = array.get(i);
                    JsonNode r = walk(element, item, signer, changed, depth + 1);
                    if (r != item) {
                        array.set(i, r);
                    }
                }
            }
            return value;
        }
        if (type.equals("name")) {
            if (value.isTextual()) {
                String text = value.textValue();
                if (text.equals(ACTOR)) {
                    changed[0] = true;
                    return TextNode.valueOf(signer.actor().toString());
                }
                if (text.equals(PERMISSION)) {
                    changed[0] = true;
                    return TextNode.valueOf(signer.permission().toString());
                }
            }
            return value;
        }
        String alias = aliases.get(type);
        if (alias != null) {
            return walk(alias, value, signer, changed, depth + 1);
        }
        List<String> alternatives = variants.get(type);
        if (alternatives != null) {
            // JSON ["type", value]
            if (value.isArray() && value.size() == 2 && value.get(0).isTextual()
                    && alternatives.contains(value.get(0).textValue())) {
                JsonNode inner = value.get(1);
                JsonNode r = walk(value.get(0).textValue(), inner, signer, changed, depth + 1);
                if (r != inner) {
                    ((ArrayNode) value).set(1, r);
                }
            }
            return value;
        }
        AbiDefinition.StructDef struct = structs.get(type);
        if (struct != null && value.isObject()) {
            walkStruct(struct, (ObjectNode) value, signer, changed, depth);
        }
        return value;
    }

    private void walkStruct(AbiDefinition.StructDef struct, ObjectNode object, PermissionLevel signer,
            boolean[] changed, int depth) {
        if (depth > Abi.MAX_DEPTH) {
            return;
        }
        if (!struct.base().isEmpty()) {
            String base = struct.base();
            while (aliases.containsKey(base)) {
                base = aliases.get(base);
            }
            AbiDefinition.StructDef b = structs.get(base);
            if (b != null) {
                walkStruct(b, object, signer, changed, depth + 1);
            }
        }
        for (AbiDefinition.FieldDef f : struct.fields()) {
            JsonNode v = object.get(f.name());
            if (v != null) {
                JsonNode r = walk(f.type(), v, signer, changed, depth + 1);
                if (r != v) {
                    object.set(f.name(), r);
                }
            }
        }
    }
}
