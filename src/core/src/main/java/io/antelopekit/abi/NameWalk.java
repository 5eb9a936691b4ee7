package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds the values an ABI types as {@code name} inside decoded data, through aliases, optionals,
 * binary extensions, arrays, variants and struct bases, and replaces them in place. Built once per
 * {@link Abi} (see {@link Abi#replaceNames}).
 */
final class NameWalk {

    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, AbiDefinition.StructDef> structs = new HashMap<>();
    private final Map<String, List<String>> variants = new HashMap<>();

    NameWalk(AbiDefinition def) {
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

    /** {@code value} of {@code type} with its names replaced: the same node, or a new one for a bare name. */
    JsonNode walk(String type, JsonNode value, UnaryOperator<String> replace, int depth) {
        if (value == null || value.isNull() || depth > Abi.MAX_DEPTH) {
            return value;
        }
        if (type.endsWith("$") || type.endsWith("?")) {
            return walk(type.substring(0, type.length() - 1), value, replace, depth + 1);
        }
        if (type.endsWith("]")) {
            int open = type.lastIndexOf('[');
            if (open > 0 && value.isArray()) {
                String element = type.substring(0, open);
                ArrayNode array = (ArrayNode) value;
                for (int i = 0; i < array.size(); i++) {
                    JsonNode item = array.get(i);
                    JsonNode r = walk(element, item, replace, depth + 1);
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
                String next = replace.apply(text);
                if (next != null && !next.equals(text)) {
                    return TextNode.valueOf(next);
                }
            }
            return value;
        }
        String alias = aliases.get(type);
        if (alias != null) {
            return walk(alias, value, replace, depth + 1);
        }
        List<String> alternatives = variants.get(type);
        if (alternatives != null) {
            // a variant's JSON form: ["type", value]
            if (value.isArray() && value.size() == 2 && value.get(0).isTextual()
                    && alternatives.contains(value.get(0).textValue())) {
                JsonNode inner = value.get(1);
                JsonNode r = walk(value.get(0).textValue(), inner, replace, depth + 1);
                if (r != inner) {
                    ((ArrayNode) value).set(1, r);
                }
            }
            return value;
        }
        AbiDefinition.StructDef struct = structs.get(type);
        if (struct != null && value.isObject()) {
            walkStruct(struct, (ObjectNode) value, replace, depth + 1);
        }
        return value;
    }

    private void walkStruct(AbiDefinition.StructDef struct, ObjectNode object, UnaryOperator<String> replace,
            int depth) {
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
                walkStruct(b, object, replace, depth + 1);
            }
        }
        for (AbiDefinition.FieldDef f : struct.fields()) {
            JsonNode v = object.get(f.name());
            if (v != null) {
                JsonNode r = walk(f.type(), v, replace, depth + 1);
                if (r != v) {
                    object.set(f.name(), r);
                }
            }
        }
    }
}
