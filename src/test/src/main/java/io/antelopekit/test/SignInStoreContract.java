package io.antelopekit.test;

import io.antelopekit.signin.SignInStore;
import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.signin.SignInOutcome;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.esr.IdentityProofException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SignInStore} does, as tests a store's own test class inherits (the
 * in-memory and the Redis stores run them):
 *
 * <pre>{@code
 * class MySignInStoreTest extends SignInStoreContract {
 *     protected SignInStore store() { return new MySignInStore(...); }
 * }
 * }</pre>
 */
public abstract class SignInStoreContract {

    protected static final Duration TIMEOUT = Duration.ofSeconds(30);
    protected static final Checksum256 CHAIN =
            Checksum256.from("8a34ec7df1b8cd06ff4a8abbaa7cc50300823350cadc59ab296cb00d104d2b8f");
    protected static final Checksum256 OTHER =
            Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");

    /** The store under test (a new one per test, or one whose ids never collide). */
    protected abstract SignInStore store();

    /** A pending attempt on two chains, expiring in five minutes, with new random ids. */
    public static SignInAttempt attempt() {
        return attempt(Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A pending attempt on two chains, expiring at {@code expiresAt}, with new random ids. */
    public static SignInAttempt attempt(Instant expiresAt) {
        return new SignInAttempt(randomId(), randomId(), List.of(CHAIN, OTHER),
                Name.from("testapp"), "esr:gmNgZGBY1mTC_MoglIGBIVzX5uxZRkYGCGC", expiresAt.truncatedTo(ChronoUnit.MILLIS),
                null);
    }

    protected static final SignInOutcome VERIFIED = SignInOutcome.verified(CHAIN, PermissionLevel.from("alice@active"),
            List.of("ROLE_USER", "ROLE_ADMIN"));

    @Test
    public void keepsAnAttemptAsItWasCreated() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        StepVerifier.create(store.create(a).then(store.get(a.id()))).expectNext(a).expectComplete().verify(TIMEOUT);
    }

    @Test
    public void knowsNothingOfAnUnknownId() {
        SignInStore store = store();
        String id = randomId();
        StepVerifier.create(store.get(id)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.complete(id, VERIFIED)).expectNext(false).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.consume(id)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.watch(id)).expectComplete().verify(TIMEOUT);
    }

    @Test
    public void refusesToCreateAnIdTwice() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        Await.done(store.create(a), TIMEOUT);
        StepVerifier.create(store.create(a)).expectError(IllegalArgumentException.class).verify(TIMEOUT);
    }

    @Test
    public void completesOnceAndKeepsTheOutcome() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        Await.done(store.create(a), TIMEOUT);
        StepVerifier.create(store.complete(a.id(), VERIFIED)).expectNext(true).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.complete(a.id(), SignInOutcome.failed(Reason.FORGED))).expectNext(false)
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.get(a.id())).expectNext(a.withOutcome(VERIFIED)).expectComplete().verify(TIMEOUT);
    }

    @Test
    public void ofConcurrentCompletionsExactlyOneWins() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        Await.done(store.create(a), TIMEOUT);
        AtomicInteger wins = new AtomicInteger();
        Mono<Void> completions = Flux.range(0, 16).parallel(8).runOn(Schedulers.parallel())
                .flatMap(i -> store.complete(a.id(), i % 2 == 0 ? VERIFIED : SignInOutcome.failed("R" + i)))
                .sequential()
                .doOnNext(won -> {
                    if (won) {
                        wins.incrementAndGet();
                    }
                })
                .then();
        Await.done(completions, TIMEOUT);
        assertThat(wins).hasValue(1);
        assertThat(Await.result(store.get(a.id()), TIMEOUT).outcome()).isNotNull();
    }

    @Test
    public void consumesAnOutcomeOnceAndNeverAPendingAttempt() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        Await.done(store.create(a), TIMEOUT);
        StepVerifier.create(store.consume(a.id())).expectComplete().verify(TIMEOUT);
        assertThat(Await.result(store.get(a.id()), TIMEOUT)).isEqualTo(a);
        SignInOutcome failed = SignInOutcome.failed(Reason.REPLAYED);
        Await.done(store.complete(a.id(), failed), TIMEOUT);
        StepVerifier.create(store.consume(a.id())).expectNext(a.withOutcome(failed)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.consume(a.id())).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.get(a.id())).expectComplete().verify(TIMEOUT);
        StepVerifier.create(store.complete(a.id(), VERIFIED)).expectNext(false).expectComplete().verify(TIMEOUT);
    }

    @Test
    public void watchShowsThePendingAttemptThenItsOutcomeAndEnds() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        Await.done(store.create(a), TIMEOUT);
        StepVerifier.create(store.watch(a.id()))
                .expectNext(a)
                .then(() -> store.complete(a.id(), VERIFIED).subscribe())
                .expectNext(a.withOutcome(VERIFIED))
                .expectComplete()
                .verify(TIMEOUT);
        // watching a finished attempt gives its outcome at once
        StepVerifier.create(store.watch(a.id())).expectNext(a.withOutcome(VERIFIED)).expectComplete().verify(TIMEOUT);
    }

    @Test
    public void nothingHappensBeforeSubscription() {
        SignInStore store = store();
        SignInAttempt a = attempt();
        store.create(a);
        store.complete(a.id(), VERIFIED);
        StepVerifier.create(store.get(a.id())).expectComplete().verify(TIMEOUT);
    }

    /** A random id (16 bytes, base64url), as the sign-in's ids and owner hashes are. */
    private static String randomId() {
        byte[] b = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
