package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.DecodingException;
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
import io.antelopekit.crypto.Signature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A signed transaction as a node receives it in {@code push_transaction} / {@code send_transaction}:
 * signatures, the compression used, the packed context-free data and the packed transaction.
 *
 * <pre>{@code
 * PackedTransaction body = PackedTransaction.from(signed, Compression.ZLIB);
 * String json = mapper.writeValueAsString(body); // {"signatures":[...],"compression":1,...}
 * SignedTransaction back = body.unpack();
 * }</pre>
 *
 * <p>Unpacking inflates zlib data to at most {@link #DEFAULT_MAX_INFLATED_SIZE} bytes (the node's
 * own limit) unless told otherwise, so hostile input fails fast with a {@link DecodingException}
 * instead of exhausting memory.
 *
 * <p>JSON: {@code {"signatures":[...],"compression":0|1,"packed_context_free_data":"hex","packed_trx":"hex"}};
 * reading also accepts {@code "none"}/{@code "zlib"} for the compression.
 */
@JsonSerialize(using = PackedTransaction.Serializer.class)
@JsonDeserialize(using = PackedTransaction.Deserializer.class)
public final class PackedTransaction implements BinaryEncodable {

    /** The most bytes zlib data may inflate to by default: 1 MiB, as a node allows. */
    public static final int DEFAULT_MAX_INFLATED_SIZE = 1024 * 1024;

    private final List<Signature> signatures;
    private final Compression compression;
    private final Bytes packedContextFreeData;
    private final Bytes packedTrx;
    /** The signed transaction these bytes hold, once known; not part of equality. */
    private volatile SignedTransaction unpacked;

    private PackedTransaction(List<Signature> signatures, Compression compression, Bytes packedContextFreeData,
            Bytes packedTrx, SignedTransaction unpacked) {
        this.signatures = signatures;
        this.compression = Objects.requireNonNull(compression, "compression");
        this.packedContextFreeData = Objects.requireNonNull(packedContextFreeData, "packedContextFreeData");
        this.packedTrx = Objects.requireNonNull(packedTrx, "packedTrx");
        this.unpacked = unpacked;
    }

    /**
     * A packed transaction from its parts, as received; the bytes are only checked by {@link #unpack()}.
     *
     * @param signatures the signatures
     * @param compression how the two byte fields are stored
     * @param packedContextFreeData the packed (and maybe compressed) context-free data, maybe empty
     * @param packedTrx the packed (and maybe compressed) transaction
     */
    public static PackedTransaction of(List<Signature> signatures, Compression compression,
            Bytes packedContextFreeData, Bytes packedTrx) {
        return new PackedTransaction(List.copyOf(signatures), compression, packedContextFreeData, packedTrx, null);
    }

    /**
     * Packs a signed transaction. The context-free data is always written as a {@code bytes[]},
     * also when empty (as the reference implementation does; a node accepts both forms).
     *
     * @param signed the signed transaction
     * @param compression {@link Compression#ZLIB} to deflate both byte fields at the default level
     */
    public static PackedTransaction from(SignedTransaction signed, Compression compression) {
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(compression, "compression");
        byte[] trx = signed.transaction().packed();
        byte[] cfd = SignedTransaction.packContextFreeData(signed.contextFreeData());
        if (compression == Compression.ZLIB) {
            trx = deflate(trx);
            cfd = deflate(cfd);
        }
        // trx is the transaction's cached array unless deflated: copy it then
        return new PackedTransaction(signed.signatures(), compression, Bytes.of(cfd),
                compression == Compression.ZLIB ? Bytes.of(trx) : Bytes.of(trx), signed);
    }

    /** The signatures (unmodifiable). */
    public List<Signature> signatures() {
        return signatures;
    }

    public Compression compression() {
        return compression;
    }

    /** The packed context-free data, compressed as {@link #compression()} says. */
    public Bytes packedContextFreeData() {
        return packedContextFreeData;
    }

    /** The packed transaction, compressed as {@link #compression()} says. */
    public Bytes packedTrx() {
        return packedTrx;
    }

    /**
     * The signed transaction these bytes hold, inflating at most {@link #DEFAULT_MAX_INFLATED_SIZE}
     * bytes per field.
     *
     * @throws DecodingException if a field is not valid zlib data, inflates beyond the limit, or
     *     does not decode exactly
     */
    public SignedTransaction unpack() {
        return unpack(DEFAULT_MAX_INFLATED_SIZE);
    }

    /**
     * Like {@link #unpack()} with another inflation limit. A transaction already known (because
     * this was packed here or unpacked before) is returned without inflating again.
     *
     * @param maxInflatedSize the most bytes each compressed field may inflate to
     */
    public SignedTransaction unpack(int maxInflatedSize) {
        if (maxInflatedSize <= 0) {
            throw new IllegalArgumentException("maxInflatedSize must be positive: " + maxInflatedSize);
        }
        SignedTransaction s = unpacked;
        if (s != null) {
            return s;
        }
        byte[] trxBytes = packedTrx.bytes();
        byte[] cfdBytes = packedContextFreeData.bytes();
        if (compression == Compression.ZLIB) {
            trxBytes = inflate(trxBytes, maxInflatedSize, "packed_trx");
            cfdBytes = cfdBytes.length == 0 ? cfdBytes : inflate(cfdBytes, maxInflatedSize, "packed_context_free_data");
        }
        Transaction trx = Transaction.unpack(trxBytes);
        List<Bytes> cfd = List.of();
        if (cfdBytes.length > 0) {
            BinaryReader in = new BinaryReader(cfdBytes);
            cfd = SignedTransaction.decodeContextFreeData(in);
            in.expectEnd("packed_context_free_data");
        }
        s = SignedTransaction.of(trx, signatures, cfd);
        unpacked = s;
        return s;
    }

