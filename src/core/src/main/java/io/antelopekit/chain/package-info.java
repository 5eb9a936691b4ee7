/**
 * Antelope chain value types (names, symbols, assets, time points, checksums, permission levels)
 * and their binary form; actions and transactions are in {@code io.antelopekit.chain.transaction}.
 *
 * <p>Every value is immutable, parses from and formats to the node's string form, and
 * encodes to and decodes from the ABI binary format through {@link io.antelopekit.chain.BinaryWriter}
 * and {@link io.antelopekit.chain.BinaryReader}. Invalid input never gets past a factory: it
 * throws an {@link io.antelopekit.chain.InvalidValueException} that says what was wrong.
 */
package io.antelopekit.chain;
