package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
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
public final class Float128 extends ByteValue {

    /** Byte length. */
    public static final int SIZE = 16;

    private Float128(byte[] data) {
        super(data);
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
        return new Float128(ByteValue.copyOf("float128", bytes, SIZE));
    }

    /** Reads 16 bytes. */
    public static Float128 decode(BinaryReader in) {
        return new Float128(in.readBytes(SIZE));
    }

    /** {@code 0x} and 32 lower-case hex digits; also the JSON form. */
    @Override
    public String toString() {
        return "0x" + super.toString();
    }
}
