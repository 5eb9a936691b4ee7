package io.antelopekit.api;

import io.antelopekit.AntelopeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import reactor.core.Exceptions;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * What to retry and how: the SDK's one transient-error predicate, and a ready
 * {@link Retry} spec built on it.
 *
 * <pre>{@code
 * client.getAccount(name)
 *       .retryWhen(Retries.transientBackoff(3, Duration.ofMillis(200)))   // 200 ms, 400 ms, 800 ms, jittered
 *       .subscribe(account -> ..., error -> ...);                           // the last failure itself
 *
 * flux.onErrorResume(Retries::isTransient, e -> fallback);                  // route on it
 * }</pre>
 *
 * <p><b>Transient</b> means the same operation may succeed if tried again unchanged: a
 * {@link ChainTransportException} (connection refused or reset, TLS, DNS), a
 * {@link ChainTimeoutException}, a {@link ChainApiException} with HTTP status 408, 429, 502, 503
 * or 504, or another 5xx without a chain error code. Not transient: a node's refusal (a chain
 * error such as {@code eosio_assert_message_exception} or {@code tx_duplicate}), a
 * {@link MalformedResponseException}, malformed input, a cancelled prompt. The verdict is each
 * exception's {@link AntelopeException#isTransient()}, so the other modules' exceptions (storage,
 * Redis, wallets' callbacks) answer too.
 *
 * <p>{@link #isTransient(Throwable)} walks the cause chain through wrappers that are not SDK
 * exceptions (Reactor's {@link Exceptions#propagate propagate} wrapper, {@link CompletionException},
 * {@link ExecutionException}, an application's own exception around ours): the first
 * {@link AntelopeException} found decides. With none in the chain the error is not transient,
 * except a {@link java.util.concurrent.TimeoutException} (Reactor's {@code timeout()} operator).
 */
public final class Retries {

    /** How deep {@link #isTransient} looks into causes (a cycle in a chain of causes ends it too). */
    private static final int MAX_DEPTH = 16;

    private Retries() {
    }

    /**
     * Whether retrying {@code error}'s operation unchanged may succeed.
     *
     * @param error a failure, or {@code null} (not transient)
     * @return the verdict of the first {@link AntelopeException} in the cause chain; without one,
     *     {@code true} only for a {@link java.util.concurrent.TimeoutException}
     */
    public static boolean isTransient(Throwable error) {
        Throwable e = error;
        for (int depth = 0; e != null && depth < MAX_DEPTH; depth++) {
            if (e instanceof AntelopeException a) {
                return a.isTransient();
            }
            if (e instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            Throwable cause = e.getCause();
            if (cause == e) {
                break;
            }
            e = cause;
        }
        return false;
    }

    /**
     * Exponential backoff that retries only {@link #isTransient transient} errors: up to
     * {@code maxRetries} retries, waiting {@code minBackoff}, then twice as long each time (jitter
     * 0.5, Reactor's default; the wait is capped at Reactor's default maximum unless
     * {@code maxBackoff} is set), on Reactor's parallel scheduler. A non-transient error passes
     * through at once; when the retries are used up, the last failure itself is signalled (not
     * Reactor's {@code RetryExhaustedException}), so error handlers route on the SDK's exceptions.
     *
     * <p>The spec can be refined ({@code .maxBackoff(...)}, {@code .jitter(...)},
     * {@code .doBeforeRetry(...)}, {@code .scheduler(...)}); a further {@code .filter(...)}
     * replaces the transient filter. The chain client retries its reads this way.
     *
     * @param maxRetries retries after the first try, 0 or more
     * @param minBackoff the first wait, positive or zero
     * @return a new spec
     */
    public static RetryBackoffSpec transientBackoff(long maxRetries, Duration minBackoff) {
        return Retry.backoff(maxRetries, minBackoff)
                .filter(Retries::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }
}
