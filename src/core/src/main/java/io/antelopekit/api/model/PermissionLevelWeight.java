package io.antelopekit.api.model;

import io.antelopekit.chain.PermissionLevel;

/**
 * Another account's permission and its weight in an {@link Authority}.
 *
 * @param permission the account and permission
 * @param weight its weight (uint16)
 */
public record PermissionLevelWeight(PermissionLevel permission, int weight) {
}
