package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.plugin.WalletPluginSignResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One transaction's progress through the transact steps, and the rules of the hooks' and the
 * wallet's answers: a change is applied only while modification is allowed and no signature
 * locks the transaction (a header completion always is); signatures must be of the transaction
 * as it stands, each by another key; every {@code beforeSign} hook leaves a revision. Used by one
 * subscription, step after step (not thread-safe).
 */
final class TransactState {

    private Transaction transaction;
    private final List<Signature> signatures = new ArrayList<>(2);
    private final List<TransactResult.Revision> revisions = new ArrayList<>(2);
    /** The keys of the hooks' signatures, or null before the first. */
    private Set<PublicKey> pluginKeys;
    /** The signing request transacted, or null. */
    private final ResolvedRequest request;

    TransactState(Transaction transaction) {
        this.transaction = transaction;
        this.request = null;
    }

    TransactState(ResolvedRequest request) {
        this.transaction = request.resolved().transaction();
        this.request = request;
    }

    /** The transaction as it stands. */
    Transaction transaction() {
        return transaction;
    }

    /** The signatures so far: the hooks', then the wallet's. */
    List<Signature> signatures() {
        return List.copyOf(signatures);
    }

    /** The revisions so far, one per {@code beforeSign} hook. */
    List<TransactResult.Revision> revisions() {
        return List.copyOf(revisions);
    }

    /** Whether the transaction's header (TAPoS, expiration) is unset. */
    boolean headerUnset() {
        return HeadCache.headerUnset(transaction);
    }

    /** This state with the transaction given its header (no revision: not a hook's change). */
    TransactState withHeader(Transaction t) {
        transaction = t;
        return this;
    }

    /** A hook that answered nothing: a revision that changed nothing. */
    TransactState unchanged(String pluginId, boolean modify) {
        revisions.add(new TransactResult.Revision(pluginId, false, 0, modifiable(modify), transaction, transaction));
        return this;
    }

    /** Whether a change would be applied now: modification allowed and no signature locks the transaction. */
    boolean modifiable(boolean modify) {
        return modify && signatures.isEmpty();
    }

    /** Whether {@code t} is the current transaction with only its (unset) header completed. */
    private boolean completesHeader(Transaction t) {
        return headerUnset() && !HeadCache.headerUnset(t) && t.withHeader(transaction.header()).equals(transaction);
    }

    /**
     * A {@code beforeSign} answer: a change is applied when modification is allowed (a header
     * completion always is) and refused once a signature locks the transaction; signatures
     * must be of the transaction as it then stands, each recovering to a key, no key twice.
     *
     * @throws SessionException when the answer breaks a rule
     */
    TransactState apply(String pluginId, TransactHookResult r, boolean modify, Checksum256 chainId) {
        boolean modified = false;
        Transaction before = transaction;
        boolean allowModify = modifiable(modify);
        Transaction proposed = r.transaction();
        if (proposed != null && !proposed.equals(transaction)) {
            if (!signatures.isEmpty()) {
                if (modify) {
                    throw new SessionException("transact plugin " + pluginId
                            + " changed a transaction that a signature already locks");
                }
            } else if (modify || completesHeader(proposed)) {
                transaction = proposed;
                modified = true;
            }
        }
        List<Signature> added = r.signatures();
        if (!added.isEmpty()) {
            if (proposed != null && !proposed.equals(transaction)) {
                throw new SessionException("transact plugin " + pluginId + " signed a change that was not applied"
                        + (modify ? "" : " (modification is not allowed)"));
            }
            if (headerUnset()) {
                throw new SessionException("transact plugin " + pluginId + " signed a transaction whose header "
                        + "(TAPoS, expiration) is not set; resolve it first with TransactContext.resolveHeader");
            }
            verify(pluginId, added, chainId);
            signatures.addAll(added);
        }
        revisions.add(new TransactResult.Revision(pluginId, modified, added.size(), allowModify, before,
                proposed != null ? proposed : before));
        return this;
    }

    /** Each signature recovers to a key from the transaction's digest, and no key signs twice. */
    private void verify(String pluginId, List<Signature> added, Checksum256 chainId) {
        Checksum256 digest = transaction.signingDigest(chainId);
        if (pluginKeys == null) {
            pluginKeys = new HashSet<>(4);
        }
        for (int i = 0; i < added.size(); i++) {
            Signature sig = added.get(i);
            PublicKey key;
            try {
                key = sig.recover(digest);
            } catch (RuntimeException x) {
                throw new SessionException("transact plugin " + pluginId + " signature[" + i + "] " + sig
                        + " does not sign the transaction on chain " + chainId + ": " + x.getMessage(), x);
            }
            if (!pluginKeys.add(key)) {
                throw new SessionException("transact plugin " + pluginId + " signature[" + i
                        + "] is a second signature by key " + key + " (a node refuses duplicate signatures)");
            }
        }
    }

    /**
     * The wallet's answer: a change is an error once locked or when modification is not allowed.
     *
     * @throws SessionException when the wallet changed the transaction against the rules
     */
    TransactState walletSigned(WalletPluginSignResponse r, String walletId, boolean modify) {
        if (r.transaction() != null && !r.transaction().equals(transaction)) {
            if (!signatures.isEmpty()) {
                throw new SessionException("wallet " + walletId
                        + " changed a transaction that a plugin's signature already locks");
            }
            if (!modify) {
                throw new SessionException("wallet " + walletId
                        + " changed the transaction, but modification is not allowed");
            }
            transaction = r.transaction();
        }
        signatures.addAll(r.signatures());
        return this;
    }

    /** The transaction with the signatures so far. */
    SignedTransaction signedTransaction() {
        return SignedTransaction.of(transaction, signatures, List.of());
    }

    /** The result before any broadcast: the transaction, its signatures, revisions and signing request. */
    TransactResult result(ChainDefinition chain, PermissionLevel signer, Checksum256 chainId) {
        SigningRequest given = request == null ? null : request.request();
        ResolvedSigningRequest resolved = request == null ? null
                : request.withHeader(transaction.header(), signer, chainId);
        return new TransactResult(chain, transaction, transaction.id(), signatures, signer, revisions, List.of(),
                null, given, resolved);
    }
}
