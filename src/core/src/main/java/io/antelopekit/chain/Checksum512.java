package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.security.MessageDigest;

/**
 * A 64-byte checksum (ABI {@code checksum512}), such as a SHA-512 digest. Lower-case hex in
 * JSON, the 64 raw bytes in binary.
 *
 * <pre>{@code
 * Checksum512 digest = Checksum512.sha512(data);
 * }</pre>
 */
public final class Checksum512 extends ByteValue {

    /** Byte length. */
    public static final int SIZE = 64;

    private static final ThreadLocal<MessageDigest> SHA512 = ByteValue.perThread("SHA-512");

    private Checksum512(byte[] data) {
        super(data);
    }

    /**
     * Parses 128 hex digits, either case.
     *
     * @throws InvalidValueException if {@code hex} is not exactly 128 hex digits
     */
    @JsonCreator
    public static Checksum512 from(String hex) {
        return new Checksum512(ByteValue.parseHex("checksum512", hex, SIZE));
    }

    /**
     * A copy of exactly 64 bytes.
     *
     * @throws InvalidValueException if {@code bytes} is not 64 bytes long
     */
    public static Checksum512 of(byte[] bytes) {
        return new Checksum512(ByteValue.copyOf("checksum512", bytes, SIZE));
    }

    /** The SHA-512 digest of {@code data}. */
    public static Checksum512 sha512(byte[] data) {
        return sha512(data, 0, data.length);
    }

    /** The SHA-512 digest of {@code length} bytes of {@code data} from {@code offset}. */
    public static Checksum512 sha512(byte[] data, int offset, int length) {
        MessageDigest md = SHA512.get();
        md.update(data, offset, length);
        return new Checksum512(md.digest());
    }

    /** Reads 64 bytes. */
    public static Checksum512 decode(BinaryReader in) {
        return new Checksum512(in.readBytes(SIZE));
    }
}
