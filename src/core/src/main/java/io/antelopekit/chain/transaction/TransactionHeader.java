package io.antelopekit.chain.transaction;

import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Objects;

/**
 * The header of a transaction: when it expires, the reference block it is bound to (TAPoS), its
 * resource limits and delay.
 *
 * <pre>{@code
 * ChainInfo info = ...; // from get_info
 * TransactionHeader header = TransactionHeader.of(
 *         TimePointSec.of(info.headBlockTime().seconds() + 60), info.lastIrreversibleBlockId());
 * }</pre>
 *
 * <p>JSON uses the node's field names ({@code expiration}, {@code ref_block_num},
 * {@code ref_block_prefix}, {@code max_net_usage_words}, {@code max_cpu_usage_ms},
 * {@code delay_sec}).
 *
 * @param expiration when the transaction expires (a node accepts at most one hour ahead)
 * @param refBlockNum the low 16 bits of the reference block's number (uint16)
 * @param refBlockPrefix bytes 8..11 of the reference block's id, little-endian (uint32)
 * @param maxNetUsageWords limit on billed network usage in 8-byte words, 0 for none (varuint32)
 * @param maxCpuUsageMs limit on billed CPU time in milliseconds, 0 for none (uint8)
 * @param delaySec seconds to delay the transaction (varuint32)
 */
