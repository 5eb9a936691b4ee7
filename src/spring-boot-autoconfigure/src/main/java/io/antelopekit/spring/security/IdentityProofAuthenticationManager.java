package io.antelopekit.spring.security;

import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofException;
import io.antelopekit.esr.IdentityProofVerifier;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import reactor.core.publisher.Mono;

/**
 * Authenticates an {@link AntelopeAuthenticationToken} by checking its {@link IdentityProof}
 * with an {@link IdentityProofVerifier} (signature against the account's permission on the chain,
 * scope, expiration, replay). An accepted proof gives an authenticated token of the
 * {@link AntelopePrincipal} with the authorities of the {@link #authorities authorities function}
 * ({@code ROLE_USER} by default); a rejected one an {@link IdentityProofAuthenticationException}
 * with the verifier's reason, which is logged at {@code WARN} (account, chain, reason; never a key
 * or a signature). Other tokens are not this manager's: it answers empty.
 *
 * <pre>{@code
 * IdentityProofAuthenticationManager manager = IdentityProofAuthenticationManager.of(verifier,
 *         who -> who.permissionLevel().actor().equals(Name.from("admin"))
 *                 ? AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")
 *                 : AuthorityUtils.createAuthorityList("ROLE_USER"));
 * }</pre>
 */
public final class IdentityProofAuthenticationManager implements ReactiveAuthenticationManager {

    /** The authorities of every principal by default: {@code ROLE_USER}. */
    public static final List<GrantedAuthority> DEFAULT_AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    private static final Log LOG = LogFactory.getLog(IdentityProofAuthenticationManager.class);

    private final IdentityProofVerifier verifier;
    private final Function<AntelopePrincipal, ? extends Collection<? extends GrantedAuthority>> authorities;

    /** A manager over {@code verifier} granting {@link #DEFAULT_AUTHORITIES}; the same as {@link #of(IdentityProofVerifier)}. */
    public IdentityProofAuthenticationManager(IdentityProofVerifier verifier) {
        this(verifier, p -> DEFAULT_AUTHORITIES);
    }

    /** The same as {@link #of(IdentityProofVerifier, Function)}. */
    public IdentityProofAuthenticationManager(IdentityProofVerifier verifier,
            Function<AntelopePrincipal, ? extends Collection<? extends GrantedAuthority>> authorities) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.authorities = Objects.requireNonNull(authorities, "authorities");
    }

    /** A manager over {@code verifier} granting {@link #DEFAULT_AUTHORITIES}. */
    public static IdentityProofAuthenticationManager of(IdentityProofVerifier verifier) {
        return new IdentityProofAuthenticationManager(verifier);
    }

    /**
     * A manager over {@code verifier} granting what {@code authorities} gives a principal (called
     * on the thread that verified, so it must not block).
     */
    public static IdentityProofAuthenticationManager of(IdentityProofVerifier verifier,
            Function<AntelopePrincipal, ? extends Collection<? extends GrantedAuthority>> authorities) {
        return new IdentityProofAuthenticationManager(verifier, authorities);
    }

    /** The verifier the proofs are checked with. */
    public IdentityProofVerifier verifier() {
        return verifier;
    }

    /** The authorities granted to {@code principal}. */
    public Collection<? extends GrantedAuthority> authorities(AntelopePrincipal principal) {
        Collection<? extends GrantedAuthority> granted = authorities.apply(Objects.requireNonNull(principal, "principal"));
        return granted == null ? List.of() : granted;
    }

    /**
     * Checks the token's proof.
     *
     * @return the authenticated token; empty for a token that is not an
     *     {@link AntelopeAuthenticationToken} with a proof; an
     *     {@link IdentityProofAuthenticationException} when the verifier rejects the proof
     */
    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof AntelopeAuthenticationToken token) || token.getCredentials() == null) {
            return Mono.empty();
        }
        IdentityProof proof = token.getCredentials();
        return verifier.verify(proof)
                .onErrorMap(IdentityProofException.class, e -> {
                    logRejection(proof, e.reason());
                    return IdentityProofAuthenticationException.of(e);
                })
                .map(identity -> {
                    AntelopePrincipal principal = new AntelopePrincipal(identity.chainId(), identity.permission());
                    return AntelopeAuthenticationToken.authenticated(principal, authorities(principal));
                });
    }

    /** Logs a rejected proof: signer, chain and reason only. */
    static void logRejection(IdentityProof proof, IdentityProofException.Reason reason) {
        if (LOG.isWarnEnabled()) {
            LOG.warn("antelopekit: identity proof of " + proof.signer() + " on chain " + proof.chainId()
                    + " rejected: " + reason);
        }
    }

    @Override
    public String toString() {
        return "IdentityProofAuthenticationManager[" + verifier + "]";
    }
}
