package io.antelopekit.chain;

/**
 * Reads one value of a type from its binary (ABI) form: the counterpart of
 * {@link BinaryEncodable}. The value types' {@code decode(BinaryReader)} methods fit it, as do
 * the records that the code generator writes ({@code Item::decode}).
 *
 * <pre>{@code
 * BinaryDecoder<Asset> assets = Asset::decode;
 * Asset a = assets.decode(new BinaryReader(bytes));
 * }</pre>
 *
 * @param <T> the decoded type
 */
@FunctionalInterface
public interface BinaryDecoder<T> {

    /**
     * Reads one value, leaving {@code in} after it.
     *
     * @param in the reader, at the value's first byte
     * @return the value
     * @throws DecodingException if the bytes are not a valid value
     */
    T decode(BinaryReader in);

    /**
     * Decodes {@code bytes}, which must hold exactly one value.
     *
     * @param bytes the value's binary form
     * @return the value
     * @throws DecodingException if the bytes are not one valid value, or have bytes left over
     */
    default T decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        T value = decode(in);
        in.expectEnd("value");
        return value;
    }
}
