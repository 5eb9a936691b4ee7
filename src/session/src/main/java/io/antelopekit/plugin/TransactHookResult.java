package io.antelopekit.plugin;

import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link TransactPlugin#beforeSign} hook answers: a changed transaction (applied only when
 * modification is allowed and no signature locks it) and signatures it adds.
 *
 * @param transaction the changed transaction, or {@code null} for no change
 * @param signatures signatures of the (changed) transaction, verified before use
 */
public record TransactHookResult(Transaction transaction, List<Signature> signatures) {

    public TransactHookResult {
        signatures = List.copyOf(Objects.requireNonNull(signatures, "signatures"));
    }

    /** A changed transaction, no signatures. */
    public static TransactHookResult modify(Transaction transaction) {
        return new TransactHookResult(Objects.requireNonNull(transaction, "transaction"), List.of());
    }

    /** Signatures of the transaction as it stands (they lock it for later hooks and the wallet). */
    public static TransactHookResult sign(Transaction transaction, List<Signature> signatures) {
        return new TransactHookResult(transaction, signatures);
    }
}
