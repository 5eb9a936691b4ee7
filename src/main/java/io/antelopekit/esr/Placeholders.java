package io.antelopekit.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Replaces the signer placeholders in decoded action data, walking the value by its ABI type so
 * that only values typed {@code name} (through aliases, optionals, arrays, variants, struct
 * bases and binary extensions) change; text that happens to read {@code ............1} stays.
 */
final class Placeholders {

    private static final String ACTOR = SigningRequest.PLACEHOLDER_ACTOR.toString();
    private static final String PERMISSION = SigningRequest.PLACEHOLDER_PERMISSION.toString();

    /** Type indexes by ABI (compiled ABIs are long-lived and compared by identity). */
    private static final Map<Abi, Placeholders> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

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

    static Placeholders of(Abi abi) {
        Placeholders p = CACHE.get(abi);
        if (p == null) {
            p = new Placeholders(abi.definition());
            CACHE.put(abi, p);
        }
        return p;
    }

    /** Whether {@code name} is one of the two placeholders. */
    static boolean isPlaceholder(Name name) {
        return name.equals(SigningRequest.PLACEHOLDER_ACTOR) || name.equals(SigningRequest.PLACEHOLDER_PERMISSION);
    }

    /**
     * Whether {@code data} may hold a placeholder name: the byte 1 or 2 followed by seven zero
     * bytes somewhere (false positives are sorted out by the typed walk).
     */
    static boolean mayContain(byte[] b) {
        outer:
        for (int i = 0, n = b.length; i + 8 <= n; i++) {
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
     * Replaces placeholders in {@code value} (of {@code type}) in place; returns the value to use
     * (a new node when {@code value} itself was a name).
     *
     * @param changed set to true when something was replaced
     */
    JsonNode resolve(String type, JsonNode value, PermissionLevel signer, boolean[] changed) {
        return walk(type, value, signer, changed, 0);
    }

    private JsonNode walk(String type, JsonNode value, PermissionLevel signer, boolean[] changed, int depth) {
        if (value == null || value.isNull() || depth > Abi.MAX_DEPTH) {
            return value;
        }
        if (type.endsWith("$") || type.endsWith("?")) {
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
            walkStruct(struct, (ObjectNode) value, signer, changed, depth + 1);
        }
        return value;
    }

    private void walkStruct(AbiDefinition.StructDef struct, ObjectNode object, PermissionLevel signer,
            boolean[] changed, int depth) {
        if (depth > Abi.MAX_DEPTH) {
            return;
        }
        if (struct.base() != null && !struct.base().isEmpty()) {
            String base = struct.base();
            for (int i = 0; i < Abi.MAX_DEPTH && aliases.containsKey(base); i++) {
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
