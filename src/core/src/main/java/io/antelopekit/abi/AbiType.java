package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import java.util.Objects;

/**
 * One type of a compiled {@link Abi}, resolved once: encoding and decoding through it never
 * looks a type name up again. Immutable and thread-safe.
 *
 * <pre>{@code
 * AbiType transfer = tokenAbi.type("transfer");
 * BinaryWriter out = new BinaryWriter();
 * for (Transfer t : transfers) {
 *     out.reset();
 *     transfer.encode(t, out);
 *     send(out.toByteArray());
 * }
 * }</pre>
 */
public final class AbiType {

    private final String name;
    private final Codec codec;

    AbiType(String name, Codec codec) {
        this.name = name;
        this.codec = codec;
    }

    /** The type name this handle was asked for, e.g. {@code transfer} or {@code name[]}. */
    public String name() {
        return name;
    }

    /**
     * Appends the binary form of {@code value}: a {@link JsonNode}, a {@link java.util.Map}, a
     * {@link java.util.List}, a record, a boxed primitive, {@code String}, {@code BigInteger},
     * {@code BigDecimal} or a chain value type, as fits the type.
     *
     * @throws AbiSerializationException naming the field path and what is wrong; what was
     *         written to {@code out} before the failure is left there
     */
    public void encode(Object value, BinaryWriter out) {
        Objects.requireNonNull(out, "out");
        try {
            codec.encode(value, out, 0, true);
        } catch (RuntimeException e) {
            throw failure("encode", Codec.wrap(e));
        }
    }

    /**
     * The binary form of {@code value}.
     *
     * @throws AbiSerializationException naming the field path and what is wrong
     */
    public byte[] encode(Object value) {
        Scratch scratch = SCRATCH.get();
        if (scratch.busy) {
            BinaryWriter out = new BinaryWriter(64);
            encode(value, out);
            return out.toByteArray();
        }
        scratch.busy = true;
        try {
            BinaryWriter out = scratch.writer.reset();
            encode(value, out);
            byte[] bytes = out.toByteArray();
            if (out.size() > Scratch.MAX_KEPT) {
                scratch.writer = new BinaryWriter(256);
            }
            return bytes;
        } finally {
            scratch.busy = false;
        }
    }

    /** A per-thread writer, so that encoding to a new array allocates only that array. */
    private static final class Scratch {
        static final int MAX_KEPT = 64 * 1024;
        BinaryWriter writer = new BinaryWriter(256);
        boolean busy;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Reads one value from {@code in}, leaving it after the value, in the node's JSON
     * conventions (64-bit and wider integers as strings, bytes as hex, variants as
     * {@code ["type", value]}, absent binary extensions as {@code null}).
     *
     * @throws AbiSerializationException if the bytes are truncated, hostile or invalid
     */
    public JsonNode decode(BinaryReader in) {
        Objects.requireNonNull(in, "in");
        try {
            return codec.decode(in, 0);
        } catch (RuntimeException e) {
            throw failure("decode", Codec.wrap(e));
        }
    }

    /**
     * Decodes {@code bytes}, which must hold exactly one value.
     *
     * @throws AbiSerializationException if the bytes are truncated, hostile, invalid, or longer
     *         than the value
     */
    public JsonNode decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        JsonNode value = decode(in);
        if (in.hasRemaining()) {
            throw new AbiSerializationException("cannot decode " + name + ": " + in.remaining()
                    + " unexpected bytes after the value at offset " + in.position(), name, null);
        }
        return value;
    }

    /**
     * Decodes {@code bytes} (exactly one value) into {@code target}: a record whose components
     * are named like the fields or their camelCase, a {@code Map}, a chain value type, ...
     *
     * @throws AbiSerializationException if decoding fails or the value does not fit {@code target}
     */
    public <T> T decode(byte[] bytes, Class<T> target) {
        return convert(decode(bytes), target);
    }

    /** Like {@link #decode(byte[], Class)}, reading one value from {@code in}. */
    public <T> T decode(BinaryReader in, Class<T> target) {
        return convert(decode(in), target);
    }

    private <T> T convert(JsonNode value, Class<T> target) {
        Objects.requireNonNull(target, "target");
        try {
            return AbiJson.RECORDS.convertValue(value, target);
        } catch (IllegalArgumentException e) {
            throw new AbiSerializationException("cannot convert decoded " + name + " to " + target.getName() + ": "
                    + e.getMessage(), name, e);
        }
    }

    private AbiSerializationException failure(String what, PathException e) {
        String path = e.path(name);
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String where = path.equals(name) ? "" : " at " + path;
        return new AbiSerializationException("cannot " + what + " " + name + where + ": " + e.problem(), path, cause);
    }

    @Override
    public String toString() {
        return "AbiType[" + name + "]";
    }
}
