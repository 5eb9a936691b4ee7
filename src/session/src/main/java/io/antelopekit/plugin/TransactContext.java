package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import reactor.core.publisher.Mono;

/**
 * What a transaction's hooks and wallet know: its chain, client, signer, user interface, the
 * session's ABI cache, the plugins' options, whether a change would be applied, and how the
 * session completes a header.
 *
 * <pre>{@code
 * public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
 *     return c.resolveHeader(t).map(full -> TransactHookResult.sign(full,
 *             List.of(key.signDigest(full.signingDigest(c.chain().id())))));
 * }
 * }</pre>
 *
 * <p>The session module implements this interface; plugins and wallets only read it. Outside a
 * session's transact (a wallet's own tests and tools), {@code io.antelopekit.session.Contexts.transact(...)}
 * makes one.
 */
public interface TransactContext {

    /** The chain. */
    ChainDefinition chain();

    /** The session's chain client. */
    ChainClient client();

    /** The session's actor and permission. */
    PermissionLevel permissionLevel();

    /** The user interface, or {@code null}. */
    UserInterface ui();

    /**
     * Whether a change this hook (or the wallet) makes to the transaction would be applied now:
     * the transact allows modification ({@code allowModify}, true unless the kit, the session or
     * the call says otherwise) and no signature locks the transaction yet. A
     * {@link TransactPlugin#beforeSign} hook that wants to add an action checks it first; when it
     * is false, a changed transaction in its answer is ignored (and recorded as not applied in
     * the result's revisions), and a wallet that changes the transaction fails the transact.
     */
    boolean allowModify();

    /** A contract's ABI from the session's cache (fetched once per contract). */
    Mono<Abi> abi(Name contract);

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
    Mono<Transaction> resolveHeader(Transaction transaction);

    /** The options given for the plugin {@code pluginId}, or {@code null}. */
    JsonNode pluginOptions(String pluginId);
}
