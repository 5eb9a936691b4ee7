package io.antelopekit.spring.security;

import io.antelopekit.esr.IdentityProof;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A sign-in with an Antelope wallet as Spring Security sees it. Before authentication it holds
 * the wallet's {@link IdentityProof} as its credentials
 * ({@link #unauthenticated(IdentityProof)}); an {@link IdentityProofAuthenticationManager} checks
 * the proof and answers an {@link #authenticated authenticated} token whose principal is the
 * {@link AntelopePrincipal} and whose credentials are gone.
 *
 * <pre>{@code
 * Mono<Authentication> auth = manager.authenticate(AntelopeAuthenticationToken.unauthenticated(proof));
 * }</pre>
 *
 * <p>Serializable: the proof is not part of the serial form (an unauthenticated token read back
 * has no credentials), the principal's is text. {@link #toString()} never shows the signature.
 */
public final class AntelopeAuthenticationToken extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Set after authentication. */
    private final AntelopePrincipal principal;
    /** The proof before authentication; not serialized. */
    private transient IdentityProof proof;

    private AntelopeAuthenticationToken(IdentityProof proof, AntelopePrincipal principal,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.proof = proof;
        this.principal = principal;
    }

    /** A token to authenticate: the wallet's proof, not checked yet. */
    public static AntelopeAuthenticationToken unauthenticated(IdentityProof proof) {
        AntelopeAuthenticationToken t = new AntelopeAuthenticationToken(Objects.requireNonNull(proof, "proof"), null,
                List.of());
        t.setAuthenticated(false);
        return t;
    }

    /** An authenticated token of {@code principal} with {@code authorities}, without credentials. */
    public static AntelopeAuthenticationToken authenticated(AntelopePrincipal principal,
            Collection<? extends GrantedAuthority> authorities) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(authorities, "authorities");
        AntelopeAuthenticationToken t = new AntelopeAuthenticationToken(null, principal, authorities);
        t.setAuthenticated(true);
        return t;
    }

    /** The proof to check; {@code null} once authenticated (erased). */
    @Override
    public IdentityProof getCredentials() {
        return proof;
    }

    /**
     * The {@link AntelopePrincipal} once authenticated; before, the proof's signer as an
     * {@link AntelopePrincipal} of the proof's chain (not verified).
     */
    @Override
    public AntelopePrincipal getPrincipal() {
        if (principal != null) {
            return principal;
        }
        return proof == null ? null : new AntelopePrincipal(proof.chainId(), proof.signer());
    }

    /** The principal's {@code actor@permission}, or {@code ""} when there is none. */
    @Override
    public String getName() {
        AntelopePrincipal p = getPrincipal();
        return p == null ? "" : p.getName();
    }

    /** Only {@code false} may be set: authenticated tokens come from {@link #authenticated}. */
    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated && principal == null) {
            throw new IllegalArgumentException("an AntelopeAuthenticationToken is authenticated only by"
                    + " AntelopeAuthenticationToken.authenticated(principal, authorities)");
        }
        super.setAuthenticated(authenticated);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        proof = null;
    }

    /** Principal, authenticated flag and authorities; of a proof only its signer, chain and expiration. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("AntelopeAuthenticationToken[");
        if (principal != null) {
            s.append("principal=").append(principal);
        } else if (proof != null) {
            s.append("proof of ").append(proof.signer()).append(" on ").append(proof.chainId())
                    .append(" expiring ").append(proof.expiration());
        }
        return s.append(", authenticated=").append(isAuthenticated())
                .append(", authorities=").append(getAuthorities()).append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AntelopeAuthenticationToken t && super.equals(o) && Objects.equals(principal, t.principal)
                && Objects.equals(proof, t.proof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), principal, proof);
    }
}
