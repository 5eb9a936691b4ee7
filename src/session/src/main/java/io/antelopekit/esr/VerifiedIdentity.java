package io.antelopekit.esr;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PublicKey;
import java.util.Objects;

/**
 * Who an accepted identity proof says logged in: an account's permission on a chain, the key
 * that signed, and until when the proof was valid.
 *
 * <pre>{@code
 * Mono<Name> account = verifier.verify(header).map(id -> id.permission().actor());
 * }</pre>
 *
 * @param chainId the chain the account is on
 * @param permission the account and permission the key satisfies
 * @param publicKey the key that signed the proof
 * @param expiration the proof's expiration
 */
public record VerifiedIdentity(Checksum256 chainId, PermissionLevel permission, PublicKey publicKey,
        TimePointSec expiration) {

    /** Checks that no part is null. */
    public VerifiedIdentity {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(expiration, "expiration");
    }
}
