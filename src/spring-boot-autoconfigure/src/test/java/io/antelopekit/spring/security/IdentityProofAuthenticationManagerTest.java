package io.antelopekit.spring.security;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofException.Reason;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.test.BlockHoundSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IdentityProofAuthenticationManager} against the devnet, and the principal and token it
 * makes: what they show, what they serialize to.
 */
@ExtendWith(BlockHoundSupport.class)
class IdentityProofAuthenticationManagerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Name SCOPE = Name.from("testapp");
    static final PermissionLevel ALICE = PermissionLevel.from("alice@active");

    static Devnet devnet;
    static ChainClient client;
    static IdentityProofVerifier verifier;
    static LogCapture log;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    @BeforeAll
    static void start() {
        log = new LogCapture();
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        verifier = IdentityProofVerifier.builder().chain(devnet.chainId(), client).scope(SCOPE).build();
    }

    @AfterAll
    static void stop() {
        client.dispose();
        log.close();
    }

    static IdentityProof proof(PrivateKey key, PermissionLevel signer, Name scope, Instant expiration) {
        TimePointSec ex = TimePointSec.fromInstant(expiration);
        Signature placeholder = key.signDigest(Checksum256.ZERO);
        Checksum256 digest = IdentityProof.of(devnet.chainId(), scope, ex, signer, placeholder).signingDigest();
        return IdentityProof.of(devnet.chainId(), scope, ex, signer, key.signDigest(digest));
    }

    /**
     * A proof of its own: a proof signs only its expiration, in whole seconds, and the verifier
     * (shared by the tests) refuses a second one of the same second as a replay.
     */
    static IdentityProof aliceProof() {
        return proof(DevAccount.of("alice").privateKey(), ALICE, SCOPE, uniqueExpiration());
    }

    static final java.util.concurrent.atomic.AtomicLong NEXT_SECOND = new java.util.concurrent.atomic.AtomicLong(60);

    static Instant uniqueExpiration() {
        return Instant.now().plusSeconds(NEXT_SECOND.getAndIncrement());
    }

    @Test
    void aValidProofAuthenticatesItsSignerWithTheAuthoritiesGranted() {
        IdentityProofAuthenticationManager manager = IdentityProofAuthenticationManager.of(verifier,
                who -> who.permissionLevel().actor().equals(Name.from("alice"))
                        ? AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")
                        : AuthorityUtils.createAuthorityList("ROLE_USER"));
        StepVerifier.create(manager.authenticate(AntelopeAuthenticationToken.unauthenticated(aliceProof())))
                .assertNext(auth -> {
                    assertThat(auth).isInstanceOf(AntelopeAuthenticationToken.class);
                    assertThat(auth.isAuthenticated()).isTrue();
                    assertThat(auth.getPrincipal()).isEqualTo(new AntelopePrincipal(devnet.chainId(), ALICE));
                    assertThat(auth.getName()).isEqualTo("alice@active");
                    assertThat(auth.getCredentials()).isNull();
                    assertThat(AuthorityUtils.authorityListToSet(auth.getAuthorities()))
                            .containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theDefaultAuthorityIsRoleUser() {
        StepVerifier.create(new IdentityProofAuthenticationManager(verifier)
                        .authenticate(AntelopeAuthenticationToken.unauthenticated(aliceProof())))
                .assertNext(auth -> assertThat(AuthorityUtils.authorityListToSet(auth.getAuthorities()))
                        .containsExactly("ROLE_USER"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aRejectedProofIsBadCredentialsWithTheReasonAndIsLogged() {
        IdentityProofAuthenticationManager manager = IdentityProofAuthenticationManager.of(verifier);
        IdentityProof forged = proof(DevAccount.of("bob").privateKey(), ALICE, SCOPE, Instant.now().plusSeconds(60));
        StepVerifier.create(manager.authenticate(AntelopeAuthenticationToken.unauthenticated(forged)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(IdentityProofAuthenticationException.class);
                    assertThat(((IdentityProofAuthenticationException) e).reason()).isEqualTo(Reason.FORGED);
                    assertThat(e.getCause()).isInstanceOf(io.antelopekit.esr.IdentityProofException.class);
                })
                .verify(TIMEOUT);
        IdentityProof otherScope = proof(DevAccount.of("alice").privateKey(), ALICE, Name.from("otherapp"),
                Instant.now().plusSeconds(60));
        StepVerifier.create(manager.authenticate(AntelopeAuthenticationToken.unauthenticated(otherScope)))
                .expectErrorSatisfies(e -> assertThat(((IdentityProofAuthenticationException) e).reason())
                        .isEqualTo(Reason.WRONG_SCOPE))
                .verify(TIMEOUT);
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m)
                .isEqualTo("antelopekit: identity proof of alice@active on chain " + devnet.chainId()
                        + " rejected: FORGED"));
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).endsWith("rejected: WRONG_SCOPE"));
        assertThat(log.warnings()).noneSatisfy(m -> assertThat(m).contains(forged.signature().toString()));
    }

    @Test
    void tokensItDoesNotKnowAreNotItsBusiness() {
        IdentityProofAuthenticationManager manager = IdentityProofAuthenticationManager.of(verifier);
        StepVerifier.create(manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("u", "p")))
                .expectComplete().verify(TIMEOUT);
        AntelopeAuthenticationToken erased = AntelopeAuthenticationToken.unauthenticated(aliceProof());
        erased.eraseCredentials();
        StepVerifier.create(manager.authenticate(erased)).expectComplete().verify(TIMEOUT);
        assertThat(manager.toString()).startsWith("IdentityProofAuthenticationManager[IdentityProofVerifier[scope=testapp");
    }

    @Test
    void anUnauthenticatedTokenHoldsTheProofAndNeverShowsItsSignature() {
        IdentityProof proof = aliceProof();
        AntelopeAuthenticationToken token = AntelopeAuthenticationToken.unauthenticated(proof);
        assertThat(token.isAuthenticated()).isFalse();
        assertThat(token.getCredentials()).isSameAs(proof);
        assertThat(token.getName()).isEqualTo("alice@active");
        assertThat(token.toString()).contains("alice@active").contains(devnet.chainId().toString())
                .doesNotContain(proof.signature().toString()).doesNotContain(proof.toString().substring(6, 30));
        assertThatThrownBy(() -> token.setAuthenticated(true)).isInstanceOf(IllegalArgumentException.class);
        token.eraseCredentials();
        assertThat(token.getCredentials()).isNull();
    }

    @Test
    void principalsAndAuthenticatedTokensSerializeAsText() throws Exception {
        AntelopePrincipal principal = new AntelopePrincipal(devnet.chainId(), ALICE);
        assertThat(principal.getName()).isEqualTo("alice@active");
        assertThat(principal.toString()).isEqualTo("alice@active on " + devnet.chainId());
        AntelopeAuthenticationToken token = AntelopeAuthenticationToken.authenticated(principal,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
        Object back = roundTrip(token);
        assertThat(back).isEqualTo(token);
        assertThat(((Authentication) back).getPrincipal()).isEqualTo(principal);
        assertThat(((Authentication) back).isAuthenticated()).isTrue();
        assertThat(roundTrip(principal)).isEqualTo(principal);
        // an unauthenticated token travels without its proof
        AntelopeAuthenticationToken pending = AntelopeAuthenticationToken.unauthenticated(aliceProof());
        AntelopeAuthenticationToken pendingBack = (AntelopeAuthenticationToken) roundTrip(pending);
        assertThat(pendingBack.getCredentials()).isNull();
        assertThat(pendingBack.isAuthenticated()).isFalse();
    }

    static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
