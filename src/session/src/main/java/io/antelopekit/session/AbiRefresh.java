package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Name;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** When a session asks its ABI cache for a contract's ABI again. */
final class AbiRefresh {

    static final Name EOSIO = Name.from("eosio");
    static final Name SETABI = Name.from("setabi");

    private AbiRefresh() {
    }

    /**
     * Whether {@code abi} does not declare {@code action}, or {@code data} (a {@code Map} or a
     * JSON object, with lists or JSON arrays inside) has a field, at any depth, that the struct
     * it is encoded as (with its bases) does not declare: the encoder would drop that field, so
     * the ABI is likely older than the caller's contract. Structs are followed through typedefs,
     * optionals ({@code ?}), binary extensions ({@code $}) and arrays ({@code []}); a variant or
     * a value of another kind (a record, a string) is left to the encoder.
     */
    static boolean unknownActionOrField(Abi abi, Name action, Object data) {
        Optional<String> type = abi.actionType(action);
        if (type.isEmpty()) {
            return true;
        }
        return unknownField(abi.definition(), type.get(), data, 0);
    }

    private static boolean unknownField(AbiDefinition def, String type, Object value, int depth) {
        if (value == null || depth > 32) {
            return false;
        }
        String t = resolve(def, type);
        if (t.endsWith("[]")) {
            String element = t.substring(0, t.length() - 2);
            if (value instanceof List<?> list) {
                for (Object v : list) {
                    if (unknownField(def, element, v, depth + 1)) {
                        return true;
                    }
                }
            } else if (value instanceof JsonNode n && n.isArray()) {
                for (JsonNode v : n) {
                    if (unknownField(def, element, v, depth + 1)) {
                        return true;
                    }
                }
            }
            return false;
        }
        AbiDefinition.StructDef struct = struct(def, t);
        if (struct == null) {
            return false; // a built-in, an alias of one or a variant: left to the encoder
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                AbiDefinition.FieldDef f = field(def, struct, String.valueOf(e.getKey()));
                if (f == null || unknownField(def, f.type(), e.getValue(), depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof JsonNode n && n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                AbiDefinition.FieldDef f = field(def, struct, e.getKey());
                if (f == null || unknownField(def, f.type(), e.getValue(), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code type} through typedefs, without a trailing {@code ?} or {@code $}. */
    private static String resolve(AbiDefinition def, String type) {
        String t = type;
        for (int i = 0; i < 32; i++) {
            while (t.endsWith("?") || t.endsWith("$")) {
                t = t.substring(0, t.length() - 1);
            }
            String next = null;
            for (AbiDefinition.TypeDef d : def.types()) {
                if (d.newTypeName().equals(t)) {
                    next = d.type();
                    break;
                }
            }
            if (next == null) {
                return t;
            }
            t = next;
        }
        return t;
    }

    private static AbiDefinition.FieldDef field(AbiDefinition def, AbiDefinition.StructDef struct, String name) {
        for (int depth = 0; struct != null && depth < 32; depth++) {
            for (AbiDefinition.FieldDef f : struct.fields()) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            struct = struct.base() == null || struct.base().isEmpty() ? null : struct(def, struct.base());
        }
        return null;
    }

    private static AbiDefinition.StructDef struct(AbiDefinition def, String name) {
        for (AbiDefinition.StructDef s : def.structs()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The account whose ABI {@code a} sets when it is {@code eosio::setabi}, else null. */
    static Name setAbiTarget(Action a) {
        if (!EOSIO.equals(a.account()) || !SETABI.equals(a.name()) || a.data().length() < 8) {
            return null;
        }
        return Name.decode(new BinaryReader(a.data().bytes()));
    }
}
