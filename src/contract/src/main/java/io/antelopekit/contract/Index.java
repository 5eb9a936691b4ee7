package io.antelopekit.contract;

import java.util.Objects;

/**
 * An index of a table: its position ({@code index_position}: 1 for the primary key, 2 for the
 * first secondary index, up to 10) and its key type. Immutable.
 *
 * <pre>{@code
 * static final Index<Checksum256> BY_HASH = Index.of(4, KeyType.CHECKSUM256);
 * table.get(BY_HASH, hash)
 * }</pre>
 *
 * @param <K> the Java type of its keys
 */
public final class Index<K> {

    private static final Index<Long> PRIMARY = new Index<>(1, KeyType.UINT64);

    private final int position;
    private final KeyType<K> keyType;

    private Index(int position, KeyType<K> keyType) {
        this.position = position;
        this.keyType = keyType;
    }

    /** @return the primary key, a {@code uint64} */
    public static Index<Long> primary() {
        return PRIMARY;
    }

    /**
     * The index at a position.
     *
     * @param position 1 for the primary key, 2 to 10 for the secondary indexes in the contract's order
     * @param keyType the type of its keys ({@link KeyType#NAME} also fits a primary key that holds names)
     * @param <K> the Java type of its keys
     * @return the index
     * @throws IllegalArgumentException if {@code position} is not 1 to 10
     */
    public static <K> Index<K> of(int position, KeyType<K> keyType) {
        if (position < 1 || position > 10) {
            throw new IllegalArgumentException("index position must be 1 to 10, got " + position);
        }
        return new Index<>(position, Objects.requireNonNull(keyType, "keyType"));
    }

    /** @return 1 for the primary key, 2 to 10 for a secondary index */
    public int position() {
        return position;
    }

    /** @return the type of its keys */
    public KeyType<K> keyType() {
        return keyType;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Index<?> i && position == i.position && keyType == i.keyType;
    }

    @Override
    public int hashCode() {
        return position * 31 + keyType.hashCode();
    }

    @Override
    public String toString() {
        return "Index[" + position + ", " + keyType + "]";
    }
}
