package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidValueException;

/**
 * How a {@link PackedTransaction} stores its transaction and context-free data: as is, or
 * zlib-compressed. The {@link #code() code} is the byte a node reads ({@code 0} or {@code 1}).
 *
 * <pre>{@code
 * PackedTransaction packed = signed.pack(Compression.ZLIB);
 * }</pre>
 */
public enum Compression {
    /** Stored as is (code 0). */
    NONE,
    /** zlib (RFC 1950) compressed (code 1). */
    ZLIB;

    /** The code a node uses for this compression: 0 for {@link #NONE}, 1 for {@link #ZLIB}. */
    public int code() {
        return ordinal();
    }

    /**
     * The compression with the given code.
     *
     * @throws InvalidValueException if the code is neither 0 nor 1
     */
    public static Compression ofCode(int code) {
        switch (code) {
            case 0:
                return NONE;
            case 1:
                return ZLIB;
            default:
                throw new InvalidValueException("compression " + code + " is unknown: expected 0 (none) or 1 (zlib)");
        }
    }

    /**
     * The compression named {@code "none"} or {@code "zlib"} (as a node writes it in JSON), or
     * given as its decimal code.
     *
     * @throws InvalidValueException if the name is not a known compression
     */
    public static Compression from(String name) {
        switch (name) {
            case "none":
            case "0":
                return NONE;
            case "zlib":
            case "1":
                return ZLIB;
            default:
                throw new InvalidValueException("compression \"" + name + "\" is unknown: expected \"none\" or \"zlib\"");
        }
    }

    /** The node's name for this compression: {@code "none"} or {@code "zlib"}. */
    @Override
    public String toString() {
        return this == NONE ? "none" : "zlib";
    }
}
