package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;

import java.util.List;
import java.util.Objects;

/**
 * What a login knows when a wallet, a login plugin or the user interface is called. A
 * {@link SessionKit} login makes a new context at each step (chain chosen, permission chosen).
 *
 * @param appName the application's name
 * @param chains the chains to choose from
 * @param chain the chain chosen so far, or {@code null}
 * @param permissionLevel the permission chosen so far, or {@code null}
 * @param ui the user interface, or {@code null}
 * @param arbitrary application data passed to the login, or {@code null}
 * @param walletPlugins the wallets to choose from (the user interface answers with an index)
 * @param walletPluginIndex the index of the wallet chosen so far, or {@code null}
 * @param uiRequirements what the user interface must still ask for
 * @param permissionOptions permissions to offer when {@link Requirements#permissionSelect()}:
 *     those the chosen wallet's public key authorizes on the chosen chain
 *     ({@code get_accounts_by_authorizers}); empty when unknown
 * @param client the kit's chain client of {@code chain}, or {@code null}
 */
public record LoginContext(String appName, List<ChainDefinition> chains, ChainDefinition chain,
        PermissionLevel permissionLevel, UserInterface ui, JsonNode arbitrary, List<WalletPlugin> walletPlugins,
        Integer walletPluginIndex, Requirements uiRequirements, List<PermissionLevel> permissionOptions,
        ChainClient client) {

    public LoginContext {
        chains = List.copyOf(Objects.requireNonNull(chains, "chains"));
        walletPlugins = walletPlugins == null ? List.of() : List.copyOf(walletPlugins);
        uiRequirements = uiRequirements == null ? Requirements.NONE : uiRequirements;
        permissionOptions = permissionOptions == null ? List.of() : List.copyOf(permissionOptions);
    }

    /** A context outside a kit (for wallets' own tests and tools): no wallets listed, nothing to ask. */
    public LoginContext(String appName, List<ChainDefinition> chains, ChainDefinition chain,
            PermissionLevel permissionLevel, UserInterface ui, JsonNode arbitrary) {
        this(appName, chains, chain, permissionLevel, ui, arbitrary, List.of(), null, Requirements.NONE, List.of(),
                null);
    }

    /** The chosen wallet, or {@code null}. */
    public WalletPlugin walletPlugin() {
        return walletPluginIndex == null ? null : walletPlugins.get(walletPluginIndex);
    }

    /** This context with {@code chain} chosen and its client. */
    public LoginContext withChain(ChainDefinition chain, ChainClient client) {
        return new LoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, uiRequirements, permissionOptions, client);
    }

    /** This context with {@code permissionLevel} chosen. */
    public LoginContext withPermissionLevel(PermissionLevel permissionLevel) {
        return new LoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, uiRequirements, permissionOptions, client);
    }

    /** This context with the wallet at {@code index} chosen. */
    public LoginContext withWalletPluginIndex(Integer index) {
        if (index != null && (index < 0 || index >= walletPlugins.size())) {
            throw new IndexOutOfBoundsException("walletPluginIndex " + index + " is not in 0.."
                    + (walletPlugins.size() - 1));
        }
        return new LoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins, index,
                uiRequirements, permissionOptions, client);
    }

    /** This context with other requirements. */
    public LoginContext withRequirements(Requirements requirements) {
        return new LoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, requirements, permissionOptions, client);
    }

    /** This context with permissions to offer. */
    public LoginContext withPermissionOptions(List<PermissionLevel> options) {
        return new LoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, walletPlugins,
                walletPluginIndex, uiRequirements, options, client);
    }

    @Override
    public String toString() {
        return "LoginContext[app=" + appName + ", chain=" + (chain == null ? null : chain.id()) + ", permission="
                + permissionLevel + ", wallet=" + (walletPlugin() == null ? null : walletPlugin().id())
                + ", requirements=" + uiRequirements + "]";
    }

    /**
     * What the user interface must ask for at login.
     *
     * @param walletSelect pick a wallet
     * @param chainSelect pick a chain
     * @param permissionSelect pick one of {@link #permissionOptions()}
     * @param permissionEntry type an account and permission
     */
    public record Requirements(boolean walletSelect, boolean chainSelect, boolean permissionSelect,
            boolean permissionEntry) {

        /** Nothing to ask. */
        public static final Requirements NONE = new Requirements(false, false, false, false);

        /** Whether anything is to be asked. */
        public boolean any() {
            return walletSelect || chainSelect || permissionSelect || permissionEntry;
        }
    }
}
