package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.UserInterface;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plugin contexts made outside a kit's login or a session's transact: for a wallet's or a user
 * interface's own tests and tools, and for a plugin that asks another wallet to sign.
 *
 * <pre>{@code
 * TransactContext c = Contexts.transact(chain, client, PermissionLevel.from("alice@active"));
 * wallet.sign(transaction, c).map(WalletPluginSignResponse::signatures)...
 * }</pre>
 */
public final class Contexts {

    private Contexts() {
    }

    /**
     * A login context outside a kit: no wallets to choose from, nothing for the user interface
     * to ask, no client; the {@code with...} methods add them.
     *
     * @param appName the application's name
     * @param chains the chains to choose from
     * @param chain the chain chosen, or {@code null}
     * @param permissionLevel the permission chosen, or {@code null}
     * @param ui the user interface, or {@code null}
     * @param arbitrary application data, or {@code null}
     */
    public static LoginContext login(String appName, List<ChainDefinition> chains, ChainDefinition chain,
            PermissionLevel permissionLevel, UserInterface ui, JsonNode arbitrary) {
        return new DefaultLoginContext(appName, chains, chain, permissionLevel, ui, arbitrary, List.of(), null,
                LoginContext.Requirements.NONE, List.of(), null);
    }

    /**
     * A transact context outside a session: no user interface, no plugin options, modification
     * allowed, ABIs fetched through {@code client} each time, and
     * {@link TransactContext#resolveHeader} from a {@code get_info} each time with the default
     * expiration ({@value Session#DEFAULT_EXPIRE_SECONDS} s).
     */
    public static TransactContext transact(ChainDefinition chain, ChainClient client, PermissionLevel permissionLevel) {
        return transact(chain, client, permissionLevel, null);
    }

    /**
     * {@link #transact(ChainDefinition, ChainClient, PermissionLevel)} with a user interface the
     * wallet may prompt (a signing-request wallet shows its request there), or {@code null} for none.
     */
    public static TransactContext transact(ChainDefinition chain, ChainClient client, PermissionLevel permissionLevel,
            UserInterface ui) {
        Objects.requireNonNull(client, "client");
        return new DefaultTransactContext(chain, client, permissionLevel, ui, true, client::abi, Map.of(),
                t -> HeadCache.headerUnset(t)
                        ? client.getInfo().map(info -> new HeadCache.Head(info, System.nanoTime())
                                .withHeader(t, Session.DEFAULT_EXPIRE_SECONDS))
                        : Mono.just(t));
    }

    /**
     * An account-creation context outside a kit: no chain chosen, no client, no account name
     * or key wanted.
     *
     * @param appName the application's name
     * @param chains the chains to choose from
     * @param plugins the plugins to choose from
     * @param ui the user interface, or {@code null}
     * @param requiresPluginSelect whether the user interface must pick the plugin
     * @param requiresChainSelect whether the user interface must pick the chain
     */
    public static CreateAccountContext createAccount(String appName, List<ChainDefinition> chains,
            List<AccountCreationPlugin> plugins, UserInterface ui, boolean requiresPluginSelect,
            boolean requiresChainSelect) {
        return new DefaultCreateAccountContext(appName, chains, null, null, null, null, ui, plugins,
                requiresPluginSelect, requiresChainSelect);
    }
}
