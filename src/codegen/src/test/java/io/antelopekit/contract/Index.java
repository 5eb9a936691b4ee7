package io.antelopekit.contract;

/** Compile-only stand-in for antelopekit-contract's Index. */
public final class Index<K> {
    public static Index<Long> primary() {
        return new Index<>();
    }

    public static <K> Index<K> of(int position, KeyType<K> type) {
        return new Index<>();
    }
}
