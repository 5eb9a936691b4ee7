package io.antelopekit.api.model;

import io.antelopekit.chain.Name;

/**
 * A change of an account's RAM usage.
 *
 * @param account the account billed
 * @param delta bytes added (negative: freed)
 */
public record AccountRamDelta(Name account, @Int64 long delta) {
}
