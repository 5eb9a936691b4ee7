package io.antelopekit.plugin;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PublicKey;

import java.util.List;

/**
 * What an account creation knows when the user interface or the {@link AccountCreationPlugin} is
 * called. The session module implements this interface; plugins and user interfaces only read
 * it. Outside a kit, {@code io.antelopekit.session.Contexts.createAccount(...)} makes one.
 */
public interface CreateAccountContext {

    /** The application's name. */
    String appName();

    /** The chains to choose from (those the chosen plugin supports). */
    List<ChainDefinition> chains();

    /** The chain chosen, or {@code null}. */
    ChainDefinition chain();

    /** The kit's chain client of {@link #chain()}, or {@code null}. */
    ChainClient client();

    /** The account name wanted, or {@code null}. */
    Name accountName();

    /** The key wanted for the account, or {@code null}. */
    PublicKey publicKey();

    /** The user interface, or {@code null}. */
    UserInterface ui();

    /** The plugins to choose from. */
    List<AccountCreationPlugin> accountCreationPlugins();

    /** Whether the user interface must pick the plugin. */
    boolean requiresPluginSelect();

    /** Whether the user interface must pick the chain. */
    boolean requiresChainSelect();

    /** This context with {@code chain} chosen and its client. */
    CreateAccountContext withChain(ChainDefinition chain, ChainClient client);
}
