package io.antelopekit.chain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian byte sink for the Antelope binary format.
 *
 * <p>Not thread-safe. A writer can be {@link #reset() reset} and reused so that a hot loop
 * allocates only the arrays it hands out with {@link #toByteArray()}.
 *
 * <pre>{@code
 * BinaryWriter out = new BinaryWriter();
 * Name.from("eosio.token").encode(out);
 * out.writeString("memo");
 * byte[] bytes = out.toByteArray();
 * }</pre>
 */
public final class BinaryWriter {

    private static final int DEFAULT_CAPACITY = 128;

    private byte[] buf;
    private int size;

    public BinaryWriter() {
        this(DEFAULT_CAPACITY);
    }

    public BinaryWriter(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must not be negative: " + initialCapacity);
        }
        this.buf = new byte[Math.max(initialCapacity, 8)];
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("encoded value larger than 2 GiB");
        }
        if (needed > buf.length) {
            int grown = Math.max(needed, buf.length << 1);
            if (grown < 0) {
                grown = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, grown);
        }
    }

    /** Number of bytes written so far. */
    public int size() {
        return size;
    }

    /** Forgets what was written, keeping the buffer for reuse. */
    public BinaryWriter reset() {
        size = 0;
        return this;
    }

    public BinaryWriter writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public BinaryWriter writeBoolean(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    public BinaryWriter writeBytes(byte[] bytes) {
        return writeBytes(bytes, 0, bytes.length);
    }

    public BinaryWriter writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    /** Writes a varuint32 length followed by the bytes. */
    public BinaryWriter writeBytesWithLength(byte[] bytes) {
        writeVarUInt32(bytes.length);
        return writeBytes(bytes);
    }

    public BinaryWriter writeInt16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public BinaryWriter writeInt32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    public BinaryWriter writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) v;
            v >>>= 8;
        }
        return this;
    }

    public BinaryWriter writeFloat32(float v) {
        return writeInt32(Float.floatToRawIntBits(v));
    }

    public BinaryWriter writeFloat64(double v) {
        return writeInt64(Double.doubleToRawLongBits(v));
    }

    /**
     * Writes an unsigned LEB128 value of at most 32 bits.
     *
     * @param v a value in 0..2^32-1
     */
    public BinaryWriter writeVarUInt32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("varuint32 out of range: " + v);
        }
        ensure(5);
        do {
            byte b = (byte) (v & 0x7F);
            v >>>= 7;
            if (v != 0) {
                b |= (byte) 0x80;
            }
            buf[size++] = b;
        } while (v != 0);
        return this;
    }

    /** Writes a zig-zag encoded signed LEB128 value of 32 bits. */
    public BinaryWriter writeVarInt32(int v) {
        return writeVarUInt32(((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL);
    }

    /** Writes a varuint32 byte length followed by the UTF-8 bytes of the string. */
    public BinaryWriter writeString(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            writeVarUInt32(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
            return this;
        }
        return writeBytesWithLength(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
