package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.security.MessageDigest;

/**
 * A 32-byte checksum (ABI {@code checksum256}): a SHA-256 digest, a transaction id, a chain id or
 * a block id. Lower-case hex in JSON, the 32 raw bytes in binary.
 *
 * <pre>{@code
 * Checksum256 id = Checksum256.hash(packedTrx);
 * Checksum256 chainId = Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");
 * }</pre>
 */
public final class Checksum256 extends ByteValue {

    /** Byte length. */
    public static final int SIZE = 32;

    /** All zero bytes. */
    public static final Checksum256 ZERO = new Checksum256(new byte[SIZE]);

    private static final ThreadLocal<MessageDigest> SHA256 = ByteValue.perThread("SHA-256");

    private Checksum256(byte[] data) {
        super(data);
    }

    /**
     * Parses 64 hex digits, either case.
     *
     * @throws InvalidValueException if {@code hex} is not exactly 64 hex digits
     */
    @JsonCreator
    public static Checksum256 from(String hex) {
        return new Checksum256(ByteValue.parseHex("checksum256", hex, SIZE));
    }

    /**
     * A copy of exactly 32 bytes.
     *
     * @throws InvalidValueException if {@code bytes} is not 32 bytes long
     */
    public static Checksum256 of(byte[] bytes) {
        return new Checksum256(ByteValue.copyOf("checksum256", bytes, SIZE));
    }

    /** The SHA-256 digest of {@code data}. */
    public static Checksum256 hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The SHA-256 digest of {@code length} bytes of {@code data} from {@code offset}. */
    public static Checksum256 hash(byte[] data, int offset, int length) {
        MessageDigest md = SHA256.get();
        md.update(data, offset, length);
        return new Checksum256(md.digest());
    }

    /** Reads 32 bytes. */
    public static Checksum256 decode(BinaryReader in) {
        return new Checksum256(in.readBytes(SIZE));
    }
}
