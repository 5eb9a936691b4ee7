package io.antelopekit.spring.security;

import io.antelopekit.esr.IdentityProofException;
import io.antelopekit.esr.IdentityProofException.Reason;
import java.io.Serial;
import java.util.Objects;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * An identity proof was rejected: the {@link #reason()} says why ({@link Reason#FORGED},
 * {@link Reason#EXPIRED}, {@link Reason#REPLAYED}, ...), as {@link IdentityProofException} does.
 *
 * <pre>{@code
 * .onErrorResume(IdentityProofAuthenticationException.class,
 *         e -> ServerResponse.status(401).bodyValue(e.reason().name()))
 * }</pre>
 */
public class IdentityProofAuthenticationException extends BadCredentialsException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /** A rejection for {@code reason}. */
    public IdentityProofAuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A rejection for {@code reason}, caused by {@code cause}. */
    public IdentityProofAuthenticationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The verifier's rejection, with its reason and message. */
    public static IdentityProofAuthenticationException of(IdentityProofException e) {
        return new IdentityProofAuthenticationException(e.reason(), e.getMessage(), e);
    }

    /** Why the proof was rejected. */
    public Reason reason() {
        return reason;
    }
}
