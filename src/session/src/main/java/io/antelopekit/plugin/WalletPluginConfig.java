package io.antelopekit.plugin;

import io.antelopekit.chain.Checksum256;

import java.util.List;
import java.util.Objects;

/**
 * What a wallet needs the login to ask the user for.
 *
 * @param requiresChainSelect the user picks the chain before the wallet logs in
 * @param requiresPermissionSelect the user picks an account permission offered from the wallet's public key
 * @param requiresPermissionEntry the user types the account and permission
 * @param supportedChains the chains the wallet works with; empty for any chain
 */
public record WalletPluginConfig(boolean requiresChainSelect, boolean requiresPermissionSelect,
        boolean requiresPermissionEntry, List<Checksum256> supportedChains) {

    /** Nothing required, any chain. */
    public static final WalletPluginConfig DEFAULT = new WalletPluginConfig(false, false, false, List.of());

    public WalletPluginConfig {
        supportedChains = List.copyOf(Objects.requireNonNull(supportedChains, "supportedChains"));
    }

    /** Whether the wallet works with the chain {@code chainId}. */
    public boolean supports(Checksum256 chainId) {
        return supportedChains.isEmpty() || supportedChains.contains(chainId);
    }
}
