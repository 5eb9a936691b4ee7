package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A signed 128-bit integer (ABI {@code int128}): 16 bytes of little-endian two's complement in
 * binary, a decimal string in JSON.
 *
 * <pre>{@code
 * Int128 x = Int128.from("-170141183460469231731687303715884105728");   // the minimum
 * }</pre>
 */
public final class Int128 implements BinaryEncodable, Comparable<Int128> {

    /** -2^127. */
    public static final BigInteger MIN_VALUE = BigInteger.ONE.shiftLeft(127).negate();
    /** 2^127-1. */
    public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    private static final String TYPE = "int128";

    private final BigInteger value;

    private Int128(BigInteger value) {
        this.value = value;
    }

    /**
     * Parses a decimal integer: an optional {@code -} and digits.
     *
     * @throws InvalidValueException if {@code decimal} is not such a number or is out of range
     */
    @JsonCreator
    public static Int128 from(String decimal) {
        return of(Int128Codec.parse(TYPE, decimal, true));
    }

    /**
     * The value {@code value}.
     *
     * @throws InvalidValueException unless {@code value} is -2^127 to 2^127-1
     */
    public static Int128 of(BigInteger value) {
        Objects.requireNonNull(value, "value");
        Int128Codec.check(TYPE, value, MIN_VALUE, MAX_VALUE);
        return new Int128(value);
    }

    /** The value {@code value}. */
    public static Int128 of(long value) {
        return new Int128(BigInteger.valueOf(value));
    }

    /** Reads 16 bytes. */
    public static Int128 decode(BinaryReader in) {
        return new Int128(Int128Codec.read(in, true));
    }

    public BigInteger toBigInteger() {
        return value;
    }

    @Override
    public void encode(BinaryWriter out) {
        Int128Codec.write(out, value);
    }

    @Override
    public int compareTo(Int128 other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int128 other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The decimal value. */
    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
