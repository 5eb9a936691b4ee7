package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Name;

import java.util.Iterator;
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
     * JSON object) has a top-level field the action's struct (with its bases) does not declare:
     * the encoder would drop that field, so the ABI is likely older than the caller's contract.
     */
    static boolean unknownActionOrField(Abi abi, Name action, Object data) {
        Optional<String> type = abi.actionType(action);
        if (type.isEmpty()) {
            return true;
        }
        Iterator<String> keys;
        if (data instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return false;
            }
            @SuppressWarnings("unchecked")
            Iterator<String> k = (Iterator<String>) (Iterator<?>) m.keySet().stream().map(String::valueOf).iterator();
            keys = k;
        } else if (data instanceof JsonNode n && n.isObject() && !n.isEmpty()) {
            keys = n.fieldNames();
        } else {
            return false;
        }
        AbiDefinition def = abi.definition();
        AbiDefinition.StructDef struct = struct(def, type.get());
        if (struct == null) {
            return false; // an alias or variant: left to the encoder
        }
        while (keys.hasNext()) {
            if (!declares(def, struct, keys.next())) {
                return true;
            }
        }
        return false;
    }

    private static boolean declares(AbiDefinition def, AbiDefinition.StructDef struct, String field) {
        for (int depth = 0; struct != null && depth < 32; depth++) {
            for (AbiDefinition.FieldDef f : struct.fields()) {
                if (f.name().equals(field)) {
                    return true;
                }
            }
            struct = struct.base() == null || struct.base().isEmpty() ? null : struct(def, struct.base());
        }
        return false;
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
