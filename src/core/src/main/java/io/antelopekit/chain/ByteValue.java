package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The body shared by the byte values ({@link Checksum160}, {@link Checksum256},
 * {@link Checksum512}, {@link Float128}, {@link Bytes}): an immutable array, copied on the way in
 * and out, equal only to a value of the same class with the same bytes, lower-case hex as its
 * string and JSON form ({@code Float128} adds {@code 0x}), the raw bytes in binary ({@code Bytes}
 * after a length prefix). Package-private: the public types are the
 * subclasses, each final, and their API is what they and this class declare public. The JSON
 * form is written by {@link ToStringSerializer} (a plain call of {@link #toString()}), so it
 * needs no reflective access to this package-private class.
 */
@JsonSerialize(using = ToStringSerializer.class)
abstract class ByteValue implements BinaryEncodable {

    private final byte[] data;
    private int hash;

    /** Takes {@code data} without a copy: the subclass has just made or copied it. */
    ByteValue(byte[] data) {
        this.data = data;
    }

    /** Parses exactly {@code size * 2} hex digits of the ABI type {@code type}. */
    static byte[] parseHex(String type, String hex, int size) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != size * 2) {
            throw new InvalidValueException(type + " " + Quote.of(hex) + " has " + hex.length()
                    + " hex digits, expected " + size * 2);
        }
        return Hex.decode(type, hex);
    }

    /** A copy of {@code bytes}, which must be exactly {@code size} long. */
    static byte[] copyOf(String type, byte[] bytes, int size) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != size) {
            throw new InvalidValueException(type + " needs " + size + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    /** One reusable {@link MessageDigest} per thread for a JDK algorithm name. */
    static ThreadLocal<MessageDigest> perThread(String algorithm) {
        return ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is not available", e);
            }
        });
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    /** The bytes without a copy; callers in this package must not change them. */
    final byte[] array() {
        return data;
    }

    /** Writes the bytes as they are (no length prefix). */
    @Override
    public void encode(BinaryWriter out) {
        out.writeBytes(data);
    }

    /** Equal to a value of the same class with the same bytes. */
    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(data, ((ByteValue) o).data);
    }

    @Override
    public final int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    /** Lower-case hex, no prefix; also the JSON form. */
    @Override
    public String toString() {
        return Hex.encode(data);
    }
}
