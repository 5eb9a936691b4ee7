package io.antelopekit.esr;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.Transaction;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.util.Objects;

/**
 * Proof that an account logged in: the answer to a version 3 identity request, signed by one of
 * the account's keys. Its string form is the reference's {@code EOSIO <base64>} authorization
 * header.
 *
 * <p>The signature signs the {@link #signingDigest()} of the identity {@link #transaction()}
 * (chain id, scope, expiration, signer). Checking it means {@link #recoverKey()} and asking the
 * chain whether that key satisfies {@link #signer()}'s permission, before {@link #expiration()}.
 *
 * <pre>{@code
 * IdentityProof proof = IdentityProof.from(request.getHeader("Authorization"));
 * PublicKey key = proof.recoverKey();   // then check it against the account's permission
 * }</pre>
 */
public final class IdentityProof {

    private final Checksum256 chainId;
    private final Name scope;
    private final TimePointSec expiration;
    private final PermissionLevel signer;
    private final Signature signature;

    private IdentityProof(Checksum256 chainId, Name scope, TimePointSec expiration, PermissionLevel signer,
            Signature signature) {
        this.chainId = chainId;
        this.scope = scope;
        this.expiration = expiration;
        this.signer = signer;
        this.signature = signature;
    }

    /** A proof of these parts. */
    public static IdentityProof of(Checksum256 chainId, Name scope, TimePointSec expiration, PermissionLevel signer,
            Signature signature) {
        return new IdentityProof(Objects.requireNonNull(chainId, "chainId"), Objects.requireNonNull(scope, "scope"),
                Objects.requireNonNull(expiration, "expiration"), Objects.requireNonNull(signer, "signer"),
                Objects.requireNonNull(signature, "signature"));
    }

    /**
     * Parses {@code EOSIO <base64>}.
     *
     * @throws InvalidSigningRequestException if the string is not such a proof
     */
    public static IdentityProof from(String header) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Reads the binary form (chain id, scope, expiration, signer, signature), every byte used. */
    public static IdentityProof from(byte[] bytes) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Checksum256 chainId() {
        return chainId;
    }

    public Name scope() {
        return scope;
    }

    public TimePointSec expiration() {
        return expiration;
    }

    public PermissionLevel signer() {
        return signer;
    }

    public Signature signature() {
        return signature;
    }

    /** The identity transaction the signature signs. */
    public Transaction transaction() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The digest the signature signs: the identity transaction's signing digest on {@link #chainId()}. */
    public Checksum256 signingDigest() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The public key that made the signature.
     *
     * @throws InvalidSigningRequestException if no key can be recovered
     */
    public PublicKey recoverKey() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The binary form. */
    public byte[] toBytes() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code EOSIO <base64>}: the reference's authorization header form. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityProof p && chainId.equals(p.chainId) && scope.equals(p.scope)
                && expiration.equals(p.expiration) && signer.equals(p.signer) && signature.equals(p.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, scope, expiration, signer, signature);
    }
}
