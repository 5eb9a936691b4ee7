package io.antelopekit.contract;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Float128;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.UInt128;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key type of a table index, with the Java type of its keys and how the node reads them as
 * bounds ({@code get_table_rows}' {@code key_type}, {@code lower_bound}, {@code upper_bound}).
 *
 * <pre>{@code
 * Index<Name> byOwner = Index.of(2, KeyType.NAME);
 * table.query(byOwner).from(Name.from("alice")).to(Name.from("alice")).rows()
 * }</pre>
 *
 * @param <K> the Java type of a key
 */
public final class KeyType<K> {

    /** A {@code uint64} key ({@code idx64}, {@code i64}), held as an unsigned {@code long}. */
    public static final KeyType<Long> UINT64 = new KeyType<>("i64", Long.class, Long::toUnsignedString);
    /** A {@code name} key ({@code idx64} read as names). */
    public static final KeyType<Name> NAME = new KeyType<>("name", Name.class, Name::toString);
    /** A {@code uint128} key ({@code idx128}, {@code i128}). */
    public static final KeyType<UInt128> UINT128 = new KeyType<>("i128", UInt128.class, UInt128::toString);
    /** A {@code checksum256} key ({@code idx256}, {@code sha256}), such as a transaction id. */
    public static final KeyType<Checksum256> CHECKSUM256 = new KeyType<>("sha256", Checksum256.class,
            Checksum256::toString);
    /** A {@code float64} key ({@code idx_double}). */
    public static final KeyType<Double> FLOAT64 = new KeyType<>("float64", Double.class, KeyType::decimal);
    /** A {@code float128} key ({@code idx_long_double}), as the node's hex form. */
    public static final KeyType<Float128> FLOAT128 = new KeyType<>("float128", Float128.class, Float128::toString);

    private final String nodeName;
    private final Class<K> javaType;
    private final Function<K, String> bound;

    private KeyType(String nodeName, Class<K> javaType, Function<K, String> bound) {
        this.nodeName = nodeName;
        this.javaType = javaType;
        this.bound = bound;
    }

    /**
     * The key type an ABI names in a table's {@code key_types}: {@code uint64} or {@code i64},
     * {@code name}, {@code uint128} or {@code i128}, {@code checksum256} or {@code sha256},
     * {@code float64}, {@code float128}.
     *
     * @param abiType the ABI's word
     * @return the key type, or empty for a word this list does not have
     */
    public static Optional<KeyType<?>> forAbiType(String abiType) {
        Objects.requireNonNull(abiType, "abiType");
        switch (abiType.trim().toLowerCase(Locale.ROOT)) {
            case "uint64":
            case "i64":
                return Optional.of(UINT64);
            case "name":
                return Optional.of(NAME);
            case "uint128":
            case "i128":
                return Optional.of(UINT128);
            case "checksum256":
            case "sha256":
                return Optional.of(CHECKSUM256);
            case "float64":
                return Optional.of(FLOAT64);
            case "float128":
                return Optional.of(FLOAT128);
            default:
                return Optional.empty();
        }
    }

    /** @return the node's name of the key type, sent as {@code key_type} ({@code i64}, {@code name}, ...) */
    public String nodeName() {
        return nodeName;
    }

    /** @return the Java type of a key */
    public Class<K> javaType() {
        return javaType;
    }

    /**
     * A key as the node reads a bound of this type.
     *
     * @param key the key
     * @return its text form
     * @throws KeyTypeMismatchException if {@code key} is not of this type's Java type
     */
    public String bound(Object key) {
        Objects.requireNonNull(key, "key");
        if (!javaType.isInstance(key)) {
            throw new KeyTypeMismatchException("a " + nodeName + " key must be a " + javaType.getSimpleName() + ", got "
                    + key.getClass().getSimpleName() + " " + key);
        }
        return bound.apply(javaType.cast(key));
    }

    private static String decimal(Double d) {
        if (d.isNaN() || d.isInfinite()) {
            throw new KeyTypeMismatchException("a float64 key must be finite, got " + d);
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    @Override
    public String toString() {
        return nodeName;
    }
}
