package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * A 20-byte checksum (ABI {@code checksum160}), such as a RIPEMD-160 digest. Lower-case hex in
 * JSON, the 20 raw bytes in binary.
 *
 * <pre>{@code
 * Checksum160 digest = Checksum160.ripemd160(data);
 * }</pre>
 */
public final class Checksum160 extends ByteValue {

    /** Byte length. */
    public static final int SIZE = 20;

    private Checksum160(byte[] data) {
        super(data);
    }

    /**
     * Parses 40 hex digits, either case.
     *
     * @throws InvalidValueException if {@code hex} is not exactly 40 hex digits
     */
    @JsonCreator
    public static Checksum160 from(String hex) {
        return new Checksum160(ByteValue.parseHex("checksum160", hex, SIZE));
    }

    /**
     * A copy of exactly 20 bytes.
     *
     * @throws InvalidValueException if {@code bytes} is not 20 bytes long
     */
    public static Checksum160 of(byte[] bytes) {
        return new Checksum160(ByteValue.copyOf("checksum160", bytes, SIZE));
    }

    /** The RIPEMD-160 digest of {@code data}. */
    public static Checksum160 ripemd160(byte[] data) {
        return ripemd160(data, 0, data.length);
    }

    /** The RIPEMD-160 digest of {@code length} bytes of {@code data} from {@code offset}. */
    public static Checksum160 ripemd160(byte[] data, int offset, int length) {
        RIPEMD160Digest md = new RIPEMD160Digest();
        md.update(data, offset, length);
        byte[] out = new byte[SIZE];
        md.doFinal(out, 0);
        return new Checksum160(out);
    }

    /** Reads 20 bytes. */
    public static Checksum160 decode(BinaryReader in) {
        return new Checksum160(in.readBytes(SIZE));
    }
}
