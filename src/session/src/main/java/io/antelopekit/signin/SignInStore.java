package io.antelopekit.signin;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the Spring Security integration ({@code io.antelopekit.spring.security.WalletSignIn}) keeps its {@link SignInAttempt}s. Behind a load balancer every
 * instance of the service shares one store ({@code io.antelopekit.redis.RedisSignInStore}): the wallet's callback may
 * reach another instance than the one the browser watches. {@link InMemorySignInStore} serves one
 * instance. Every operation is cold and non-blocking.
 *
 * <pre>{@code
 * store.create(attempt)
 *      .then(store.complete(attempt.id(), SignInOutcome.failed(Reason.FORGED)))   // true: first outcome
 *      .subscribe();
 * }</pre>
 */
public interface SignInStore {

    /**
     * How long a store keeps an attempt after its {@link SignInAttempt#expiresAt()}: 2 minutes,
     * for the browser to complete an attempt verified just before it expired.
     */
    Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(2);

    /**
     * Keeps a new, pending attempt until {@link #KEEP_AFTER_EXPIRY} after its
     * {@link SignInAttempt#expiresAt()}.
     *
     * @return completes once stored; an error if the store failed (an
     *     {@link IllegalStateException} when an in-memory store is full)
     */
    Mono<Void> create(SignInAttempt attempt);

    /** The attempt, with its outcome if it has one; empty when unknown, removed or forgotten. */
    Mono<SignInAttempt> get(String id);

    /**
     * Sets the outcome of a pending attempt, in one atomic step: of two concurrent calls, at most
     * one succeeds.
     *
     * @return {@code true} if the attempt was pending and now has {@code outcome}; {@code false}
     *     if it is unknown or already had an outcome
     */
    Mono<Boolean> complete(String id, SignInOutcome outcome);

    /**
     * Removes an attempt that has an outcome, in one atomic step, and gives it: the browser's
     * completion uses the outcome once.
     *
     * @return the attempt as it was; empty when unknown, pending, or already consumed
     */
    Mono<SignInAttempt> consume(String id);

    /**
     * The attempt's states: the current one at once, then each change, completing after the first
     * state with an outcome, or when the attempt is gone (consumed or forgotten). A store shared
     * by several instances may poll.
     */
    Flux<SignInAttempt> watch(String id);
}
