package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;

/**
 * A permission that an authorizer (an account permission or a key) takes part in.
 *
 * @param accountName the account that has the permission
 * @param permissionName the permission
 * @param authorizingAccount the authorizing permission, or {@code null} for a key
 * @param authorizingKey the authorizing key, or {@code null} for an account
 * @param weight the authorizer's weight (uint16)
 * @param threshold the permission's threshold (uint32)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuthorizedAccount(
        Name accountName,
        Name permissionName,
        PermissionLevel authorizingAccount,
        PublicKey authorizingKey,
        int weight,
        long threshold) {
}
