package io.antelopekit.chain.transaction;

import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.antelopekit.abi.Abi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One action of a transaction: the contract ({@code account}) and action {@code name} to run,
 * the permissions that authorize it, and its ABI-encoded {@code data}.
 *
 * <p>Built from raw bytes, or from a Java record, a {@code Map} or a Jackson {@code JsonNode}
 * encoded through the contract's {@link Abi}; an action built or read with an ABI also knows
 * its {@link #decodedData() decoded data}. Equality looks at account, name, authorization and
 * data bytes only.
 *
 * <pre>{@code
 * record Transfer(Name from, Name to, Asset quantity, String memo) {}
 * Action transfer = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"),
 *         new Transfer(Name.from("alice"), Name.from("bob"), Asset.from("1.0000 EOS"), "hi"), tokenAbi);
 * }</pre>
 *
 * <p>JSON (Jackson) uses the node's form with data as hex:
 * {@code {"account":"eosio.token","name":"transfer","authorization":[{"actor":"alice","permission":"active"}],"data":"..."}}.
 * Reading also accepts the node's {@code get_block} form, where {@code data} is the decoded
 * object and {@code hex_data} the bytes.
 */
@JsonSerialize(using = Action.Serializer.class)
@JsonDeserialize(using = Action.Deserializer.class)
public final class Action implements BinaryEncodable {

    /** The smallest binary action: two names, an empty authorization and empty data. */
    static final int MIN_ENCODED_SIZE = 18;

    private final Name account;
    private final Name name;
    private final List<PermissionLevel> authorization;
    private final Bytes data;
    private final int dataLength;
    /** The ABI the action was built or read with, if any; not part of equality. */
    private final Abi abi;
    /** Decoded data, known from JSON or computed lazily from {@link #abi}. */
    private volatile JsonNode decoded;

    private Action(Name account, Name name, List<PermissionLevel> authorization, Bytes data, int dataLength,
            Abi abi, JsonNode decoded) {
        this.account = account;
        this.name = name;
        this.authorization = authorization;
        this.data = data;
        this.dataLength = dataLength;
        this.abi = abi;
        this.decoded = decoded;
    }

