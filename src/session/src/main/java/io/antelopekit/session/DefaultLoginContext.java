package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.LoginContext.Requirements;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;

import java.util.List;
import java.util.Objects;

/**
 * The session module's {@link LoginContext}: an immutable record, one per step of a login.
 */
record DefaultLoginContext(String appName, List<ChainDefinition> chains, ChainDefinition chain,
        PermissionLevel permissionLevel, UserInterface ui, JsonNode arbitrary, List<WalletPlugin> walletPlugins,
        Integer walletPluginIndex, Requirements uiRequirements, List<PermissionLevel> permissionOptions,
        ChainClient client) implements LoginContext {

    DefaultLoginContext {
        chains = List.copyOf(Objects.requireNonNull(chains, "chains"));
        walletPlugins = walletPlugins == null ? List.of() : List.copyOf(walletPlugins);
        uiRequirements = uiRequirements == null ? Requirements.NONE : uiRequirements;
        permissionOptions = permissionOptions == null ? List.of() : List.copyOf(permissionOptions);
    }

    @Override
    public LoginContext withChain(ChainDefinition chain, ChainClient client) {
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, uiRequirements, permissionOptions, client);
    }

    @Override
    public LoginContext withPermissionLevel(PermissionLevel permissionLevel) {
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, uiRequirements, permissionOptions, client);
    }

    @Override
    public LoginContext withWalletPlugins(List<WalletPlugin> walletPlugins) {
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins, null,
                uiRequirements, permissionOptions, client);
    }

    @Override
    public LoginContext withWalletPluginIndex(Integer index) {
        if (index != null && (index < 0 || index >= walletPlugins.size())) {
            throw new IndexOutOfBoundsException("walletPluginIndex " + index + " is not in 0.."
                    + (walletPlugins.size() - 1));
        }
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins, index,
                uiRequirements, permissionOptions, client);
    }

    @Override
    public LoginContext withRequirements(Requirements requirements) {
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, requirements, permissionOptions, client);
    }

    @Override
    public LoginContext withPermissionOptions(List<PermissionLevel> options) {
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, uiRequirements, options, client);
    }

    @Override
    public String toString() {
        return "LoginContext[app=" + appName + ", chain=" + (chain == null ? null : chain.id()) + ", permission="
                + permissionLevel + ", wallet=" + (walletPlugin() == null ? null : walletPlugin().id())
                + ", requirements=" + uiRequirements + "]";
    }
}
