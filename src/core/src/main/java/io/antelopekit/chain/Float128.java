package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 128-bit IEEE float (ABI {@code float128}), kept as its 16 raw little-endian bytes: Java has
 * no such type. Its string and JSON form is the node's: {@code 0x} and 32 hex digits of the
 * bytes in binary order.
 *
 * <pre>{@code
 * Float128 one = Float128.from("0x0000000000000000000000000000ff3f");   // 1.0
 * }</pre>
 */
public final class Float128 implements BinaryEncodable {

    /** Byte length. */
    public static final int SIZE = 16;

    private final byte[] data;

    private Float128(byte[] data) {
        this.data = data;
    }

    /**
     * Parses 32 hex digits, either case, with or without a {@code 0x} prefix.
     *
     * @throws InvalidValueException if {@code hex} is not 16 bytes of hex
     */
    @JsonCreator
    public static Float128 from(String hex) {
        Objects.requireNonNull(hex, "hex");
        int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
        if (hex.length() - start != SIZE * 2) {
            throw new InvalidValueException("float128 " + Quote.of(hex) + " has " + (hex.length() - start)
                    + " hex digits, expected 32 (optionally after 0x)");
        }
        return new Float128(Hex.decode("float128", hex, start));
    }

    /**
     * A copy of exactly 16 bytes, little-endian as in binary.
     *
     * @throws InvalidValueException if {@code bytes} is not 16 bytes long
     */
    public static Float128 of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != SIZE) {
            throw new InvalidValueException("float128 needs " + SIZE + " bytes, got " + bytes.length);
        }
        return new Float128(bytes.clone());
    }

    /** Reads 16 bytes. */
    public static Float128 decode(BinaryReader in) {
        return new Float128(in.readBytes(SIZE));
    }

    /** A copy of the 16 bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeBytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float128 other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** {@code 0x} and 32 lower-case hex digits. */
    @JsonValue
    @Override
    public String toString() {
        return "0x" + Hex.encode(data);
    }
}
