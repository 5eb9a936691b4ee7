package io.antelopekit.session;

import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.Transaction;
import io.antelopekit.crypto.Signature;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Session#transact}.
 *
 * <pre>{@code
 * TransactResult r = ...;
 * System.out.println(r.id() + " in block " + r.response().processed().blockNum());
 * }</pre>
 *
 * @param chain the chain
 * @param transaction the final transaction
 * @param id its id
 * @param signatures its signatures, the plugins' first
 * @param signer the session's actor and permission
 * @param revisions for each transact plugin, in order, what it did in {@code beforeSign}
 * @param returns the values the actions returned, in the order of the node's action traces;
 *     empty when not broadcast or when no action returned one
 * @param response the node's answer, or {@code null} when not broadcast
 */
public record TransactResult(ChainDefinition chain, Transaction transaction, Checksum256 id,
        List<Signature> signatures, PermissionLevel signer, List<Revision> revisions, List<ActionReturnValue> returns,
        TransactionResponse response) {

    /** Checks and copies the values. */
    public TransactResult {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signer, "signer");
        signatures = List.copyOf(signatures);
        revisions = List.copyOf(revisions);
        returns = returns == null ? List.of() : List.copyOf(returns);
    }

    /** This result with the node's answer and the decoded return values. */
    TransactResult withResponse(TransactionResponse response, List<ActionReturnValue> returns) {
        return new TransactResult(chain, transaction, id, signatures, signer, revisions, returns, response);
    }

    /**
     * What one transact plugin did in {@code beforeSign}.
     *
     * @param pluginId the plugin
     * @param modified whether its change was applied
     * @param signatures how many signatures it added
     */
    public record Revision(String pluginId, boolean modified, int signatures) {
    }
}
