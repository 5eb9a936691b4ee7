package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.plugin.UserInterface;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a transaction's hooks and wallet know: its chain, client, signer, user interface, the
 * session's ABI cache, the plugins' options, and how the session completes a header.
 *
 * <pre>{@code
 * public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
 *     return c.resolveHeader(t).map(full -> TransactHookResult.sign(full,
 *             List.of(key.signDigest(full.signingDigest(c.chain().id())))));
 * }
 * }</pre>
 */
public final class TransactContext {

    private final ChainDefinition chain;
    private final ChainClient client;
    private final PermissionLevel permissionLevel;
    private final UserInterface ui;
    private final Function<Name, Mono<Abi>> abis;
    private final Map<String, JsonNode> pluginOptions;
    private final Function<Transaction, Mono<Transaction>> header;

    TransactContext(ChainDefinition chain, ChainClient client, PermissionLevel permissionLevel, UserInterface ui,
            Function<Name, Mono<Abi>> abis, Map<String, JsonNode> pluginOptions,
            Function<Transaction, Mono<Transaction>> header) {
        this.chain = chain;
        this.client = client;
        this.permissionLevel = permissionLevel;
        this.ui = ui;
        this.abis = abis;
        this.pluginOptions = pluginOptions;
        this.header = header;
    }

    /**
     * A context outside a session's transact, for wallets' own tests and tools: no UI, no plugin
     * options, ABIs fetched through {@code client} each time, and {@link #resolveHeader} from a
     * {@code get_info} each time with the default expiration.
     */
    public static TransactContext of(ChainDefinition chain, ChainClient client, PermissionLevel permissionLevel) {
        return of(chain, client, permissionLevel, null);
    }

    /**
     * {@link #of(ChainDefinition, ChainClient, PermissionLevel)} with a user interface the wallet
     * may prompt (a signing-request wallet shows its request there), or {@code null} for none.
     */
    public static TransactContext of(ChainDefinition chain, ChainClient client, PermissionLevel permissionLevel,
            UserInterface ui) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(permissionLevel, "permissionLevel");
        return new TransactContext(chain, client, permissionLevel, ui, client::abi, Map.of(),
                t -> HeadCache.headerUnset(t)
                        ? client.getInfo().map(info -> new HeadCache.Head(info, System.nanoTime())
                                .withHeader(t, Session.DEFAULT_EXPIRE_SECONDS))
                        : Mono.just(t));
    }

    /** The chain. */
    public ChainDefinition chain() {
        return chain;
    }

    /** The session's chain client. */
    public ChainClient client() {
        return client;
    }

    /** The session's actor and permission. */
    public PermissionLevel permissionLevel() {
        return permissionLevel;
    }

    /** The user interface, or {@code null}. */
    public UserInterface ui() {
        return ui;
    }

    /** A contract's ABI from the session's cache (fetched once per contract). */
    public Mono<Abi> abi(Name contract) {
        return abis.apply(Objects.requireNonNull(contract, "contract"));
    }

    /**
     * {@code transaction} with its header completed as the session completes it before the wallet
     * signs: TAPoS (reference block: the last irreversible) and expiration from the session's
     * cached head, the transact's expiration time; a transaction whose header is set comes back
     * as it is. A plugin that signs in {@code beforeSign} resolves the header first, since a
     * signature locks the transaction.
     *
     * @param transaction the transaction
     * @return the transaction with its header set
     */
    public Mono<Transaction> resolveHeader(Transaction transaction) {
        return header.apply(Objects.requireNonNull(transaction, "transaction"));
    }

    /** The options given for the plugin {@code pluginId}, or {@code null}. */
    public JsonNode pluginOptions(String pluginId) {
        return pluginOptions.get(pluginId);
    }

    @Override
    public String toString() {
        return "TransactContext[chain=" + chain.id() + ", signer=" + permissionLevel + "]";
    }
}
