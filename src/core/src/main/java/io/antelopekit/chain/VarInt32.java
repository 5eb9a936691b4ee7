package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A signed 32-bit integer with a zig-zag, variable-length binary form of 1 to 5 bytes
 * (ABI {@code varint32}). A plain number in JSON.
 *
 * <pre>{@code
 * new VarInt32(-1).toBytes();   // {0x01}
 * }</pre>
 *
 * @param value any int
 */
public record VarInt32(int value) implements BinaryEncodable {

    /** The same as the constructor. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static VarInt32 of(int value) {
        return new VarInt32(value);
    }

    /** Reads 1 to 5 bytes. */
    public static VarInt32 decode(BinaryReader in) {
        return new VarInt32(in.readVarInt32());
    }

    @JsonValue
    @Override
    public int value() {
        return value;
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeVarInt32(value);
    }

    /** The decimal value. */
    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
