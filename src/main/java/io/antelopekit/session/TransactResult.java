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
 * @param chain the chain
 * @param transaction the final transaction
 * @param id its id
 * @param signatures its signatures, the plugins' first
 * @param signer the session's actor and permission
 * @param revisions for each transact plugin, in order, whether it changed the transaction
 * @param response the node's answer, or {@code null} when not broadcast
 */
public record TransactResult(ChainDefinition chain, Transaction transaction, Checksum256 id,
        List<Signature> signatures, PermissionLevel signer, List<Revision> revisions, TransactionResponse response) {

    public TransactResult {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(id, "id");
        signatures = List.copyOf(signatures);
        revisions = List.copyOf(revisions);
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
