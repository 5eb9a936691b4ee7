package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An Antelope name: an account, contract, action, table or permission name packed into 64 bits.
 *
 * <p>Parsing is as strict as the node: a name has at most 13 characters from {@code .1-5a-z},
 * and a 13th character must be one of {@code .1-5a-j}. Anything else throws an
 * {@link InvalidNameException} that names the string and the index of the offending character
 * (the reference implementation silently drops or clamps such characters instead).
 * Every 64-bit value is a name, so {@link #of(long)} and {@link #decode(BinaryReader)} never fail.
 *
 * <pre>{@code
 * Name token = Name.from("eosio.token");
 * long raw = token.value();              // 6138663591592764928
 * Name.of(raw).toString();               // "eosio.token"
 * }</pre>
 *
 * <p>The string form drops trailing dots: {@code Name.from("abc..")} equals {@code Name.from("abc")}.
 * Names order by their unsigned 64-bit value, as the node orders them in tables.
 */
public final class Name implements BinaryEncodable, Comparable<Name> {

    /** The empty name, value 0. */
    public static final Name EMPTY = new Name(0L, "");

    private static final byte[] CHARS = ".12345abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private final long value;
    /** The canonical string, set on parse when it equals the input, otherwise computed on first use. */
    private String string;

    private Name(long value, String string) {
        this.value = value;
        this.string = string;
    }

    /**
     * Parses a name.
     *
     * @param name at most 13 characters of {@code .1-5a-z}, the 13th one of {@code .1-5a-j}
     * @return the name
     * @throws InvalidNameException if {@code name} breaks these rules; the message says where
     * @throws NullPointerException if {@code name} is null
     */
    @JsonCreator
    public static Name from(String name) {
        Objects.requireNonNull(name, "name");
        int n = name.length();
        if (n > 13) {
            throw new InvalidNameException("name " + Quote.of(name) + " is " + n + " characters, at most 13");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            int sym = symbol(c);
            if (sym < 0) {
                throw badChar(name, i, c);
            }
            if (i < 12) {
                v |= (long) sym << (59 - 5 * i);
            } else {
                if (sym > 15) {
                    throw new InvalidNameException("name " + Quote.of(name) + " has " + Quote.of(c)
                            + " at 12: the 13th character must be one of .1-5a-j");
                }
                v |= sym;
            }
        }
        if (v == 0) {
            return EMPTY;
        }
        return new Name(v, n > 0 && name.charAt(n - 1) != '.' ? name : null);
    }

    /**
     * Whether {@link #from(String)} would accept {@code name}.
     *
     * @param name a candidate name, may be null
     * @return {@code true} if it is a valid name
     */
    public static boolean isValid(String name) {
        if (name == null || name.length() > 13) {
            return false;
        }
        for (int i = 0, n = name.length(); i < n; i++) {
            int sym = symbol(name.charAt(i));
            if (sym < 0 || (i == 12 && sym > 15)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name with this raw value; every value is a valid name.
     *
     * @param rawUint64 the name's 64 bits, read as unsigned
     * @return the name
     */
    public static Name of(long rawUint64) {
        return rawUint64 == 0 ? EMPTY : new Name(rawUint64, null);
    }

    /** Reads a name: 8 bytes, little-endian. */
    public static Name decode(BinaryReader in) {
        return of(in.readInt64());
    }

    private static int symbol(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 6;
        }
        if (c >= '1' && c <= '5') {
            return c - '1' + 1;
        }
        if (c == '.') {
            return 0;
        }
        return -1;
    }

    private static InvalidNameException badChar(String name, int i, char c) {
        String what;
        if (c >= 'A' && c <= 'Z') {
            what = "an upper-case letter";
        } else if (c >= '0' && c <= '9') {
            what = "the digit";
        } else {
            what = "an invalid character";
        }
        return new InvalidNameException("name " + Quote.of(name) + " has " + what + " at " + i + " (" + Quote.of(c)
                + "); names use only a-z, 1-5 and '.'");
    }

    /** The raw 64-bit value (unsigned; compare with {@link Long#compareUnsigned}). */
    public long value() {
        return value;
    }

    /** Whether this is the empty name (value 0). */
    public boolean isEmpty() {
        return value == 0;
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt64(value);
    }

    @Override
    public int compareTo(Name other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** The canonical string form, without trailing dots ({@code ""} for the empty name). */
    @JsonValue
    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = format(value);
            string = s;
        }
        return s;
    }

    private static String format(long v) {
        byte[] out = new byte[13];
        out[12] = CHARS[(int) (v & 0x0F)];
        v >>>= 4;
        for (int i = 11; i >= 0; i--) {
            out[i] = CHARS[(int) (v & 0x1F)];
            v >>>= 5;
        }
        int len = 13;
        while (len > 0 && out[len - 1] == '.') {
            len--;
        }
        return new String(out, 0, len, StandardCharsets.ISO_8859_1);
    }
}
