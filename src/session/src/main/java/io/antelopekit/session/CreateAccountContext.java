package io.antelopekit.session;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.UserInterface;

import java.util.List;
import java.util.Objects;

/**
 * What an account creation knows when the user interface or the {@link AccountCreationPlugin} is called.
 *
 * @param appName the application's name
 * @param chains the chains to choose from (those the chosen plugin supports)
 * @param chain the chain chosen, or {@code null}
 * @param client the kit's chain client of {@code chain}, or {@code null}
 * @param accountName the account name wanted, or {@code null}
 * @param publicKey the key wanted for the account, or {@code null}
 * @param ui the user interface
 * @param accountCreationPlugins the plugins to choose from
 * @param requiresPluginSelect whether the user interface must pick the plugin
 * @param requiresChainSelect whether the user interface must pick the chain
 */
public record CreateAccountContext(String appName, List<ChainDefinition> chains, ChainDefinition chain,
        ChainClient client, Name accountName, PublicKey publicKey, UserInterface ui,
        List<AccountCreationPlugin> accountCreationPlugins, boolean requiresPluginSelect,
        boolean requiresChainSelect) {

    public CreateAccountContext {
        chains = List.copyOf(Objects.requireNonNull(chains, "chains"));
        accountCreationPlugins = List.copyOf(Objects.requireNonNull(accountCreationPlugins, "accountCreationPlugins"));
    }

    /** This context with {@code chain} chosen and its client. */
    public CreateAccountContext withChain(ChainDefinition chain, ChainClient client) {
        return new CreateAccountContext(appName, chains, chain, client, accountName, publicKey, ui,
                accountCreationPlugins, requiresPluginSelect, requiresChainSelect);
    }

    @Override
    public String toString() {
        return "CreateAccountContext[app=" + appName + ", chain=" + (chain == null ? null : chain.id())
                + ", accountName=" + accountName + ", publicKey=" + publicKey + "]";
    }
}
