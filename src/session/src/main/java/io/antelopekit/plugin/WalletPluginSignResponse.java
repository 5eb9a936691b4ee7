package io.antelopekit.plugin;

import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;

import java.util.List;
import java.util.Objects;

/**
 * A wallet's answer to a signing request.
 *
 * @param signatures the signatures it made
 * @param transaction the transaction it signed when it changed it, else {@code null}
 */
public record WalletPluginSignResponse(List<Signature> signatures, Transaction transaction) {

    public WalletPluginSignResponse {
        signatures = List.copyOf(Objects.requireNonNull(signatures, "signatures"));
    }

    /** Signatures of the transaction as given. */
    public static WalletPluginSignResponse of(List<Signature> signatures) {
        return new WalletPluginSignResponse(signatures, null);
    }
}
