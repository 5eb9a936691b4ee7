package io.antelopekit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One action to send, as a record of {@link KafkaToChain}'s request topic: an id of the sender's
 * choosing (which comes back in its {@link RequestOutcome}), the contract, the action and its data
 * as JSON, encoded through the contract's ABI when it is sent.
 *
 * <h2>The record's value (schema 1)</h2>
 * <pre>{@code
 * {"id":"payout-42", "contract":"eosio.token", "action":"transfer",
 *  "authorization":[{"actor":"alice","permission":"active"}],      // optional: the session's permission
 *  "data":{"from":"alice","to":"bob","quantity":"1.0000 EOS","memo":"payout-42"}}
 * }</pre>
 * Key the record by what must stay in order (an account, say): requests of one key are sent in
 * their order, each partition in turn through one {@code transactAll}.
 *
 * @param id            the request's id: not blank
 * @param contract      the contract
 * @param action        the action's name
 * @param authorization who authorizes it; empty for the session's permission
 * @param data          the action's data as JSON, field names as in the ABI
 */
public record ActionRequest(String id, Name contract, Name action, List<PermissionLevel> authorization, JsonNode data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the values. */
    public ActionRequest {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(action, "action");
        authorization = List.copyOf(Objects.requireNonNull(authorization, "authorization"));
        Objects.requireNonNull(data, "data");
    }

    /**
     * A request authorized by the sending session's permission.
     *
     * @param data a record, a {@code Map} or a {@link JsonNode}, turned into JSON by Jackson
     */
    public static ActionRequest of(String id, String contract, String action, Object data) {
        return new ActionRequest(id, Name.from(contract), Name.from(action), List.of(), JSON.valueToTree(data));
    }

    /** This request authorized by {@code levels} instead. */
    public ActionRequest withAuthorization(PermissionLevel... levels) {
        return new ActionRequest(id, contract, action, List.of(levels), data);
    }

    /** The record's value (see the class's documentation). */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id).put("contract", contract.toString()).put("action", action.toString());
        if (!authorization.isEmpty()) {
            ArrayNode auth = n.putArray("authorization");
            for (PermissionLevel p : authorization) {
                auth.addObject().put("actor", p.actor().toString()).put("permission", p.permission().toString());
            }
        }
        n.set("data", data);
        return n.toString();
    }

    /**
     * Reads a record's value.
     *
     * @throws MalformedRequestException if it is not JSON, or a field is missing or wrong (the
     *         message names it)
     */
    public static ActionRequest parse(String value) {
        if (value == null) {
            throw new MalformedRequestException("the record has no value");
        }
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("not JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        }
        if (n == null || !n.isObject()) {
            throw new MalformedRequestException("not a JSON object");
        }
        String id = text(n, "id");
        if (id.isBlank()) {
            throw new MalformedRequestException("\"id\" is blank");
        }
        Name contract = name(n, "contract");
        Name action = name(n, "action");
        List<PermissionLevel> authorization = new ArrayList<>();
        JsonNode auth = n.path("authorization");
        if (!auth.isMissingNode() && !auth.isNull()) {
            if (!auth.isArray()) {
                throw new MalformedRequestException("\"authorization\" of request " + id + " is not an array");
            }
            for (int i = 0; i < auth.size(); i++) {
                JsonNode level = auth.get(i);
                authorization.add(new PermissionLevel(name(level, "actor", "authorization[" + i + "].actor"),
                        name(level, "permission", "authorization[" + i + "].permission")));
            }
        }
        JsonNode data = n.path("data");
        if (data.isMissingNode() || data.isNull()) {
            throw new MalformedRequestException("request " + id + " has no \"data\"");
        }
        return new ActionRequest(id, contract, action, authorization, data);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new MalformedRequestException("\"" + field + "\" is " + (v.isMissingNode() ? "missing" : "not a string"));
        }
        return v.asText();
    }

    private static Name name(JsonNode n, String field) {
        return name(n, field, field);
    }

    private static Name name(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new MalformedRequestException("\"" + where + "\" is " + (v.isMissingNode() ? "missing" : "not a string"));
        }
        try {
            return Name.from(v.asText());
        } catch (InvalidValueException e) {
            throw new MalformedRequestException("\"" + where + "\" is not a name: " + e.getMessage(), e);
        }
    }

    /** The id and the action; not the data. */
    @Override
    public String toString() {
        return "ActionRequest[" + id + ": " + contract + "::" + action + "]";
    }
}
