package io.antelopekit.chain.transaction;

import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.InvalidNameException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.antelopekit.crypto.PrivateKey;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An unsigned transaction: a {@link TransactionHeader}, context-free actions, actions and
 * extensions.
 *
 * <p>Its binary form ({@link #pack()}) is computed once and cached, as is its {@linkplain #id() id}
 * (the SHA-256 of the packed bytes). {@link #signingDigest(Checksum256, List)} is the digest a
 * node checks signatures against.
 *
 * <pre>{@code
 * Transaction trx = Transaction.of(TransactionHeader.of(expiration, info.lastIrreversibleBlockId()), transfer);
 * SignedTransaction signed = trx.sign(info.chainId(), key);
 * PackedTransaction body = signed.pack(Compression.NONE); // push_transaction body
 * }</pre>
 *
 * <p>JSON (Jackson) is the node's form: the header fields, then {@code context_free_actions},
 * {@code actions} (data as hex) and {@code transaction_extensions}.
 */
@JsonSerialize(using = Transaction.Serializer.class)
@JsonDeserialize(using = Transaction.Deserializer.class)
public final class Transaction implements BinaryEncodable {

    private static final byte[] NO_CONTEXT_FREE_DATA = new byte[32];

    private final TransactionHeader header;
    private final List<Action> contextFreeActions;
    private final List<Action> actions;
    private final List<TransactionExtension> transactionExtensions;
    /** The packed form, computed on first use; racing threads compute equal arrays. */
    private volatile byte[] packed;
    private volatile Checksum256 id;

    private Transaction(TransactionHeader header, List<Action> contextFreeActions, List<Action> actions,
            List<TransactionExtension> transactionExtensions) {
        this.header = Objects.requireNonNull(header, "header");
        this.contextFreeActions = contextFreeActions;
        this.actions = actions;
        this.transactionExtensions = transactionExtensions;
    }

    /** A transaction of {@code actions}, without context-free actions or extensions. */
    public static Transaction of(TransactionHeader header, Action... actions) {
        return new Transaction(header, List.of(), List.of(actions), List.of());
    }

    /** A transaction of {@code actions}, without context-free actions or extensions. */
    public static Transaction of(TransactionHeader header, List<Action> actions) {
        return new Transaction(header, List.of(), List.copyOf(actions), List.of());
    }

    /** A transaction with every part given. */
    public static Transaction of(TransactionHeader header, List<Action> contextFreeActions, List<Action> actions,
            List<TransactionExtension> transactionExtensions) {
        return new Transaction(header, List.copyOf(contextFreeActions), List.copyOf(actions),
                List.copyOf(transactionExtensions));
    }

    /** A builder; {@link Builder#header(TransactionHeader) header} is required. */
    public static Builder builder() {
        return new Builder();
    }

    public TransactionHeader header() {
        return header;
    }

    /** Actions that run without access to chain state (unmodifiable). */
    public List<Action> contextFreeActions() {
        return contextFreeActions;
    }

    /** The actions (unmodifiable). */
    public List<Action> actions() {
        return actions;
    }

    /** The transaction extensions (unmodifiable). */
    public List<TransactionExtension> transactionExtensions() {
        return transactionExtensions;
    }

    public Transaction withHeader(TransactionHeader header) {
        return new Transaction(header, contextFreeActions, actions, transactionExtensions);
    }

    public Transaction withActions(List<Action> actions) {
        return new Transaction(header, contextFreeActions, List.copyOf(actions), transactionExtensions);
    }

    public Transaction withContextFreeActions(List<Action> contextFreeActions) {
        return new Transaction(header, List.copyOf(contextFreeActions), actions, transactionExtensions);
    }

    public Transaction withTransactionExtensions(List<TransactionExtension> transactionExtensions) {
        return new Transaction(header, contextFreeActions, actions, List.copyOf(transactionExtensions));
    }

    // ------------------------------------------------------------------------------ packing, id

    /** The binary form (a node's {@code packed_trx} before compression), as a new array. */
    public byte[] pack() {
        return packed().clone();
    }

    /** The cached packed bytes; callers must not modify them. */
    byte[] packed() {
        byte[] p = packed;
        if (p == null) {
            BinaryWriter out = new BinaryWriter(encodedSize());
            encode(out);
            p = out.toByteArray();
            packed = p;
        }
        return p;
    }

    private int encodedSize() {
        int size = header.encodedSize() + Action.varUInt32Size(contextFreeActions.size())
                + Action.varUInt32Size(actions.size()) + Action.varUInt32Size(transactionExtensions.size());
        for (int i = 0; i < contextFreeActions.size(); i++) {
            size += contextFreeActions.get(i).encodedSize();
        }
        for (int i = 0; i < actions.size(); i++) {
            size += actions.get(i).encodedSize();
        }
        for (int i = 0; i < transactionExtensions.size(); i++) {
            size += transactionExtensions.get(i).encodedSize();
        }
        return size;
    }

    /** The transaction id: SHA-256 of the packed transaction. */
    public Checksum256 id() {
        Checksum256 i = id;
        if (i == null) {
            i = Checksum256.hash(packed());
            id = i;
        }
        return i;
    }

    /**
     * The bytes a node hashes to check signatures: {@code chain_id ‖ packed_trx ‖ cfd_digest},
     * where {@code cfd_digest} is the SHA-256 of the packed context-free data, or 32 zero bytes
     * when there is none.
     *
     * @param chainId the id of the chain the transaction is for
     * @param contextFreeData the context-free data that will be sent with the transaction
     */
    public byte[] signingData(Checksum256 chainId, List<Bytes> contextFreeData) {
        byte[] chain = chainId.bytes();
        byte[] trx = packed();
        byte[] cfd = contextFreeDataDigest(contextFreeData);
        byte[] out = new byte[chain.length + trx.length + cfd.length];
        System.arraycopy(chain, 0, out, 0, chain.length);
        System.arraycopy(trx, 0, out, chain.length, trx.length);
        System.arraycopy(cfd, 0, out, chain.length + trx.length, cfd.length);
        return out;
    }

    /**
     * The digest signatures are made over, exactly as a node computes it: the SHA-256 of
     * {@link #signingData(Checksum256, List)}.
     *
     * @param chainId the id of the chain the transaction is for
     * @param contextFreeData the context-free data that will be sent with the transaction
     */
    public Checksum256 signingDigest(Checksum256 chainId, List<Bytes> contextFreeData) {
        MessageDigest md = sha256();
        md.update(chainId.bytes());
        md.update(packed());
        md.update(contextFreeDataDigest(contextFreeData));
        return Checksum256.of(md.digest());
    }

    /** The signing digest without context-free data. */
    public Checksum256 signingDigest(Checksum256 chainId) {
        return signingDigest(chainId, List.of());
    }

    private static byte[] contextFreeDataDigest(List<Bytes> contextFreeData) {
        if (contextFreeData.isEmpty()) {
            return NO_CONTEXT_FREE_DATA;
        }
        return sha256().digest(SignedTransaction.packContextFreeData(contextFreeData));
    }

    /**
     * Signs this transaction (without context-free data) with each key.
     *
     * @param chainId the id of the chain the transaction is for
     * @param keys the keys to sign with, in order
     */
    public SignedTransaction sign(Checksum256 chainId, PrivateKey... keys) {
        return SignedTransaction.of(this).sign(chainId, keys);
    }

    private static final MessageDigest SHA256 = newSha256();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A fresh SHA-256 digest (cloning a prototype skips the provider lookup). */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    // ---------------------------------------------------------------------------------- binary

    @Override
    public void encode(BinaryWriter out) {
        header.encode(out);
        encodeActions(contextFreeActions, out);
        encodeActions(actions, out);
        out.writeVarUInt32(transactionExtensions.size());
        for (int i = 0; i < transactionExtensions.size(); i++) {
            transactionExtensions.get(i).encode(out);
        }
    }

    private static void encodeActions(List<Action> list, BinaryWriter out) {
        out.writeVarUInt32(list.size());
        for (int i = 0; i < list.size(); i++) {
            list.get(i).encode(out);
        }
    }

    /**
     * Reads a transaction.
     *
     * @throws DecodingException if the bytes are truncated or malformed
     */
    public static Transaction decode(BinaryReader in) {
        TransactionHeader header = TransactionHeader.decode(in);
        List<Action> cfa = decodeActions(in, "context_free_actions");
        List<Action> actions = decodeActions(in, "actions");
        int n = in.readLength("transaction_extensions", TransactionExtension.MIN_ENCODED_SIZE);
        List<TransactionExtension> ext;
        if (n == 0) {
            ext = List.of();
        } else {
            TransactionExtension[] items = new TransactionExtension[n];
            for (int i = 0; i < n; i++) {
                items[i] = TransactionExtension.decode(in);
            }
            ext = List.of(items);
        }
        return new Transaction(header, cfa, actions, ext);
    }

    private static List<Action> decodeActions(BinaryReader in, String what) {
        int n = in.readLength(what, Action.MIN_ENCODED_SIZE);
        if (n == 0) {
            return List.of();
        }
        Action[] items = new Action[n];
        for (int i = 0; i < n; i++) {
            items[i] = Action.decode(in);
        }
        return List.of(items);
    }

    /**
     * Reads a packed transaction ({@code packed_trx}, uncompressed); every byte must be used.
     *
     * @throws DecodingException if the bytes are truncated, malformed or too long
     */
    public static Transaction unpack(byte[] packedTrx) {
        BinaryReader in = new BinaryReader(packedTrx);
        Transaction trx = decode(in);
        in.expectEnd("packed transaction");
        return trx;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Transaction)) {
            return false;
        }
        Transaction other = (Transaction) o;
        return header.equals(other.header) && actions.equals(other.actions)
                && contextFreeActions.equals(other.contextFreeActions)
                && transactionExtensions.equals(other.transactionExtensions);
    }

    @Override
    public int hashCode() {
        return ((header.hashCode() * 31 + contextFreeActions.hashCode()) * 31 + actions.hashCode()) * 31
                + transactionExtensions.hashCode();
    }

    /** The node's JSON form. */
    @Override
    public String toString() {
        return Json.write(this);
    }

    // ---------------------------------------------------------------------------------------- JSON

    void writeJsonFields(JsonGenerator g) throws IOException {
        header.writeJsonFields(g);
        g.writeArrayFieldStart("context_free_actions");
        for (Action a : contextFreeActions) {
            Action.writeJson(a, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("actions");
        for (Action a : actions) {
            Action.writeJson(a, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("transaction_extensions");
        for (TransactionExtension e : transactionExtensions) {
            TransactionExtension.writeJson(e, g);
        }
        g.writeEndArray();
    }

    /** Reads a transaction object; absent action and extension lists are empty. */
    static Transaction fromJson(JsonNode node, String path) {
        TransactionHeader header = TransactionHeader.fromJson(node, path);
        List<Action> cfa = actionsFromJson(node, "context_free_actions", path);
        List<Action> actions = actionsFromJson(node, "actions", path);
        JsonNode ext = Json.arrayOrEmpty(node, "transaction_extensions", path);
        List<TransactionExtension> extensions = new ArrayList<>(ext.size());
        for (int i = 0; i < ext.size(); i++) {
            extensions.add(TransactionExtension.fromJson(ext.get(i), path + ".transaction_extensions[" + i + "]"));
        }
        return new Transaction(header, cfa, actions, List.copyOf(extensions));
    }

    private static List<Action> actionsFromJson(JsonNode node, String field, String path) {
        JsonNode array = Json.arrayOrEmpty(node, field, path);
        List<Action> list = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            list.add(Action.fromJson(array.get(i), path + "." + field + "[" + i + "]"));
        }
        return List.copyOf(list);
    }

    static final class Serializer extends JsonSerializer<Transaction> {
        @Override
        public void serialize(Transaction value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            value.writeJsonFields(g);
            g.writeEndObject();
        }
    }

    static final class Deserializer extends JsonDeserializer<Transaction> {
        @Override
        public Transaction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromJson(p.readValueAsTree(), "transaction");
        }
    }

    /** Builds a {@link Transaction}; not thread-safe. */
    public static final class Builder {

        private TransactionHeader header;
        private final List<Action> contextFreeActions = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();
        private final List<TransactionExtension> transactionExtensions = new ArrayList<>();

        private Builder() {
        }

        public Builder header(TransactionHeader header) {
            this.header = Objects.requireNonNull(header, "header");
            return this;
        }

        public Builder contextFreeAction(Action action) {
            contextFreeActions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        public Builder action(Action action) {
            actions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        public Builder actions(List<Action> actions) {
            for (Action a : actions) {
                action(a);
            }
            return this;
        }

        public Builder transactionExtension(TransactionExtension extension) {
            transactionExtensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /**
         * The transaction.
         *
         * @throws IllegalStateException if no header was set
         */
        public Transaction build() {
            if (header == null) {
                throw new IllegalStateException("a transaction needs a header");
            }
            return new Transaction(header, List.copyOf(contextFreeActions), List.copyOf(actions),
                    List.copyOf(transactionExtensions));
        }
    }

    /** JSON helpers shared by the transaction types: field access with paths in messages. */
    static final class Json {

        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
            }
        }

        static void requireObject(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw new InvalidValueException(path + " is " + describe(node) + ": expected an object");
            }
        }

        static String describe(JsonNode v) {
            if (v == null || v.isMissingNode()) {
                return "missing";
            }
            if (v.isNull()) {
                return "null";
            }
            if (v.isObject()) {
                return "an object";
            }
            if (v.isArray()) {
                return "an array";
            }
            String s = v.toString();
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }

        static JsonNode required(JsonNode obj, String field, String path) {
            JsonNode v = obj.get(field);
            if (v == null || v.isNull()) {
                throw new InvalidValueException(path + "." + field + " is missing");
            }
            return v;
        }

        static String text(JsonNode obj, String field, String path) {
            JsonNode v = required(obj, field, path);
            if (!v.isTextual()) {
                throw new InvalidValueException(path + "." + field + " is " + describe(v) + ": expected a string");
            }
            return v.textValue();
        }

        static Name name(JsonNode obj, String field, String path) {
            String s = text(obj, field, path);
            try {
                return Name.from(s);
            } catch (InvalidNameException e) {
                throw new InvalidNameException(path + "." + field + ": " + e.getMessage(), e);
            }
        }

        static JsonNode array(JsonNode obj, String field, String path) {
            JsonNode v = required(obj, field, path);
            if (!v.isArray()) {
                throw new InvalidValueException(path + "." + field + " is " + describe(v) + ": expected an array");
            }
            return v;
        }

        static JsonNode arrayOrEmpty(JsonNode obj, String field, String path) {
            JsonNode v = obj.get(field);
            if (v == null || v.isNull()) {
                return MAPPER.createArrayNode();
            }
            if (!v.isArray()) {
                throw new InvalidValueException(path + "." + field + " is " + describe(v) + ": expected an array");
            }
            return v;
        }

        static Bytes hex(JsonNode obj, String field, String path) {
            return hex(required(obj, field, path), path + "." + field);
        }

        static Bytes hex(JsonNode v, String path) {
            if (v == null || !v.isTextual()) {
                throw new InvalidValueException(path + " is " + describe(v) + ": expected a hex string");
            }
            try {
                return Bytes.from(v.textValue());
            } catch (InvalidValueException e) {
                throw new InvalidValueException(path + ": " + e.getMessage(), e);
            }
        }

        static long unsigned(JsonNode obj, String field, String path, long max) {
            return unsigned(required(obj, field, path), path + "." + field, max);
        }

        static long unsignedOrZero(JsonNode obj, String field, String path, long max) {
            JsonNode v = obj.get(field);
            return v == null || v.isNull() ? 0 : unsigned(v, path + "." + field, max);
        }

        /** An unsigned integer given as a JSON number or a decimal string, at most {@code max}. */
        static long unsigned(JsonNode v, String path, long max) {
            long value;
            if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
            } else if (v != null && v.isTextual() && !v.textValue().isEmpty() && v.textValue().length() <= 19
                    && v.textValue().chars().allMatch(c -> c >= '0' && c <= '9')) {
                value = Long.parseLong(v.textValue());
            } else {
                throw new InvalidValueException(path + " is " + describe(v) + ": expected an integer in 0.." + max);
            }
            if (value < 0 || value > max) {
                throw new InvalidValueException(path + " is " + value + ": expected an integer in 0.." + max);
            }
            return value;
        }
    }
}
