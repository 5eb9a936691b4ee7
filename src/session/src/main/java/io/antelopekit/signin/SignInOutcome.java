package io.antelopekit.signin;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.esr.IdentityProofException.Reason;
import java.util.List;
import java.util.Objects;

/**
 * How a wallet sign-in ended: {@link #verified verified} (the chain, the account's permission and
 * the authorities granted) or {@link #failed failed} (why). A failure's reason is the name of an
 * {@link Reason} ({@code FORGED}, {@code EXPIRED}, {@code REPLAYED}, ...) when the identity proof
 * was rejected, {@link #REFUSED} when the authentication manager refused a valid proof, or
 * {@link #ERROR} when the service failed (the session could not be stored).
 *
 * <pre>{@code
 * store.complete(id, SignInOutcome.verified(chainId, PermissionLevel.from("alice@active"), List.of("ROLE_USER")));
 * store.complete(id, SignInOutcome.failed(Reason.FORGED));
 * }</pre>
 *
 * @param chainId the chain signed in on; {@code null} when failed
 * @param permission the account's permission; {@code null} when failed
 * @param authorities the names of the authorities granted; empty when failed
 * @param reason why it failed; {@code null} when verified
 */
public record SignInOutcome(Checksum256 chainId, PermissionLevel permission, List<String> authorities,
        String reason) {

    /** The reason of a failure when the authentication manager refused for another reason than the proof. */
    public static final String REFUSED = "REFUSED";

    /**
     * The reason of a refused answer whose {@code req} (the request the wallet says it answered)
     * is not the attempt's request.
     */
    public static final String WRONG_REQUEST = "WRONG_REQUEST";

    /** The reason of a failure of the service itself (storing the session, for instance). */
    public static final String ERROR = "ERROR";

    /** Checks that it is either verified (chain and permission) or failed (a reason). */
    public SignInOutcome {
        authorities = List.copyOf(Objects.requireNonNull(authorities, "authorities"));
        if (reason == null) {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(permission, "permission");
        } else if (reason.isBlank() || chainId != null || permission != null || !authorities.isEmpty()) {
            throw new IllegalArgumentException("a failed SignInOutcome has a reason and no chain, permission or"
                    + " authorities");
        }
    }

    /** Signed in as {@code permission} on {@code chainId} with {@code authorities}. */
    public static SignInOutcome verified(Checksum256 chainId, PermissionLevel permission, List<String> authorities) {
        return new SignInOutcome(chainId, permission, authorities, null);
    }

    /** The identity proof was rejected for {@code reason}. */
    public static SignInOutcome failed(Reason reason) {
        return failed(Objects.requireNonNull(reason, "reason").name());
    }

    /** Refused for {@code reason}. */
    public static SignInOutcome failed(String reason) {
        return new SignInOutcome(null, null, List.of(), Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the proof was accepted. */
    public boolean isVerified() {
        return reason == null;
    }

    @Override
    public String toString() {
        return isVerified() ? "verified " + permission + " on " + chainId + " " + authorities : "failed " + reason;
    }
}
