package io.antelopekit.chain;

/**
 * A value with a binary form in the Antelope ABI serialization (little-endian, variable-length
 * unsigned integers for lengths).
 */
public interface BinaryEncodable {

    /**
     * Appends this value's binary form.
     *
     * @param out where to write
     */
    void encode(BinaryWriter out);

    /**
     * This value's binary form as a new array.
     *
     * @return the encoded bytes
     */
    default byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(32);
        encode(out);
        return out.toByteArray();
    }
}
