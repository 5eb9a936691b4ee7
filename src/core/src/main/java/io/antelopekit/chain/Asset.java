package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of a token (ABI {@code asset}): a signed 64-bit count of the smallest units and a
 * {@link Symbol}. The string form has exactly as many decimal places as the symbol's precision:
 * {@code "1.0000 EOS"} is 10000 units of {@code 4,EOS}.
 *
 * <pre>{@code
 * Asset a = Asset.from("-12.5000 EOS");
 * a.units();          // -125000
 * a.toBigDecimal();   // -12.5000
 * Asset.of(10000, Symbol.from("4,EOS")).toString();   // "1.0000 EOS"
 * }</pre>
 *
 * <p>Parsing is strict: an optional {@code -}, digits, optionally {@code .} and at least one
 * digit, one space, and a symbol code. Amounts beyond the int64 range, more than 18 decimal
 * places, or symbol codes longer than 7 letters throw an {@link InvalidAssetException}; nothing
 * is truncated or rounded.
 */
public final class Asset implements BinaryEncodable {

    private final long units;
    private final Symbol symbol;

    private Asset(long units, Symbol symbol) {
        this.units = units;
        this.symbol = symbol;
    }

    /**
     * Parses {@code "amount CODE"}; the number of decimal places gives the precision.
     *
     * @throws InvalidAssetException naming the value and the offending index or part
     */
    @JsonCreator
    public static Asset from(String asset) {
        Objects.requireNonNull(asset, "asset");
        int space = asset.indexOf(' ');
        if (space < 0) {
            throw new InvalidAssetException("asset " + Quote.of(asset)
                    + " has no space between amount and symbol code; expected an amount and a code such as \"1.0000 EOS\"");
        }
        boolean negative = space > 0 && asset.charAt(0) == '-';
        int first = negative ? 1 : 0;
        int dot = -1;
        for (int i = first; i < space; i++) {
            char c = asset.charAt(i);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (c == '.' && dot < 0 && i > first) {
                dot = i;
                continue;
            }
            String expected = c == '.' && i == first ? "a digit before it" : "a digit";
            throw new InvalidAssetException("asset " + Quote.of(asset) + " has an unexpected " + Quote.of(c) + " at "
                    + i + " in its amount; expected " + expected);
        }
        if (space == first) {
            throw new InvalidAssetException("asset " + Quote.of(asset) + " has no digits before the space at " + space);
        }
        if (dot == space - 1) {
            throw new InvalidAssetException("asset " + Quote.of(asset) + " has no digits after the '.' at " + dot);
        }
        int precision = dot < 0 ? 0 : space - dot - 1;
        if (precision > Symbol.MAX_PRECISION) {
            throw new InvalidAssetException("asset " + Quote.of(asset) + " has " + precision
                    + " decimal places, at most 18");
        }
        long acc = 0; // accumulated as a negative number, so that int64's minimum fits
        for (int i = first; i < space; i++) {
            int d = asset.charAt(i) - '0';
            if (i == dot) {
                continue;
            }
            if (acc < Long.MIN_VALUE / 10 || (acc = acc * 10) < Long.MIN_VALUE + d) {
                throw outOfRange(asset);
            }
            acc -= d;
        }
        if (!negative) {
            if (acc == Long.MIN_VALUE) {
                throw outOfRange(asset);
            }
            acc = -acc;
        }
        String code = asset.substring(space + 1);
        long codeValue;
        try {
            codeValue = SymbolCode.parse(code, asset, "asset " + Quote.of(asset) + ": ");
        } catch (InvalidSymbolException e) {
            throw new InvalidAssetException(e.getMessage(), e);
        }
        return new Asset(acc, Symbol.of(precision, SymbolCode.parsed(codeValue, code)));
    }

    private static InvalidAssetException outOfRange(String asset) {
        return new InvalidAssetException("asset " + Quote.of(asset)
                + " has an amount outside the int64 range of units (-9223372036854775808 to 9223372036854775807)");
    }

    /**
     * An amount in the smallest units of {@code symbol}.
     *
     * @param units the amount times 10^precision
     */
    public static Asset of(long units, Symbol symbol) {
        return new Asset(units, Objects.requireNonNull(symbol, "symbol"));
    }

    /** Reads an int64 amount and a symbol. */
    public static Asset decode(BinaryReader in) {
        long units = in.readInt64();
        return new Asset(units, Symbol.decode(in));
    }

    /** The amount in the smallest units, such as 10000 for {@code 1.0000 EOS}. */
    public long units() {
        return units;
    }

    public Symbol symbol() {
        return symbol;
    }

    /** The amount as a decimal with the symbol's precision as its scale. */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(units, symbol.precision());
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt64(units);
        symbol.encode(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Asset other && other.units == units && other.symbol.equals(symbol);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(units) * 31 + symbol.hashCode();
    }

    /** {@code amount CODE} with exactly {@code precision} decimal places, such as {@code 1.0000 EOS}. */
    @JsonValue
    @Override
    public String toString() {
        int p = symbol.precision();
        String digits = Long.toUnsignedString(units < 0 ? -units : units); // -MIN_VALUE is MIN_VALUE, right unsigned
        StringBuilder b = new StringBuilder(digits.length() + p + 12);
        if (units < 0) {
            b.append('-');
        }
        int intLen = digits.length() - p;
        if (intLen <= 0) {
            b.append('0');
            if (p > 0) {
                b.append('.');
                for (int i = intLen; i < 0; i++) {
                    b.append('0');
                }
                b.append(digits);
            }
        } else {
            b.append(digits, 0, intLen);
            if (p > 0) {
                b.append('.').append(digits, intLen, digits.length());
            }
        }
        return b.append(' ').append(symbol.code()).toString();
    }
}
