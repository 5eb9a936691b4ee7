package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;

import java.util.Objects;

/**
 * A wallet's answer to a login: the chain and account it logged in with.
 *
 * @param chainId the chain
 * @param permissionLevel the account and permission
 * @param identityProof the wallet's proof of the identity, or {@code null} when it gives none
 */
public record WalletPluginLoginResponse(Checksum256 chainId, PermissionLevel permissionLevel, JsonNode identityProof) {

    public WalletPluginLoginResponse {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(permissionLevel, "permissionLevel");
    }
}
