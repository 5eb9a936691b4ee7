package io.antelopekit.signin;

import io.antelopekit.test.MutableClock;
import io.antelopekit.test.SignInStoreContract;
import io.antelopekit.test.BlockHoundSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(BlockHoundSupport.class)
class InMemorySignInStoreTest extends SignInStoreContract {

    @Override
    protected SignInStore store() {
        return InMemorySignInStore.create();
    }

    @Test
    void isBoundedAndMakesRoomAsAttemptsAreForgotten() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        InMemorySignInStore store = InMemorySignInStore.create(2, clock);
        SignInAttempt a = attempt(clock.instant().plus(Duration.ofMinutes(5)));
        store.create(a).block(TIMEOUT);
        store.create(attempt(clock.instant().plus(Duration.ofMinutes(5)))).block(TIMEOUT);
        StepVerifier.create(store.create(attempt(clock.instant().plus(Duration.ofMinutes(5)))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("full"))
                .verify(TIMEOUT);
        // still kept a while after expiring, for a browser completing late
        clock.advance(Duration.ofMinutes(5).plus(SignInStore.KEEP_AFTER_EXPIRY));
        assertThat(store.get(a.id()).block(TIMEOUT)).isEqualTo(a);
        clock.advance(Duration.ofSeconds(1));
        StepVerifier.create(store.get(a.id())).expectComplete().verify(TIMEOUT);
        SignInAttempt c = attempt(clock.instant().plus(Duration.ofMinutes(5)));
        SignInAttempt d = attempt(clock.instant().plus(Duration.ofMinutes(5)));
        store.create(c).block(TIMEOUT);
        store.create(d).block(TIMEOUT);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.get(c.id()).block(TIMEOUT)).isEqualTo(c);
    }

    @Test
    void watchersOfAForgottenAttemptEnd() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        InMemorySignInStore store = InMemorySignInStore.create(10, clock);
        SignInAttempt a = attempt(clock.instant().plus(Duration.ofMinutes(5)));
        store.create(a).block(TIMEOUT);
        StepVerifier.create(store.watch(a.id()))
                .expectNext(a)
                .then(() -> {
                    clock.advance(Duration.ofMinutes(5).plus(SignInStore.KEEP_AFTER_EXPIRY).plusSeconds(1));
                    store.get(a.id()).block(TIMEOUT);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void checksItsArguments() {
        assertThatThrownBy(() -> InMemorySignInStore.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEntries 0");
        assertThatThrownBy(() -> new SignInAttempt("x", "o", List.of(), SignInStoreContract.attempt().scope(), "esr:",
                Instant.now(), null)).hasMessageContaining("chain");
        assertThatThrownBy(() -> new SignInOutcome(CHAIN, null, List.of(), "FORGED"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SignInOutcome.failed(io.antelopekit.esr.IdentityProofException.Reason.EXPIRED).reason())
                .isEqualTo("EXPIRED");
        assertThat(InMemorySignInStore.create(3).toString()).isEqualTo("InMemorySignInStore[size=0, maxEntries=3]");
    }
}
