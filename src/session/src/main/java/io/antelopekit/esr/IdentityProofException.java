package io.antelopekit.esr;

import io.antelopekit.AntelopeException;
import java.util.Objects;

/**
 * An {@link IdentityProofVerifier} rejected an identity proof, or could not decide. The
 * {@link #reason()} says why in a form a program can act on (answer 401, retry later, ...);
 * the message says it for people, naming the signer and the value that failed.
 *
 * <pre>{@code
 * verifier.verify(header)
 *         .onErrorResume(IdentityProofException.class, e -> e.reason() == Reason.NODE_ERROR
 *                 ? Mono.error(e)              // 503: try again
 *                 : unauthorized(e.reason())); // 401
 * }</pre>
 */
public class IdentityProofException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    /** Why a proof was rejected. */
    public enum Reason {
        /** The proof's string or bytes do not decode. */
        MALFORMED,
        /** No public key can be recovered from the signature. */
        BAD_SIGNATURE,
        /** The key that signed is not one of the signer's permission (nor of the accounts it links). */
        FORGED,
        /** The key is part of the signer's permission but its weight alone does not reach the threshold. */
        INSUFFICIENT_WEIGHT,
        /** The proof expired (beyond the allowed clock skew). */
        EXPIRED,
        /** The proof expires further in the future than the verifier's maximum lifetime allows. */
        EXPIRATION_TOO_FAR,
        /** The proof is for a chain the verifier does not serve. */
        WRONG_CHAIN,
        /** The proof is for another application (scope). */
        WRONG_SCOPE,
        /** The same proof was already accepted. */
        REPLAYED,
        /** The signer's account does not exist on the chain. */
        UNKNOWN_ACCOUNT,
        /** The signer's account has no permission of the proof's name. */
        UNKNOWN_PERMISSION,
        /** The node (or the replay store) failed; the cause says how. Trying again may help. */
        NODE_ERROR
    }

    private final Reason reason;

    public IdentityProofException(Reason reason, String message) {
        this(reason, message, null);
    }

    public IdentityProofException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    /** Why the proof was rejected. */
    public Reason reason() {
        return reason;
    }

    /**
     * {@code true} for {@link Reason#NODE_ERROR}, unless its cause is an SDK exception that says
     * retrying cannot help.
     */
    @Override
    public boolean isTransient() {
        if (reason != Reason.NODE_ERROR) {
            return false;
        }
        return !(getCause() instanceof AntelopeException a) || a.isTransient();
    }
}
