package io.antelopekit.session;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.UserInterface;

import java.util.List;
import java.util.Objects;

/** The session module's {@link CreateAccountContext}: an immutable record. */
record DefaultCreateAccountContext(String appName, List<ChainDefinition> chains, ChainDefinition chain,
        ChainClient client, Name accountName, PublicKey publicKey, UserInterface ui,
        List<AccountCreationPlugin> accountCreationPlugins, boolean requiresPluginSelect,
        boolean requiresChainSelect) implements CreateAccountContext {

    DefaultCreateAccountContext {
        chains = List.copyOf(Objects.requireNonNull(chains, "chains"));
        accountCreationPlugins = List.copyOf(Objects.requireNonNull(accountCreationPlugins, "accountCreationPlugins"));
    }

    @Override
    public CreateAccountContext withChain(ChainDefinition chain, ChainClient client) {
        return new DefaultCreateAccountContext(appName, chains, chain, client, accountName, publicKey, ui,
                accountCreationPlugins, requiresPluginSelect, requiresChainSelect);
    }

    @Override
    public String toString() {
        return "CreateAccountContext[app=" + appName + ", chain=" + (chain == null ? null : chain.id())
                + ", accountName=" + accountName + ", publicKey=" + publicKey + "]";
    }
}
