package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A token symbol (ABI {@code symbol}): a precision of 0 to 18 decimal places and a
 * {@link SymbolCode}, written {@code "4,EOS"}. Its 64-bit value holds the precision in the lowest
 * byte and the code above it.
 *
 * <pre>{@code
 * Symbol eos = Symbol.from("4,EOS");
 * eos.precision();   // 4
 * eos.code();        // SymbolCode "EOS"
 * eos.value();       // 1397703940
 * }</pre>
 */
public final class Symbol implements BinaryEncodable {

    /** The most decimal places a symbol has. */
    public static final int MAX_PRECISION = 18;

    private final int precision;
    private final SymbolCode code;

    private Symbol(int precision, SymbolCode code) {
        this.precision = precision;
        this.code = code;
    }

    /**
     * Parses {@code "precision,CODE"}.
     *
     * @throws InvalidSymbolException if the precision is not 0 to 18 or the code is invalid
     */
    @JsonCreator
    public static Symbol from(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        int comma = symbol.indexOf(',');
        if (comma < 0) {
            throw new InvalidSymbolException("symbol " + Quote.of(symbol) + " has no ','; expected precision,CODE such as 4,EOS");
        }
        if (comma == 0 || comma > 2) {
            throw new InvalidSymbolException("symbol " + Quote.of(symbol) + " has a precision of " + comma
                    + " characters; expected 0 to 18");
        }
        int p = 0;
        for (int i = 0; i < comma; i++) {
            char c = symbol.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidSymbolException("symbol " + Quote.of(symbol) + " has " + Quote.of(c) + " at " + i
                        + " in its precision; expected a digit");
            }
            p = p * 10 + (c - '0');
        }
        if (p > MAX_PRECISION) {
            throw new InvalidSymbolException("symbol " + Quote.of(symbol) + " has precision " + p + ", at most 18");
        }
        String code = symbol.substring(comma + 1);
        long v = SymbolCode.parse(code, symbol, "symbol " + Quote.of(symbol) + ": ");
        return new Symbol(p, SymbolCode.parsed(v, code));
    }

    /**
     * The symbol with this precision and code.
     *
     * @throws InvalidSymbolException if {@code precision} is not 0 to 18
     */
    public static Symbol of(int precision, SymbolCode code) {
        Objects.requireNonNull(code, "code");
        checkPrecision(precision, code.toString());
        return new Symbol(precision, code);
    }

    /**
     * The symbol with this precision and code.
     *
     * @throws InvalidSymbolException if {@code precision} is not 0 to 18 or {@code code} is invalid
     */
    public static Symbol of(int precision, String code) {
        return of(precision, SymbolCode.from(code));
    }

    /**
     * The symbol with this raw 64-bit value: precision in the lowest byte, the code above.
     *
     * @throws InvalidSymbolException if either part is invalid
     */
    public static Symbol of(long value) {
        int p = (int) (value & 0xFF);
        checkPrecision(p, "value " + Long.toUnsignedString(value));
        return new Symbol(p, SymbolCode.of(value >>> 8));
    }

    private static void checkPrecision(int precision, String what) {
        if (precision < 0 || precision > MAX_PRECISION) {
            throw new InvalidSymbolException("symbol " + what + " has precision " + precision + ", expected 0 to 18");
        }
    }

    /** Reads 8 bytes. */
    public static Symbol decode(BinaryReader in) {
        int at = in.position();
        long raw = in.readInt64();
        try {
            return of(raw);
        } catch (InvalidSymbolException e) {
            throw new DecodingException("symbol at offset " + at + ": " + e.getMessage(), e);
        }
    }

    /** Decimal places, 0 to 18. */
    public int precision() {
        return precision;
    }

    public SymbolCode code() {
        return code;
    }

    /** The raw 64-bit value: {@code code.value() << 8 | precision}. */
    public long value() {
        return code.value() << 8 | precision;
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt64(value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Symbol other && other.precision == precision && other.code.equals(code);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value());
    }

    /** {@code precision,CODE}, such as {@code 4,EOS}. */
    @JsonValue
    @Override
    public String toString() {
        return precision + "," + code;
    }
}
