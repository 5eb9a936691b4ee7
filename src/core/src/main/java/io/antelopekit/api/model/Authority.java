package io.antelopekit.api.model;

import java.util.List;

/**
 * A weighted threshold authority: keys, other accounts' permissions and delays whose weights
 * must add up to {@code threshold}.
 *
 * @param threshold the weight needed (uint32)
 * @param keys weighted keys
 * @param accounts weighted permissions of other accounts
 * @param waits weighted delays
 */
public record Authority(long threshold, List<KeyWeight> keys, List<PermissionLevelWeight> accounts, List<WaitWeight> waits) {

    /** Copies the lists. */
    public Authority {
        keys = Models.copy(keys);
        accounts = Models.copy(accounts);
        waits = Models.copy(waits);
    }
}
