package io.antelopekit.chain;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads the Antelope binary format from a byte array, checking every read against what
 * remains so that hostile input (a truncated buffer, a length prefix of 2^32-1) fails at once
 * with a {@link DecodingException} naming the offset, and never allocates more than the input
 * could hold.
 *
 * <p>Not thread-safe.
 */
public final class BinaryReader {

    private final byte[] buf;
    private final int limit;
    private int pos;

    public BinaryReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public BinaryReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + bytes.length);
        }
        this.buf = bytes;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** The current read offset. */
    public int position() {
        return pos;
    }

    /** Bytes left to read. */
    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n, String what) {
        if (n < 0 || n > limit - pos) {
            throw new DecodingException("cannot read " + what + " at offset " + pos + ": needs " + Integer.toUnsignedString(n)
                    + " bytes but only " + (limit - pos) + " remain");
        }
    }

    public int readUInt8() {
        need(1, "uint8");
        return buf[pos++] & 0xFF;
    }

    public byte readInt8() {
        need(1, "int8");
        return buf[pos++];
    }

    public boolean readBoolean() {
        need(1, "bool");
        int at = pos;
        int b = buf[pos++] & 0xFF;
        if (b > 1) {
            throw new DecodingException("bool at offset " + at + " is " + b + ", expected 0 or 1");
        }
        return b == 1;
    }

    public short readInt16() {
        need(2, "int16");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return (short) v;
    }

    public int readUInt16() {
        return readInt16() & 0xFFFF;
    }

    public int readInt32() {
        need(4, "int32");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long readUInt32() {
        return readInt32() & 0xFFFF_FFFFL;
    }

    public long readInt64() {
        need(8, "int64");
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    public float readFloat32() {
        return Float.intBitsToFloat(readInt32());
    }

    public double readFloat64() {
        return Double.longBitsToDouble(readInt64());
    }

    /** Reads an unsigned LEB128 value of at most 32 bits (at most 5 bytes). */
    public long readVarUInt32() {
        int start = pos;
        long v = 0;
        int shift = 0;
        while (true) {
            if (pos >= limit) {
                throw new DecodingException("truncated varuint32 at offset " + start);
            }
            int b = buf[pos++] & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift >= 35) {
                throw new DecodingException("varuint32 at offset " + start + " is longer than 5 bytes");
            }
        }
        if (v > 0xFFFF_FFFFL) {
            throw new DecodingException("varuint32 at offset " + start + " exceeds 32 bits");
        }
        return v;
    }

    /** Reads a zig-zag encoded signed LEB128 value of 32 bits. */
    public int readVarInt32() {
        long u = readVarUInt32();
        int i = (int) u;
        return (i >>> 1) ^ -(i & 1);
    }

    /**
     * Reads a varuint32 count of items, each at least {@code minItemSize} bytes, and checks it
     * against what remains before anything is allocated.
     *
     * @param what what is being read, for the error message
     * @param minItemSize the smallest encoded size of one item (0 allowed for empty items)
     */
    public int readLength(String what, int minItemSize) {
        int at = pos;
        long n = readVarUInt32();
        if (minItemSize > 0 && n * minItemSize > remaining()) {
            throw new DecodingException(what + " at offset " + at + " declares " + n + " items of at least "
                    + minItemSize + " bytes but only " + remaining() + " bytes remain");
        }
        if (minItemSize == 0 && n > Integer.MAX_VALUE - 8) {
            throw new DecodingException(what + " at offset " + at + " declares " + n + " items");
        }
        return (int) n;
    }

    public byte[] readBytes(int n) {
        need(n, n + " bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Reads a varuint32 length followed by that many bytes. */
    public byte[] readBytesWithLength() {
        int n = readLength("bytes", 1);
        return readBytes(n);
    }

    /** Reads a varuint32 length followed by that many bytes of UTF-8 (invalid UTF-8 is an error). */
    public String readString() {
        int at = pos;
        int n = readLength("string", 1);
        need(n, "string");
        boolean ascii = true;
        for (int i = pos; i < pos + n; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        String s;
        if (ascii) {
            s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
        } else {
            try {
                s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, pos, n))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new DecodingException("string at offset " + at + " is not valid UTF-8", e);
            }
        }
        pos += n;
        return s;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n) {
        need(n, "skip");
        pos += n;
    }

    /** Fails unless every byte was read; {@code what} names the value for the message. */
    public void expectEnd(String what) {
        if (pos != limit) {
            throw new DecodingException(what + " has " + (limit - pos) + " unread bytes at offset " + pos);
        }
    }
}
