package io.antelopekit.contract;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Float128;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.UInt128;

/** Compile-only stand-in for antelopekit-contract's KeyType. */
public final class KeyType<K> {
    public static final KeyType<Long> UINT64 = new KeyType<>();
    public static final KeyType<Name> NAME = new KeyType<>();
    public static final KeyType<UInt128> UINT128 = new KeyType<>();
    public static final KeyType<Checksum256> CHECKSUM256 = new KeyType<>();
    public static final KeyType<Double> FLOAT64 = new KeyType<>();
    public static final KeyType<Float128> FLOAT128 = new KeyType<>();
}
