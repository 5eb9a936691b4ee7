package io.antelopekit.esr;

import io.antelopekit.chain.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.Transaction;
import io.antelopekit.crypto.Signature;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SigningRequest} resolved for a signer: the transaction to sign (placeholders replaced,
 * TAPoS values filled in), the chain it is for, its signing digest and id, and, once signed, the
 * callback to send.
 *
 * <pre>{@code
 * ResolvedSigningRequest resolved = request.resolve(abis, signer, ctx);
 * Signature sig = key.signDigest(resolved.signingDigest());
 * Optional<ResolvedCallback> cb = resolved.callback(List.of(sig), null);
 * }</pre>
 */
public final class ResolvedSigningRequest {

    private ResolvedSigningRequest() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The request that was resolved. */
    public SigningRequest request() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The signer it was resolved for. */
    public PermissionLevel signer() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The chain the transaction is for (the chosen one, for a multi-chain request). */
    public Checksum256 chainId() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The resolved transaction, action data encoded. */
    public Transaction transaction() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The resolved actions (the transaction's actions), each knowing its contract's ABI so that
     * {@link Action#decodedData()} gives the data with placeholders replaced.
     */
    public List<Action> resolvedActions() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The packed transaction (a new array). */
    public byte[] serializedTransaction() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The digest to sign: SHA-256 of chain id, packed transaction and 32 zero bytes. */
    public Checksum256 signingDigest() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The bytes whose SHA-256 is {@link #signingDigest()}. */
    public byte[] signingData() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The transaction id. */
    public Checksum256 transactionId() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The callback to send once signed, or empty when the request has none.
     *
     * @param signatures the signatures, at least one
     * @param blockNum the block the transaction landed in, when broadcast (null or 0 for none)
     * @throws IllegalArgumentException if the request has a callback and {@code signatures} is empty
     */
    public Optional<ResolvedCallback> callback(List<Signature> signatures, Long blockNum) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The identity proof of a version 3 identity request signed with {@code signature}.
     *
     * @throws IllegalStateException if this is not a version 3 identity request
     */
    public IdentityProof identityProof(Signature signature) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
