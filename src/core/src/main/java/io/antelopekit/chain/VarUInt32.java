package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An unsigned 32-bit integer with a variable-length (LEB128) binary form of 1 to 5 bytes
 * (ABI {@code varuint32}). A plain number in JSON.
 *
 * <pre>{@code
 * new VarUInt32(300).toBytes();   // {0xac, 0x02}
 * }</pre>
 *
 * @param value 0 to 2^32-1
 */
public record VarUInt32(long value) implements BinaryEncodable {

    /** The largest value, 2^32-1. */
    public static final long MAX_VALUE = 0xFFFF_FFFFL;

    /**
     * @throws InvalidValueException unless {@code value} is 0 to 2^32-1
     */
    public VarUInt32 {
        if (value < 0 || value > MAX_VALUE) {
            throw new InvalidValueException("varuint32 " + value + " is out of range 0 to " + MAX_VALUE);
        }
    }

    /**
     * The same as the constructor.
     *
     * @throws InvalidValueException unless {@code value} is 0 to 2^32-1
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static VarUInt32 of(long value) {
        return new VarUInt32(value);
    }

    /** Reads 1 to 5 bytes. */
    public static VarUInt32 decode(BinaryReader in) {
        return new VarUInt32(in.readVarUInt32());
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeVarUInt32(value);
    }

    /** The decimal value. */
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
