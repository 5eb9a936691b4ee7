package io.antelopekit.api.model;

import io.antelopekit.chain.Name;

/**
 * A contract action linked to a permission.
 *
 * @param account the contract
 * @param action the action, or {@code null} when every action of the contract is linked
 */
public record LinkedAction(Name account, Name action) {
}
