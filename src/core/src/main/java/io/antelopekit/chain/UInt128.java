package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An unsigned 128-bit integer (ABI {@code uint128}): 16 bytes little-endian in binary, a
 * decimal string in JSON.
 *
 * <pre>{@code
 * UInt128 x = UInt128.from("340282366920938463463374607431768211455");   // the maximum
 * }</pre>
 */
public final class UInt128 implements BinaryEncodable, Comparable<UInt128> {

    /** 0. */
    public static final BigInteger MIN_VALUE = BigInteger.ZERO;
    /** 2^128-1. */
    public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private static final String TYPE = "uint128";

    private final BigInteger value;

    private UInt128(BigInteger value) {
        this.value = value;
    }

    /**
     * Parses a decimal integer: digits only.
     *
     * @throws InvalidValueException if {@code decimal} is not such a number or is out of range
     */
    @JsonCreator
    public static UInt128 from(String decimal) {
        return of(Int128Codec.parse(TYPE, decimal, false));
    }

    /**
     * The value {@code value}.
     *
     * @throws InvalidValueException unless {@code value} is 0 to 2^128-1
     */
    public static UInt128 of(BigInteger value) {
        Objects.requireNonNull(value, "value");
        Int128Codec.check(TYPE, value, MIN_VALUE, MAX_VALUE);
        return new UInt128(value);
    }

    /**
     * The value {@code value}.
     *
     * @throws InvalidValueException if {@code value} is negative
     */
    public static UInt128 of(long value) {
        return of(BigInteger.valueOf(value));
    }

    /** Reads 16 bytes. */
    public static UInt128 decode(BinaryReader in) {
        return new UInt128(Int128Codec.read(in, false));
    }

    public BigInteger toBigInteger() {
        return value;
    }

    @Override
    public void encode(BinaryWriter out) {
        Int128Codec.write(out, value);
    }

    @Override
    public int compareTo(UInt128 other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UInt128 other && other.value.equals(value);
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