    /** The transaction these bytes hold (see {@link #unpack()}). */
    public Transaction transaction() {
        return unpack().transaction();
    }

    /** The transaction id (see {@link #unpack()}). */
    public Checksum256 id() {
        return unpack().id();
    }

    // ---------------------------------------------------------------------------------------- zlib

    static byte[] deflate(byte[] in) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(in);
            deflater.finish();
            byte[] out = new byte[in.length + (in.length >> 12) + (in.length >> 14) + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /**
     * Inflates a whole zlib stream into at most {@code max} bytes; nothing may follow the stream.
     *
     * @throws DecodingException if the data is not valid zlib, is truncated, inflates beyond
     *     {@code max} bytes or has bytes after its end
     */
    static byte[] inflate(byte[] in, int max, String what) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            long cap = Math.min((long) max + 1, Integer.MAX_VALUE - 8);
            byte[] out = new byte[(int) Math.min(cap, Math.max(256L, in.length * 4L))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(cap, out.length * 2L));
                }
                int k = inflater.inflate(out, n, out.length - n);
                n += k;
                if (n > max) {
                    throw new DecodingException(what + " inflates to more than " + max + " bytes ("
                            + in.length + " compressed bytes)");
                }
                if (k == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw new DecodingException(what + " needs a preset zlib dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw new DecodingException(what + " is truncated: its zlib stream ends after "
                                + in.length + " bytes without an end marker");
                    }
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new DecodingException(what + " has " + inflater.getRemaining()
                        + " bytes after the end of its zlib stream");
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new DecodingException(what + " is not valid zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    // -------------------------------------------------------------------------------------- binary

    /** Writes the node's {@code packed_transaction} struct. */
    @Override
    public void encode(BinaryWriter out) {
        out.writeVarUInt32(signatures.size());
        for (Signature s : signatures) {
            s.encode(out);
        }
        out.writeByte(compression.code());
        packedContextFreeData.encode(out);
        packedTrx.encode(out);
    }

    /**
     * Reads the node's {@code packed_transaction} struct (without unpacking its fields).
     *
     * @throws DecodingException if the bytes are truncated or the compression is unknown
     */
    public static PackedTransaction decode(BinaryReader in) {
        int n = in.readLength("signatures", SignedTransaction.MIN_SIGNATURE_SIZE);
        List<Signature> sigs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sigs.add(Signature.decode(in));
        }
        int at = in.position();
        int code = in.readUInt8();
        if (code > 1) {
            throw new DecodingException("compression at offset " + at + " is " + code
                    + ": expected 0 (none) or 1 (zlib)");
        }
        Bytes cfd = Bytes.decode(in);
        Bytes trx = Bytes.decode(in);
        return new PackedTransaction(List.copyOf(sigs), Compression.ofCode(code), cfd, trx, null);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackedTransaction)) {
            return false;
        }
        PackedTransaction other = (PackedTransaction) o;
        return compression == other.compression && signatures.equals(other.signatures)
                && packedContextFreeData.equals(other.packedContextFreeData) && packedTrx.equals(other.packedTrx);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signatures, compression, packedContextFreeData, packedTrx);
    }

    /** The JSON form of a {@code push_transaction} body. */
    @Override
    public String toString() {
        return Transaction.Json.write(this);
    }

    // ---------------------------------------------------------------------------------------- JSON

    static PackedTransaction fromJson(JsonNode node, String path) {
        Transaction.Json.requireObject(node, path);
        List<Signature> sigs = SignedTransaction.signaturesFromJson(node, path);
        Compression compression = Compression.NONE;
        JsonNode c = node.get("compression");
        if (c != null && !c.isNull()) {
            try {
                compression = c.isTextual() ? Compression.from(c.textValue())
                        : Compression.ofCode((int) Transaction.Json.unsigned(c, path + ".compression", 1));
            } catch (InvalidValueException e) {
                throw new InvalidValueException(path + ".compression: " + e.getMessage(), e);
            }
        }
        JsonNode cfd = node.get("packed_context_free_data");
        Bytes packedCfd = cfd == null || cfd.isNull() ? Bytes.EMPTY
                : Transaction.Json.hex(cfd, path + ".packed_context_free_data");
        Bytes packedTrx = Transaction.Json.hex(node, "packed_trx", path);
        return new PackedTransaction(sigs, compression, packedCfd, packedTrx, null);
    }

    static final class Serializer extends JsonSerializer<PackedTransaction> {
        @Override
        public void serialize(PackedTransaction value, JsonGenerator g, SerializerProvider provider)
                throws IOException {
            g.writeStartObject();
            SignedTransaction.writeSignatures(value.signatures, g);
            g.writeNumberField("compression", value.compression.code());
            g.writeStringField("packed_context_free_data", value.packedContextFreeData.toString());
            g.writeStringField("packed_trx", value.packedTrx.toString());
            g.writeEndObject();
        }
    }

    static final class Deserializer extends JsonDeserializer<PackedTransaction> {
        @Override
        public PackedTransaction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromJson(p.readValueAsTree(), "packed_transaction");
        }
    }
}
