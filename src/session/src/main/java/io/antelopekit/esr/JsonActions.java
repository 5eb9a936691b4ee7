package io.antelopekit.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionExtension;
import io.antelopekit.chain.transaction.TransactionHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Actions and transactions given to the builder as JSON, their data encoded with the contracts' ABIs. */
final class JsonActions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HEADER_FIELDS = {"ref_block_num", "ref_block_prefix", "max_net_usage_words",
        "max_cpu_usage_ms", "delay_sec"};

    private JsonActions() {
    }

    /** An action {@code {account, name, authorization, data}} at {@code path}. */
    static Action action(JsonNode node, Map<Name, Abi> abis, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidSigningRequestException(path + " is not an object");
        }
        Name account = name(node, "account", path);
        Name name = name(node, "name", path);
        JsonNode auth = node.get("authorization");
        List<PermissionLevel> levels = new ArrayList<>();
        if (auth != null && !auth.isNull()) {
            if (!auth.isArray()) {
                throw new InvalidSigningRequestException(path + ".authorization is not an array");
            }
            for (int i = 0; i < auth.size(); i++) {
                levels.add(level(auth.get(i), path + ".authorization[" + i + "]"));
            }
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            throw new InvalidSigningRequestException(path + ".data is missing");
        }
        if (data.isTextual()) {
            try {
                return Action.of(account, name, levels, Bytes.from(data.textValue()));
            } catch (AntelopeException e) {
                throw new InvalidSigningRequestException(path + ".data: " + e.getMessage(), e);
            }
        }
        Abi abi = abis.get(account);
        if (abi == null) {
            throw new InvalidSigningRequestException(path + ": no ABI of contract \"" + account
                    + "\" was given to encode the action data");
        }
        try {
            return Action.of(account, name.toString(), levels, data, abi);
        } catch (AntelopeException | IllegalArgumentException e) {
            throw new InvalidSigningRequestException(path + " (" + account + "::" + name + "): " + e.getMessage(), e);
        }
    }

    /** A partial transaction: absent header fields are zero, the expiration 1970-01-01T00:00:00. */
    static Transaction transaction(JsonNode node, Map<Name, Abi> abis) {
        String path = "transaction";
        if (node == null || !node.isObject()) {
            throw new InvalidSigningRequestException(path + " is not an object");
        }
        ObjectNode header = JSON.createObjectNode();
        JsonNode exp = node.get("expiration");
        header.set("expiration", exp == null || exp.isNull() ? header.textNode("1970-01-01T00:00:00") : exp);
        for (String f : HEADER_FIELDS) {
            JsonNode v = node.get(f);
            header.set(f, v == null || v.isNull() ? header.numberNode(0) : v);
        }
        TransactionHeader h;
        try {
            h = JSON.treeToValue(header, TransactionHeader.class);
        } catch (Exception e) {
            throw new InvalidSigningRequestException(path + " header: " + e.getMessage(), e);
        }
        List<Action> cfa = actions(node, "context_free_actions", abis, path);
        List<Action> actions = actions(node, "actions", abis, path);
        List<TransactionExtension> ext = new ArrayList<>();
        JsonNode e = node.get("transaction_extensions");
        if (e != null && !e.isNull()) {
            if (!e.isArray()) {
                throw new InvalidSigningRequestException(path + ".transaction_extensions is not an array");
            }
            for (int i = 0; i < e.size(); i++) {
                try {
                    ext.add(JSON.treeToValue(e.get(i), TransactionExtension.class));
                } catch (Exception ex) {
                    throw new InvalidSigningRequestException(path + ".transaction_extensions[" + i + "]: "
                            + ex.getMessage(), ex);
                }
            }
        }
        return Transaction.of(h, cfa, actions, ext);
    }

    private static List<Action> actions(JsonNode node, String field, Map<Name, Abi> abis, String path) {
        JsonNode a = node.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new InvalidSigningRequestException(path + "." + field + " is not an array");
        }
        List<Action> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(action(a.get(i), abis, path + "." + field + "[" + i + "]"));
        }
        return out;
    }

    private static Name name(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidSigningRequestException(path + "." + field + " is " + (v == null ? "missing" : v)
                    + ": expected a name");
        }
        try {
            return Name.from(v.textValue());
        } catch (AntelopeException e) {
            throw new InvalidSigningRequestException(path + "." + field + ": " + e.getMessage(), e);
        }
    }

    private static PermissionLevel level(JsonNode node, String path) {
        try {
            if (node != null && node.isTextual()) {
                return PermissionLevel.from(node.textValue());
            }
        } catch (AntelopeException e) {
            throw new InvalidSigningRequestException(path + ": " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidSigningRequestException(path + " is not an object {actor, permission}");
        }
        return new PermissionLevel(name(node, "actor", path), name(node, "permission", path));
    }
}
