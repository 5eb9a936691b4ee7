package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A token's symbol code without precision (ABI {@code symbol_code}): 1 to 7 upper-case letters
 * A-Z, packed into 64 bits with the first letter in the lowest byte.
 *
 * <pre>{@code
 * SymbolCode eos = SymbolCode.from("EOS");
 * eos.value();   // 5459781 (0x534f45)
 * }</pre>
 *
 * <p>{@link #of(long)} also accepts 0, the empty code a contract's default-constructed symbol
 * has; its string form {@code ""} does not parse back, as on the node.
 */
public final class SymbolCode implements BinaryEncodable {

    /** The most letters a symbol code has. */
    public static final int MAX_LENGTH = 7;

    private final long value;
    private final String string;

    private SymbolCode(long value, String string) {
        this.value = value;
        this.string = string;
    }

    /**
     * Parses a symbol code.
     *
     * @param code 1 to 7 upper-case letters A-Z
     * @throws InvalidSymbolException if {@code code} is empty, too long, or has another character
     */
    @JsonCreator
    public static SymbolCode from(String code) {
        Objects.requireNonNull(code, "code");
        return new SymbolCode(parse(code, code, ""), code);
    }

    /** A code already checked by {@link #parse}. */
    static SymbolCode parsed(long value, String code) {
        return new SymbolCode(value, code);
    }

    /** Parses a code, naming {@code whole} (and {@code context} before it) in messages. */
    static long parse(String code, String whole, String context) {
        int n = code.length();
        if (n == 0) {
            throw new InvalidSymbolException(context + "symbol code " + Quote.of(code) + " is empty; expected 1 to 7 letters A-Z");
        }
        if (n > MAX_LENGTH) {
            throw new InvalidSymbolException(context + "symbol code " + Quote.of(code) + " is " + n + " characters, at most 7");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                String what = c >= 'a' && c <= 'z' ? "a lower-case letter" : "an invalid character";
                throw new InvalidSymbolException(context + "symbol code " + Quote.of(code) + " has " + what + " at " + i + " ("
                        + Quote.of(c) + "); symbol codes are 1 to 7 upper-case letters A-Z");
            }
            v |= (long) c << (8 * i);
        }
        return v;
    }

    /**
     * The symbol code with this raw value.
     *
     * @param value letters A-Z from the lowest byte up, then zero bytes; the top byte is zero
     * @throws InvalidSymbolException if {@code value} has any other byte
     */
    public static SymbolCode of(long value) {
        return new SymbolCode(value, format(value, ""));
    }

    /** Checks a raw value and formats it; {@code context} prefixes messages. */
    static String format(long value, String context) {
        byte[] chars = new byte[MAX_LENGTH];
        int n = 0;
        long v = value;
        while (v != 0 && n < 8) {
            int c = (int) (v & 0xFF);
            if (c < 'A' || c > 'Z' || n == MAX_LENGTH) {
                throw new InvalidSymbolException(context + "symbol code value " + Long.toUnsignedString(value)
                        + " (0x" + Long.toHexString(value) + ") has byte 0x" + Integer.toHexString(c) + " at " + n
                        + "; expected 1 to 7 letters A-Z followed by zero bytes");
            }
            chars[n++] = (byte) c;
            v >>>= 8;
        }
        return new String(chars, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Reads 8 bytes. */
    public static SymbolCode decode(BinaryReader in) {
        int at = in.position();
        long raw = in.readInt64();
        try {
            return of(raw);
        } catch (InvalidSymbolException e) {
            throw new DecodingException("symbol_code at offset " + at + ": " + e.getMessage(), e);
        }
    }

    /** The raw 64-bit value. */
    public long value() {
        return value;
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt64(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolCode other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** The letters, such as {@code EOS}. */
    @JsonValue
    @Override
    public String toString() {
        return string;
    }
}
