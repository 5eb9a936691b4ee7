package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * An immutable byte string, the ABI type {@code bytes}: hex in JSON, a varuint32 length and the
 * bytes in binary.
 *
 * <pre>{@code
 * Bytes b = Bytes.from("cafe");
 * b.length();      // 2
 * b.toBytes();     // {0x02, 0xca, 0xfe}: the length prefix, then the bytes
 * }</pre>
 */
public final class Bytes extends ByteValue {

    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private Bytes(byte[] data) {
        super(data);
    }

    /**
     * Parses hex, either case, without a {@code 0x} prefix.
     *
     * @throws InvalidValueException if {@code hex} has an odd length or a non-hex character
     */
    @JsonCreator
    public static Bytes from(String hex) {
        Objects.requireNonNull(hex, "hex");
        return hex.isEmpty() ? EMPTY : new Bytes(Hex.decode("bytes", hex));
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** Wraps an array the caller gives up; for code in this package that has just made it. */
    static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** Reads a varuint32 length and that many bytes. */
    public static Bytes decode(BinaryReader in) {
        return wrap(in.readBytesWithLength());
    }

    /** The number of bytes. */
    public int length() {
        return array().length;
    }

    public boolean isEmpty() {
        return array().length == 0;
    }

    /** Writes the varuint32 length, then the bytes. */
    @Override
    public void encode(BinaryWriter out) {
        out.writeBytesWithLength(array());
    }
}