@JsonSerialize(using = TransactionHeader.Serializer.class)
@JsonDeserialize(using = TransactionHeader.Deserializer.class)
public record TransactionHeader(TimePointSec expiration, int refBlockNum, long refBlockPrefix, long maxNetUsageWords,
        int maxCpuUsageMs, long delaySec) implements BinaryEncodable {

    /** Encoded size without the two varuint32 fields. */
    private static final int FIXED_SIZE = 4 + 2 + 4 + 1;

    /**
     * @throws InvalidValueException if a field is outside the range of its integer type
     */
    public TransactionHeader {
        Objects.requireNonNull(expiration, "expiration");
        check("ref_block_num", refBlockNum, 0xFFFF);
        check("ref_block_prefix", refBlockPrefix, 0xFFFF_FFFFL);
        check("max_net_usage_words", maxNetUsageWords, 0xFFFF_FFFFL);
        check("max_cpu_usage_ms", maxCpuUsageMs, 0xFF);
        check("delay_sec", delaySec, 0xFFFF_FFFFL);
    }

    private static void check(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new InvalidValueException("transaction header " + field + " " + value + " is outside 0.." + max);
        }
    }

    /**
     * A header expiring at {@code expiration}, bound to the reference block {@code blockId}, with
     * no resource limits and no delay.
     *
     * @param expiration when the transaction expires
     * @param blockId the id of a recent (ideally irreversible) block
     */
    public static TransactionHeader of(TimePointSec expiration, Checksum256 blockId) {
        return new TransactionHeader(expiration, refBlockNum(blockId), refBlockPrefix(blockId), 0, 0, 0);
    }

    /** This header bound to another reference block (TAPoS). */
    public TransactionHeader withReferenceBlock(Checksum256 blockId) {
        return new TransactionHeader(expiration, refBlockNum(blockId), refBlockPrefix(blockId), maxNetUsageWords,
                maxCpuUsageMs, delaySec);
    }

    /** This header with another expiration. */
    public TransactionHeader withExpiration(TimePointSec expiration) {
        return new TransactionHeader(expiration, refBlockNum, refBlockPrefix, maxNetUsageWords, maxCpuUsageMs, delaySec);
    }

    /** This header with other resource limits (0 for none). */
    public TransactionHeader withLimits(long maxNetUsageWords, int maxCpuUsageMs) {
        return new TransactionHeader(expiration, refBlockNum, refBlockPrefix, maxNetUsageWords, maxCpuUsageMs, delaySec);
    }

    /** This header with another delay. */
    public TransactionHeader withDelaySec(long delaySec) {
        return new TransactionHeader(expiration, refBlockNum, refBlockPrefix, maxNetUsageWords, maxCpuUsageMs, delaySec);
    }

    /**
     * The block number held in a block id: its first 4 bytes, big-endian.
     *
     * @param blockId a block id
     * @return the block number, 0..2^32-1
     */
    public static long blockNum(Checksum256 blockId) {
        byte[] id = blockId.bytes();
        return ((id[0] & 0xFFL) << 24) | ((id[1] & 0xFFL) << 16) | ((id[2] & 0xFFL) << 8) | (id[3] & 0xFFL);
    }

    /** {@code ref_block_num} for a reference block: the low 16 bits of its number. */
    static int refBlockNum(Checksum256 blockId) {
        return (int) (blockNum(blockId) & 0xFFFF);
    }

    /** {@code ref_block_prefix} for a reference block: bytes 8..11 of its id, little-endian. */
    static long refBlockPrefix(Checksum256 blockId) {
        byte[] id = blockId.bytes();
        return (id[8] & 0xFFL) | ((id[9] & 0xFFL) << 8) | ((id[10] & 0xFFL) << 16) | ((id[11] & 0xFFL) << 24);
    }

    /** Number of bytes {@link #encode(BinaryWriter)} writes. */
    int encodedSize() {
        return FIXED_SIZE + Action.varUInt32Size(maxNetUsageWords) + Action.varUInt32Size(delaySec);
    }

    @Override
    public void encode(BinaryWriter out) {
        expiration.encode(out);
        out.writeInt16(refBlockNum);
        out.writeInt32((int) refBlockPrefix);
        out.writeVarUInt32(maxNetUsageWords);
        out.writeByte(maxCpuUsageMs);
        out.writeVarUInt32(delaySec);
    }

    /**
     * Reads a header.
     *
     * @throws DecodingException if the bytes are truncated or malformed
     */
    public static TransactionHeader decode(BinaryReader in) {
        TimePointSec expiration = TimePointSec.decode(in);
        int refBlockNum = in.readUInt16();
        long refBlockPrefix = in.readUInt32();
        long maxNetUsageWords = in.readVarUInt32();
        int maxCpuUsageMs = in.readUInt8();
        long delaySec = in.readVarUInt32();
        return new TransactionHeader(expiration, refBlockNum, refBlockPrefix, maxNetUsageWords, maxCpuUsageMs, delaySec);
    }

    /** The node's JSON form. */
    @Override
    public String toString() {
        return Transaction.Json.write(this);
    }

    // ---------------------------------------------------------------------------------------- JSON

    void writeJsonFields(JsonGenerator g) throws IOException {
        g.writeStringField("expiration", expiration.toString());
        g.writeNumberField("ref_block_num", refBlockNum);
        writeUInt32(g, "ref_block_prefix", refBlockPrefix);
        writeUInt32(g, "max_net_usage_words", maxNetUsageWords);
        g.writeNumberField("max_cpu_usage_ms", maxCpuUsageMs);
        writeUInt32(g, "delay_sec", delaySec);
    }

    /** Writes an int where it fits, so that a tree built from this JSON equals one parsed from its text. */
    private static void writeUInt32(JsonGenerator g, String field, long value) throws IOException {
        if (value <= Integer.MAX_VALUE) {
            g.writeNumberField(field, (int) value);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** Reads the header fields of a transaction object; the three limits default to 0 when absent. */
    static TransactionHeader fromJson(JsonNode node, String path) {
        Transaction.Json.requireObject(node, path);
        TimePointSec expiration;
        String text = Transaction.Json.text(node, "expiration", path);
        try {
            expiration = TimePointSec.from(text);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(path + ".expiration: " + e.getMessage(), e);
        }
        return new TransactionHeader(expiration,
                (int) Transaction.Json.unsigned(node, "ref_block_num", path, 0xFFFF),
                Transaction.Json.unsigned(node, "ref_block_prefix", path, 0xFFFF_FFFFL),
                Transaction.Json.unsignedOrZero(node, "max_net_usage_words", path, 0xFFFF_FFFFL),
                (int) Transaction.Json.unsignedOrZero(node, "max_cpu_usage_ms", path, 0xFF),
                Transaction.Json.unsignedOrZero(node, "delay_sec", path, 0xFFFF_FFFFL));
    }

    static final class Serializer extends JsonSerializer<TransactionHeader> {
        @Override
        public void serialize(TransactionHeader value, JsonGenerator g, SerializerProvider provider)
                throws IOException {
            g.writeStartObject();
            value.writeJsonFields(g);
            g.writeEndObject();
        }
    }

    static final class Deserializer extends JsonDeserializer<TransactionHeader> {
        @Override
        public TransactionHeader deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromJson(p.readValueAsTree(), "transaction_header");
        }
    }
}
