package io.antelopekit.stream.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state history protocol of one connection, through the ABI the node sent: requests encoded,
 * results decoded. Whatever does not decode, or is not what the protocol sends there, is a
 * {@link ShipProtocolException} naming the endpoint.
 */
final class ShipCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String[] STATUS = {"executed", "soft_fail", "hard_fail", "delayed", "expired"};

    private final Abi abi;
    private final URI endpoint;

    private ShipCodec(Abi abi, URI endpoint) {
        this.abi = abi;
        this.endpoint = endpoint;
    }

    /** The codec of the ABI the node sent as its first message. */
    static ShipCodec fromAbi(String text, URI endpoint) {
        Abi abi;
        try {
            abi = Abi.fromJson(withoutTables(text));
        } catch (AntelopeException | IllegalArgumentException | java.io.IOException e) {
            throw new ShipProtocolException("the first message of " + endpoint + " is not the state history ABI: "
                    + e.getMessage(), e);
        }
        for (String type : List.of("request", "result", "signed_block", "transaction_trace", "table_delta")) {
            if (!abi.hasType(type)) {
                throw new ShipProtocolException("the ABI " + endpoint + " sent has no type " + type
                        + ": not a state history node", null);
            }
        }
        return new ShipCodec(abi, endpoint);
    }

    /**
     * The ABI without its {@code tables}: the node's names its state tables with names longer
     * than a {@code name} ({@code account_metadata}), and decoding needs none of them.
     */
    static String withoutTables(String text) throws java.io.IOException {
        JsonNode tree = MAPPER.readTree(text);
        if (!(tree instanceof ObjectNode o)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        o.remove("tables");
        return MAPPER.writeValueAsString(o);
    }

    byte[] statusRequest() {
        return request("get_status_request_v0", JSON.objectNode());
    }

    byte[] blocksRequest(ShipRequest r, long window) {
        ObjectNode o = JSON.objectNode();
        o.put("start_block_num", r.startBlock());
        o.put("end_block_num", r.endBlock());
        o.put("max_messages_in_flight", window);
        ArrayNode have = o.putArray("have_positions");
        for (ShipPosition p : r.havePositions()) {
            have.addObject().put("block_num", p.blockNum()).put("block_id", p.blockId().toString());
        }
        o.put("irreversible_only", r.irreversibleOnly());
        o.put("fetch_block", r.fetchBlock());
        o.put("fetch_traces", r.fetchTraces());
        o.put("fetch_deltas", r.fetchDeltas());
        return request("get_blocks_request_v0", o);
    }

    byte[] ack(long messages) {
        return request("get_blocks_ack_request_v0", JSON.objectNode().put("num_messages", messages));
    }

    private byte[] request(String kind, ObjectNode value) {
        return abi.encode("request", JSON.arrayNode().add(kind).add(value));
    }

    /** A {@code result}: its alternative's name and value. */
    private Map.Entry<String, JsonNode> result(byte[] message) {
        JsonNode r = decode("result", message, "a message");
        return Map.entry(r.path(0).asText(), r.path(1));
    }

    ShipStatus status(byte[] message) {
        Map.Entry<String, JsonNode> r = result(message);
        if (!r.getKey().startsWith("get_status_result_")) {
            throw new ShipProtocolException(endpoint + " answered get_status with " + r.getKey(), null);
        }
        JsonNode s = r.getValue();
        try {
            JsonNode chain = s.path("chain_id");
            return new ShipStatus(position(s.path("head")), position(s.path("last_irreversible")),
                    s.path("trace_begin_block").asLong(), s.path("trace_end_block").asLong(),
                    s.path("chain_state_begin_block").asLong(), s.path("chain_state_end_block").asLong(),
                    chain.isTextual() ? Checksum256.from(chain.asText()) : null);
        } catch (AntelopeException | IllegalArgumentException | NullPointerException e) {
            throw malformed("get_status_result", e);
        }
    }

    /** A {@code get_blocks_result} before the contracts' ABIs are applied. */
    record Raw(ShipPosition head, ShipPosition lastIrreversible, ShipPosition position, ShipPosition previous,
            JsonNode signedBlock, JsonNode traces, List<ShipDelta> deltas) {

        /** The contracts whose ABIs decode its actions' data and rows. */
        Set<Name> contracts() {
            Set<Name> out = new LinkedHashSet<>();
            for (JsonNode t : traces) {
                for (JsonNode a : t.path(1).path("action_traces")) {
                    String account = a.path(1).path("act").path("account").asText();
                    if (Name.isValid(account)) {
                        out.add(Name.from(account));
                    }
                }
            }
            for (ShipDelta d : deltas) {
                if (d.isContractRow() && Name.isValid(d.row().path("code").asText())) {
                    out.add(Name.from(d.row().path("code").asText()));
                }
            }
            return out;
        }
    }

    /** The get_blocks_result in {@code message}. */
    Raw blocksResult(byte[] message) {
        Map.Entry<String, JsonNode> r = result(message);
        if (!r.getKey().startsWith("get_blocks_result_")) {
            throw new ShipProtocolException(endpoint + " sent " + r.getKey() + " while sending blocks", null);
        }
        JsonNode b = r.getValue();
        try {
            ShipPosition position = optionalPosition(b.path("this_block"));
            JsonNode block = b.path("block").isTextual()
                    ? decode("signed_block", Bytes.from(b.path("block").asText()).bytes(), "block " + position)
                    : MissingNode.getInstance();
            JsonNode traces = b.path("traces").isTextual()
                    ? decode("transaction_trace[]", Bytes.from(b.path("traces").asText()).bytes(), "the traces of " + position)
                    : JSON.arrayNode();
            List<ShipDelta> deltas = b.path("deltas").isTextual()
                    ? deltas(Bytes.from(b.path("deltas").asText()).bytes(), position) : List.of();
            return new Raw(position(b.path("head")), position(b.path("last_irreversible")), position,
                    optionalPosition(b.path("prev_block")), block, traces, deltas);
        } catch (ShipProtocolException e) {
            throw e;
        } catch (AntelopeException | IllegalArgumentException | NullPointerException e) {
            throw malformed("get_blocks_result", e);
        }
    }

    private List<ShipDelta> deltas(byte[] bytes, ShipPosition position) {
        List<ShipDelta> out = new ArrayList<>();
        for (JsonNode delta : decode("table_delta[]", bytes, "the deltas of " + position)) {
            String table = delta.path(1).path("name").asText();
            boolean known = abi.hasType(table);
            for (JsonNode row : delta.path(1).path("rows")) {
                byte[] data = Bytes.from(row.path("data").asText()).bytes();
                JsonNode value = known ? decode(table, data, "a " + table + " row of " + position)
                        : JSON.textNode(Bytes.of(data).toString());
                // a table's row type is a variant of versions: keep the version's value
                JsonNode unwrapped = value.isArray() && value.size() == 2 && value.path(1).isObject() ? value.path(1) : value;
                out.add(new ShipDelta(table, row.path("present").asBoolean(), unwrapped, MissingNode.getInstance()));
            }
        }
        return out;
    }

    /** The block with the contracts' data decoded through {@code abis} (a contract without ABI keeps its data undecoded). */
    static ShipBlock withContracts(Raw raw, Map<Name, Optional<Abi>> abis) {
        List<ShipTransactionTrace> traces = new ArrayList<>();
        for (JsonNode t : raw.traces()) {
            traces.add(transactionTrace(t.path(1), abis));
        }
        List<ShipDelta> deltas = new ArrayList<>(raw.deltas().size());
        for (ShipDelta d : raw.deltas()) {
            deltas.add(d.isContractRow() ? rowData(d, abis) : d);
        }
        return new ShipBlock(raw.head(), raw.lastIrreversible(), raw.position(), raw.previous(), 0, raw.signedBlock(),
                traces, deltas);
    }

    private static ShipTransactionTrace transactionTrace(JsonNode t, Map<Name, Optional<Abi>> abis) {
        List<ShipActionTrace> actions = new ArrayList<>();
        for (JsonNode a : t.path("action_traces")) {
            actions.add(actionTrace(a.path(1), abis));
        }
        int status = t.path("status").asInt();
        return new ShipTransactionTrace(Checksum256.from(t.path("id").asText()),
                status < STATUS.length ? STATUS[status] : "status " + status, t.path("cpu_usage_us").asLong(),
                t.path("net_usage_words").asLong(), t.path("elapsed").asLong(), t.path("scheduled").asBoolean(),
                actions, text(t.path("except")), number(t.path("error_code")));
    }

    private static ShipActionTrace actionTrace(JsonNode a, Map<Name, Optional<Abi>> abis) {
        JsonNode act = a.path("act");
        List<PermissionLevel> auth = new ArrayList<>();
        for (JsonNode p : act.path("authorization")) {
            auth.add(new PermissionLevel(Name.from(p.path("actor").asText()), Name.from(p.path("permission").asText())));
        }
        Action action = Action.of(Name.from(act.path("account").asText()), Name.from(act.path("name").asText()), auth,
                Bytes.from(act.path("data").asText()));
        JsonNode receipt = a.path("receipt");
        return new ShipActionTrace(a.path("action_ordinal").asInt(), a.path("creator_action_ordinal").asInt(),
                Name.from(a.path("receiver").asText()), action, actionData(action, abis), a.path("context_free").asBoolean(),
                a.path("elapsed").asLong(), a.path("console").asText(""),
                receipt.isArray() ? receipt.path(1) : MissingNode.getInstance(), text(a.path("except")),
                number(a.path("error_code")), a.path("return_value").isTextual()
                        ? Bytes.from(a.path("return_value").asText()) : Bytes.EMPTY);
    }

    private static JsonNode actionData(Action action, Map<Name, Optional<Abi>> abis) {
        Abi abi = abis.getOrDefault(action.account(), Optional.empty()).orElse(null);
        Optional<String> type = abi == null ? Optional.empty() : abi.actionType(action.name());
        if (type.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return abi.decode(type.get(), action.data().bytes());
        } catch (AntelopeException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    private static ShipDelta rowData(ShipDelta d, Map<Name, Optional<Abi>> abis) {
        JsonNode row = d.row();
        Abi abi = Name.isValid(row.path("code").asText())
                ? abis.getOrDefault(Name.from(row.path("code").asText()), Optional.empty()).orElse(null) : null;
        String table = row.path("table").asText();
        Optional<String> type = abi == null || !Name.isValid(table) ? Optional.empty() : abi.tableType(Name.from(table));
        if (type.isEmpty()) {
            return d;
        }
        try {
            return new ShipDelta(d.table(), d.present(), row,
                    abi.decode(type.get(), Bytes.from(row.path("value").asText()).bytes()));
        } catch (AntelopeException | IllegalArgumentException e) {
            return d;
        }
    }

    private JsonNode decode(String type, byte[] bytes, String what) {
        try {
            return abi.decode(type, bytes);
        } catch (AntelopeException | IllegalArgumentException e) {
            throw new ShipProtocolException(what + " from " + endpoint + " does not decode as " + type + " ("
                    + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    private ShipProtocolException malformed(String what, Exception e) {
        return new ShipProtocolException("a " + what + " from " + endpoint + " is malformed: " + e, e);
    }

    private static ShipPosition position(JsonNode p) {
        return new ShipPosition(p.path("block_num").asLong(), Checksum256.from(p.path("block_id").asText()));
    }

    private static ShipPosition optionalPosition(JsonNode p) {
        return p.isObject() ? position(p) : null;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Long number(JsonNode n) {
        return n.isNumber() || n.isTextual() ? Long.parseUnsignedLong(n.asText()) : null;
    }
}
