package io.antelopekit.plugin;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code Session.transact} (and what a {@link TransactPlugin}'s {@code afterBroadcast} hook sees).
 *
 * <pre>{@code
 * TransactResult r = ...;
 * System.out.println(r.id() + " in block " + r.response().processed().blockNum());
 * }</pre>
 *
 * <p>{@code request} and {@code resolved} are set only when a {@link SigningRequest} was
 * transacted ({@code Session.transact(SigningRequest)}, {@code TransactArgs.of(SigningRequest)}),
 * and {@code null} otherwise: WharfKit builds a signing request for every transaction, antelopekit
 * builds none for actions and transactions (their {@code transaction} is the whole story).
 *
 * @param chain the chain
 * @param transaction the final transaction, the one signed (and sent)
 * @param id its id
 * @param signatures its signatures, the plugins' first
 * @param signer the session's actor and permission
 * @param revisions for each transact plugin, in order, what it did in {@code beforeSign}
 * @param returns the values the actions returned, in the order of the node's action traces;
 *     empty when not broadcast or when no action returned one
 * @param response the node's answer, or {@code null} when not broadcast
 * @param request the signing request transacted, as given; {@code null} when the transact was not
 *     of a signing request
 * @param resolved {@code request} resolved for {@code signer} with the TAPoS values of the final
 *     transaction (the request's own when it has them); its transaction is {@code transaction}
 *     unless a plugin or the wallet changed it (see {@code revisions}); {@code null} when
 *     {@code request} is
 */
public record TransactResult(ChainDefinition chain, Transaction transaction, Checksum256 id,
        List<Signature> signatures, PermissionLevel signer, List<Revision> revisions, List<ActionReturnValue> returns,
        TransactionResponse response, SigningRequest request, ResolvedSigningRequest resolved) {

    /** Checks and copies the values. */
    public TransactResult {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signer, "signer");
        signatures = List.copyOf(signatures);
        revisions = List.copyOf(revisions);
        returns = returns == null ? List.of() : List.copyOf(returns);
        if (resolved != null && request == null) {
            throw new IllegalArgumentException("resolved is set without its request");
        }
    }

    /** A result of a transact that was not of a signing request: {@code request} and {@code resolved} are null. */
    public TransactResult(ChainDefinition chain, Transaction transaction, Checksum256 id, List<Signature> signatures,
            PermissionLevel signer, List<Revision> revisions, List<ActionReturnValue> returns,
            TransactionResponse response) {
        this(chain, transaction, id, signatures, signer, revisions, returns, response, null, null);
    }

    /** This result with the node's answer and the decoded return values (the session sets them after the broadcast). */
    public TransactResult withResponse(TransactionResponse response, List<ActionReturnValue> returns) {
        return new TransactResult(chain, transaction, id, signatures, signer, revisions, returns, response, request,
                resolved);
    }

    /**
     * What one transact plugin did in {@code beforeSign}, with the transaction before and after,
     * as WharfKit's {@code TransactRevision} records the request before and after each hook
     * (WharfKit also records the original request as a first revision: here it is the first
     * revision's {@code before}).
     *
     * @param pluginId the plugin
     * @param modified whether its change was applied
     * @param signatures how many signatures it added
     * @param allowModify whether a change by it could be applied: modification was allowed and no
     *     signature locked the transaction yet (completing an unset header is applied either way)
     * @param before the transaction the plugin was given
     * @param after the transaction the plugin answered with ({@code before} when it answered none);
     *     the transaction went on as {@code after} when {@code modified}, as {@code before} otherwise
     */
    public record Revision(String pluginId, boolean modified, int signatures, boolean allowModify,
            Transaction before, Transaction after) {

        public Revision {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** The transaction after this revision: {@code after} when applied, {@code before} otherwise. */
        public Transaction result() {
            return modified ? after : before;
        }
    }
}