    /**
     * An action with already encoded data.
     *
     * @param account the contract
     * @param name the action's name
     * @param authorization the permissions that authorize it (copied)
     * @param data the ABI-encoded action data
     */
    public static Action of(Name account, Name name, List<PermissionLevel> authorization, Bytes data) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        return new Action(account, name, copyAuthorization(authorization), data, data.length(), null, null);
    }

    /**
     * An action whose data is encoded through the contract's ABI.
     *
     * @param contract the contract's account name
     * @param action the action's name, declared in {@code abi}
     * @param authorization the permission that authorizes it
     * @param data a record, {@code Map} or {@code JsonNode} of the action's type, or already encoded
     *     {@link Bytes} / {@code byte[]}
     * @param abi the contract's compiled ABI
     * @throws InvalidValueException if the ABI declares no such action or the data does not fit its type
     */
    public static Action of(String contract, String action, PermissionLevel authorization, Object data, Abi abi) {
        return of(Name.from(contract), action, List.of(authorization), data, abi);
    }

    /** Like {@link #of(String, String, PermissionLevel, Object, Abi)} with several authorizations. */
    public static Action of(String contract, String action, List<PermissionLevel> authorization, Object data, Abi abi) {
        return of(Name.from(contract), action, authorization, data, abi);
    }

    /** Like {@link #of(String, String, PermissionLevel, Object, Abi)} with the contract as a {@link Name}. */
    public static Action of(Name contract, String action, PermissionLevel authorization, Object data, Abi abi) {
        return of(contract, action, List.of(authorization), data, abi);
    }

    /** Like {@link #of(String, String, PermissionLevel, Object, Abi)} with a {@link Name} and several authorizations. */
    public static Action of(Name contract, String action, List<PermissionLevel> authorization, Object data, Abi abi) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(abi, "abi");
        Name actionName = Name.from(action);
        String type = actionType(abi, contract, actionName);
        Bytes encoded;
        if (data instanceof Bytes) {
            encoded = (Bytes) data;
        } else if (data instanceof byte[]) {
            encoded = Bytes.of((byte[]) data);
        } else {
            encoded = Bytes.of(abi.encode(type, data));
        }
        return new Action(contract, actionName, copyAuthorization(authorization), encoded, encoded.length(), abi,
                null);
    }

    private static String actionType(Abi abi, Name contract, Name action) {
        Optional<String> type = abi.actionType(action);
        if (type.isEmpty()) {
            throw new InvalidValueException("action \"" + action + "\" of contract \"" + contract
                    + "\" is not declared in the ABI given");
        }
        return type.get();
    }

    private static List<PermissionLevel> copyAuthorization(List<PermissionLevel> authorization) {
        Objects.requireNonNull(authorization, "authorization");
        if (authorization.isEmpty()) {
            return List.of();
        }
        if (authorization.size() == 1) {
            return List.of(authorization.get(0));
        }
        return List.copyOf(authorization);
    }

    /** The contract that runs the action. */
    public Name account() {
        return account;
    }

    /** The action's name. */
    public Name name() {
        return name;
    }

    /** The permissions that authorize the action (unmodifiable). */
    public List<PermissionLevel> authorization() {
        return authorization;
    }

    /** The ABI-encoded action data. */
    public Bytes data() {
        return data;
    }

    /**
     * The decoded data, when the action was built with an ABI or read from JSON that carried
     * both the decoded object and {@code hex_data}. Each call returns a fresh copy.
     */
    public Optional<JsonNode> decodedData() {
        JsonNode d = decoded;
        if (d == null && abi != null) {
            d = abi.decode(actionType(abi, account, name), data.bytes());
            decoded = d;
        }
        return d == null ? Optional.empty() : Optional.of(d.deepCopy());
    }

    /**
     * Decodes the data with the contract's ABI, in the node's JSON conventions.
     *
     * @throws InvalidValueException if the ABI does not declare this action or the data does not match its type
     */
    public JsonNode decodeData(Abi abi) {
        Objects.requireNonNull(abi, "abi");
        return abi.decode(actionType(abi, account, name), data.bytes());
    }

    /** A copy of this action that knows {@code abi}, so that {@link #decodedData()} can decode. */
    public Action withAbi(Abi abi) {
        Objects.requireNonNull(abi, "abi");
        actionType(abi, account, name);
        return new Action(account, name, authorization, data, dataLength, abi, null);
    }

    /** A copy of this action with other authorizations. */
    public Action withAuthorization(List<PermissionLevel> authorization) {
        return new Action(account, name, copyAuthorization(authorization), data, dataLength, abi, decoded);
    }

    /** Number of bytes {@link #encode(BinaryWriter)} writes. */
    int encodedSize() {
        return 16 + varUInt32Size(authorization.size()) + 16 * authorization.size() + varUInt32Size(dataLength)
                + dataLength;
    }

    static int varUInt32Size(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    @Override
    public void encode(BinaryWriter out) {
        account.encode(out);
        name.encode(out);
        out.writeVarUInt32(authorization.size());
        for (int i = 0; i < authorization.size(); i++) {
            authorization.get(i).encode(out);
        }
        data.encode(out);
    }

    /**
     * Reads an action.
     *
     * @throws DecodingException if the bytes are truncated or malformed
     */
    public static Action decode(BinaryReader in) {
        Name account = Name.decode(in);
        Name name = Name.decode(in);
        int n = in.readLength("action authorization", 16);
        List<PermissionLevel> auth;
        if (n == 0) {
            auth = List.of();
        } else {
            PermissionLevel[] levels = new PermissionLevel[n];
            for (int i = 0; i < n; i++) {
                levels[i] = PermissionLevel.decode(in);
            }
            auth = List.of(levels);
        }
        Bytes data = Bytes.decode(in);
        return new Action(account, name, auth, data, data.length(), null, null);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Action)) {
            return false;
        }
        Action other = (Action) o;
        return account.equals(other.account) && name.equals(other.name) && authorization.equals(other.authorization)
                && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return ((account.hashCode() * 31 + name.hashCode()) * 31 + authorization.hashCode()) * 31 + data.hashCode();
    }

    /** The node's JSON form, with data as hex. */
    @Override
    public String toString() {
        return Transaction.Json.write(this);
    }

    // ---------------------------------------------------------------------------------------- JSON

    static void writeJson(Action a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("account", a.account.toString());
        g.writeStringField("name", a.name.toString());
        g.writeArrayFieldStart("authorization");
        for (PermissionLevel level : a.authorization) {
            g.writeStartObject();
            g.writeStringField("actor", level.actor().toString());
            g.writeStringField("permission", level.permission().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("data", a.data.toString());
        g.writeEndObject();
    }

    static Action fromJson(JsonNode node, String path) {
        Transaction.Json.requireObject(node, path);
        Name account = Transaction.Json.name(node, "account", path);
        Name name = Transaction.Json.name(node, "name", path);
        JsonNode auth = Transaction.Json.array(node, "authorization", path);
        List<PermissionLevel> levels = new ArrayList<>(auth.size());
        for (int i = 0; i < auth.size(); i++) {
            String at = path + ".authorization[" + i + "]";
            JsonNode level = auth.get(i);
            Transaction.Json.requireObject(level, at);
            levels.add(new PermissionLevel(Transaction.Json.name(level, "actor", at),
                    Transaction.Json.name(level, "permission", at)));
        }
        JsonNode data = node.get("data");
        Bytes bytes;
        JsonNode decoded = null;
        if (data != null && data.isTextual()) {
            bytes = Transaction.Json.hex(node, "data", path);
        } else if (data != null && (data.isObject() || data.isArray()) && node.hasNonNull("hex_data")) {
            bytes = Transaction.Json.hex(node, "hex_data", path);
            decoded = data.deepCopy();
        } else if (data == null || data.isNull()) {
            throw new InvalidValueException(path + ".data is missing");
        } else {
            throw new InvalidValueException(path + ".data is " + Transaction.Json.describe(data)
                    + ": expected hex, or decoded data with hex_data (to encode decoded data, build the action with"
                    + " Action.of(..., abi))");
        }
        return new Action(account, name, List.copyOf(levels), bytes, bytes.length(), null, decoded);
    }

    static final class Serializer extends JsonSerializer<Action> {
        @Override
        public void serialize(Action value, JsonGenerator g, SerializerProvider provider) throws IOException {
            writeJson(value, g);
        }
    }

    static final class Deserializer extends JsonDeserializer<Action> {
        @Override
        public Action deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromJson(p.readValueAsTree(), "action");
        }
    }
}
