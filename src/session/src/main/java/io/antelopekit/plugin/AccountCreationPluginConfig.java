package io.antelopekit.plugin;

import io.antelopekit.chain.Checksum256;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link AccountCreationPlugin} needs the kit to ask for.
 *
 * @param requiresChainSelect the user picks the chain (unless the plugin supports exactly one chain)
 * @param supportedChains the chains the plugin creates accounts on; empty for any chain of the kit
 */
public record AccountCreationPluginConfig(boolean requiresChainSelect, List<Checksum256> supportedChains) {

    /** The chain is picked by the user, any chain. */
    public static final AccountCreationPluginConfig DEFAULT = new AccountCreationPluginConfig(true, List.of());

    public AccountCreationPluginConfig {
        supportedChains = List.copyOf(Objects.requireNonNull(supportedChains, "supportedChains"));
    }

    /** Whether the plugin works with the chain {@code chainId}. */
    public boolean supports(Checksum256 chainId) {
        return supportedChains.isEmpty() || supportedChains.contains(chainId);
    }
}
