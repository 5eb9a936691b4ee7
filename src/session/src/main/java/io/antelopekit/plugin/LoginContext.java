package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.PermissionLevel;

import java.util.List;

/**
 * What a login knows when a wallet, a login plugin or the user interface is called. A
 * {@code SessionKit} login makes a new context at each step (wallet chosen, chain chosen,
 * permission chosen); the {@code with...} methods return such a step and never change this one.
 *
 * <p>The session module implements this interface; wallets, plugins and user interfaces only
 * read it, so a later release can add a method with a default without breaking them. Outside a
 * kit (a wallet's own tests and tools), {@code io.antelopekit.session.Contexts.login(...)} makes
 * one.
 */
public interface LoginContext {

    /** The application's name. */
    String appName();

    /** The chains to choose from. */
    List<ChainDefinition> chains();

    /** The chain chosen so far, or {@code null}. */
    ChainDefinition chain();

    /** The kit's chain client of {@link #chain()}, or {@code null}. */
    ChainClient client();

    /** The permission chosen so far, or {@code null}. */
    PermissionLevel permissionLevel();

    /** The user interface, or {@code null}. */
    UserInterface ui();

    /** Application data passed to the login, or {@code null}. */
    JsonNode arbitrary();

    /** The wallets to choose from (the user interface answers with an index). */
    List<WalletPlugin> walletPlugins();

    /** The index of the wallet chosen so far, or {@code null}. */
    Integer walletPluginIndex();

    /** The chosen wallet, or {@code null}. */
    default WalletPlugin walletPlugin() {
        Integer i = walletPluginIndex();
        return i == null ? null : walletPlugins().get(i);
    }

    /** What the user interface must still ask for. */
    Requirements uiRequirements();

    /**
     * Permissions to offer when {@link Requirements#permissionSelect()}: those the chosen
     * wallet's public key authorizes on the chosen chain ({@code get_accounts_by_authorizers});
     * empty when unknown.
     */
    List<PermissionLevel> permissionOptions();

    /** This context with {@code chain} chosen and its client. */
    LoginContext withChain(ChainDefinition chain, ChainClient client);

    /** This context with {@code permissionLevel} chosen. */
    LoginContext withPermissionLevel(PermissionLevel permissionLevel);

    /** This context with other wallets to choose from (none chosen). */
    LoginContext withWalletPlugins(List<WalletPlugin> walletPlugins);

    /**
     * This context with the wallet at {@code index} chosen.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not one of {@link #walletPlugins()}'
     */
    LoginContext withWalletPluginIndex(Integer index);

    /** This context with other requirements. */
    LoginContext withRequirements(Requirements requirements);

    /** This context with permissions to offer. */
    LoginContext withPermissionOptions(List<PermissionLevel> options);

    /**
     * What the user interface must ask for at login.
     *
     * @param walletSelect pick a wallet
     * @param chainSelect pick a chain
     * @param permissionSelect pick one of {@link #permissionOptions()}
     * @param permissionEntry type an account and permission
     */
    record Requirements(boolean walletSelect, boolean chainSelect, boolean permissionSelect,
            boolean permissionEntry) {

        /** Nothing to ask. */
        public static final Requirements NONE = new Requirements(false, false, false, false);

        /** Whether anything is to be asked. */
        public boolean any() {
            return walletSelect || chainSelect || permissionSelect || permissionEntry;
        }
    }
}
