package io.antelopekit.chain.transaction;

import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
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
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Transaction} with its signatures and context-free data.
 *
 * <p>Signatures are made over {@link #signingDigest(Checksum256)}, which covers the context-free
 * data exactly as a node checks it.
 *
 * <pre>{@code
 * SignedTransaction signed = trx.sign(chainId, key);
 * Set<PublicKey> signers = signed.recoverSigners(chainId);
 * PackedTransaction body = signed.pack(Compression.ZLIB);
 * }</pre>
 *
 * <p>JSON (Jackson) is the node's {@code signed_transaction} form: the transaction's fields, then
 * {@code signatures} and {@code context_free_data} (hex strings).
 */
@JsonSerialize(using = SignedTransaction.Serializer.class)
@JsonDeserialize(using = SignedTransaction.Deserializer.class)
public final class SignedTransaction implements BinaryEncodable {

    /** The smallest binary signature (a K1 or R1 signature: type byte and 65 bytes). */
    static final int MIN_SIGNATURE_SIZE = 66;

    private final Transaction transaction;
    private final List<Signature> signatures;
    private final List<Bytes> contextFreeData;

    private SignedTransaction(Transaction transaction, List<Signature> signatures, List<Bytes> contextFreeData) {
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.signatures = signatures;
        this.contextFreeData = contextFreeData;
    }

    /** {@code transaction} without signatures or context-free data. */
    public static SignedTransaction of(Transaction transaction) {
        return new SignedTransaction(transaction, List.of(), List.of());
    }

    /**
     * A signed transaction.
     *
     * @param transaction the transaction
     * @param signatures its signatures
     * @param contextFreeData the context-free data, one entry per context-free action as the contract expects
     */
    public static SignedTransaction of(Transaction transaction, List<Signature> signatures,
            List<Bytes> contextFreeData) {
        return new SignedTransaction(transaction, List.copyOf(signatures), List.copyOf(contextFreeData));
    }

    public Transaction transaction() {
        return transaction;
    }

    /** The signatures (unmodifiable). */
    public List<Signature> signatures() {
        return signatures;
    }

    /** The context-free data (unmodifiable). */
    public List<Bytes> contextFreeData() {
        return contextFreeData;
    }

    /** The transaction id (signatures and context-free data are not part of it). */
    public Checksum256 id() {
        return transaction.id();
    }

    /** The digest a node checks these signatures against, covering this context-free data. */
    public Checksum256 signingDigest(Checksum256 chainId) {
        return transaction.signingDigest(chainId, contextFreeData);
    }

    /**
     * This transaction with one more signature by each key, in order.
     *
     * @param chainId the id of the chain the transaction is for
     * @param keys the keys to sign with
     */
    public SignedTransaction sign(Checksum256 chainId, PrivateKey... keys) {
        if (keys.length == 0) {
            return this;
        }
        byte[] digest = signingDigest(chainId).bytes();
        Signature[] all = signatures.toArray(new Signature[signatures.size() + keys.length]);
        for (int i = 0; i < keys.length; i++) {
            all[signatures.size() + i] = Objects.requireNonNull(keys[i], "key").sign(digest);
        }
        return new SignedTransaction(transaction, List.of(all), contextFreeData);
    }

    /** This transaction with {@code signature} added after the others. */
    public SignedTransaction withSignature(Signature signature) {
        Objects.requireNonNull(signature, "signature");
        Signature[] all = signatures.toArray(new Signature[signatures.size() + 1]);
        all[signatures.size()] = signature;
        return new SignedTransaction(transaction, List.of(all), contextFreeData);
    }

    /** This transaction with {@code signatures} instead of its own. */
    public SignedTransaction withSignatures(List<Signature> signatures) {
        return new SignedTransaction(transaction, List.copyOf(signatures), contextFreeData);
    }

    /** This transaction with other context-free data (signatures are kept: they may no longer verify). */
    public SignedTransaction withContextFreeData(List<Bytes> contextFreeData) {
        return new SignedTransaction(transaction, signatures, List.copyOf(contextFreeData));
    }

    /**
     * The public keys that made the signatures, recovered from the signing digest, in the order
     * of the signatures.
     *
     * @param chainId the id of the chain the transaction is for
     * @throws InvalidValueException if two signatures recover to the same key (a node rejects
     *     such a transaction) or a signature cannot be recovered
     */
    public Set<PublicKey> recoverSigners(Checksum256 chainId) {
        if (signatures.isEmpty()) {
            return Set.of();
        }
        byte[] digest = signingDigest(chainId).bytes();
        Set<PublicKey> keys = new LinkedHashSet<>();
        for (int i = 0; i < signatures.size(); i++) {
            PublicKey key = signatures.get(i).recover(digest);
            if (!keys.add(key)) {
                throw new InvalidValueException("signatures[" + i + "] was made by " + key
                        + " like an earlier signature: a node rejects a transaction signed twice with one key");
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * The form a node accepts in {@code push_transaction} / {@code send_transaction}.
     *
     * @param compression how to store the transaction and context-free data
     */
    public PackedTransaction pack(Compression compression) {
        return PackedTransaction.from(this, compression);
    }

    /** The context-free data in its binary form ({@code bytes[]}). */
    static byte[] packContextFreeData(List<Bytes> contextFreeData) {
        int size = Action.varUInt32Size(contextFreeData.size());
        for (Bytes b : contextFreeData) {
            int n = b.length();
            size += Action.varUInt32Size(n) + n;
        }
        BinaryWriter out = new BinaryWriter(size);
        out.writeVarUInt32(contextFreeData.size());
        for (Bytes b : contextFreeData) {
            b.encode(out);
        }
        return out.toByteArray();
    }

    /** Reads context-free data in its binary form ({@code bytes[]}). */
    static List<Bytes> decodeContextFreeData(BinaryReader in) {
        int n = in.readLength("context_free_data", 1);
        if (n == 0) {
            return List.of();
        }
        Bytes[] items = new Bytes[n];
        for (int i = 0; i < n; i++) {
            items[i] = Bytes.decode(in);
        }
        return List.of(items);
    }

    /** Writes the node's {@code signed_transaction}: the transaction, signatures, context-free data. */
    @Override
    public void encode(BinaryWriter out) {
        transaction.encode(out);
        out.writeVarUInt32(signatures.size());
        for (Signature s : signatures) {
            s.encode(out);
        }
        out.writeVarUInt32(contextFreeData.size());
        for (Bytes b : contextFreeData) {
            b.encode(out);
        }
    }

    /**
     * Reads the node's {@code signed_transaction}.
     *
     * @throws DecodingException if the bytes are truncated or malformed
     */
    public static SignedTransaction decode(BinaryReader in) {
        Transaction trx = Transaction.decode(in);
        int n = in.readLength("signatures", MIN_SIGNATURE_SIZE);
        List<Signature> sigs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sigs.add(Signature.decode(in));
        }
        return new SignedTransaction(trx, List.copyOf(sigs), decodeContextFreeData(in));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SignedTransaction)) {
            return false;
        }
        SignedTransaction other = (SignedTransaction) o;
        return transaction.equals(other.transaction) && signatures.equals(other.signatures)
                && contextFreeData.equals(other.contextFreeData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transaction, signatures, contextFreeData);
    }

    /** The node's JSON form. */
    @Override
    public String toString() {
        return Transaction.Json.write(this);
    }

    // ---------------------------------------------------------------------------------------- JSON

    static void writeSignatures(List<Signature> signatures, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("signatures");
        for (Signature s : signatures) {
            g.writeString(s.toString());
        }
        g.writeEndArray();
    }

    static List<Signature> signaturesFromJson(JsonNode node, String path) {
        JsonNode array = Transaction.Json.arrayOrEmpty(node, "signatures", path);
        List<Signature> sigs = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            String at = path + ".signatures[" + i + "]";
            if (!v.isTextual()) {
                throw new InvalidValueException(at + " is " + Transaction.Json.describe(v) + ": expected a signature string");
            }
            try {
                sigs.add(Signature.from(v.textValue()));
            } catch (InvalidValueException e) {
                throw new InvalidValueException(at + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(sigs);
    }

    static SignedTransaction fromJson(JsonNode node, String path) {
        Transaction trx = Transaction.fromJson(node, path);
        List<Signature> sigs = signaturesFromJson(node, path);
        JsonNode array = Transaction.Json.arrayOrEmpty(node, "context_free_data", path);
        List<Bytes> cfd = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            cfd.add(Transaction.Json.hex(array.get(i), path + ".context_free_data[" + i + "]"));
        }
        return new SignedTransaction(trx, sigs, List.copyOf(cfd));
    }

    static final class Serializer extends JsonSerializer<SignedTransaction> {
        @Override
        public void serialize(SignedTransaction value, JsonGenerator g, SerializerProvider provider)
                throws IOException {
            g.writeStartObject();
            value.transaction.writeJsonFields(g);
            writeSignatures(value.signatures, g);
            g.writeArrayFieldStart("context_free_data");
            for (Bytes b : value.contextFreeData) {
                g.writeString(b.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    static final class Deserializer extends JsonDeserializer<SignedTransaction> {
        @Override
        public SignedTransaction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromJson(p.readValueAsTree(), "signed_transaction");
        }
    }
}
