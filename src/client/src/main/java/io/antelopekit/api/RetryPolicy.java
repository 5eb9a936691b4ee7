package io.antelopekit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ChainClient} retries a request after a transient failure (a transport error, a
 * timeout, or a transient {@link ChainApiException}): at most {@code maxRetries} more tries,
 * waiting {@code firstBackoff}, then twice as long each time up to {@code maxBackoff}, each wait
 * shortened by a random part of up to {@code jitter} (0 to 1). With several endpoints, each
 * retry goes to the next one.
 *
 * <pre>{@code
 * ChainClient.builder().endpoint(url).readRetry(RetryPolicy.backoff(5, Duration.ofMillis(50), Duration.ofSeconds(1)));
 * }</pre>
 *
 * @param maxRetries tries after the first, 0 for none
 * @param firstBackoff wait before the first retry
 * @param maxBackoff longest wait
 * @param jitter random share of each wait, 0 to 1
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff, double jitter) {

    /** Default for reads: 3 retries, 100 ms doubling to 2 s, jitter 0.5. */
    public static final RetryPolicy DEFAULT_READ = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 0.5);
    /** Default for broadcasts: 2 retries, 250 ms doubling to 2 s, jitter 0.5. */
    public static final RetryPolicy DEFAULT_BROADCAST =
            new RetryPolicy(2, Duration.ofMillis(250), Duration.ofSeconds(2), 0.5);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is negative, or jitter is above 1
     */
    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must be >= 0, got " + firstBackoff);
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is less than firstBackoff " + firstBackoff);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /**
     * No retry: the first failure is the result.
     *
     * @return a policy with zero retries
     */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * Exponential back-off with jitter 0.5.
     *
     * @param maxRetries tries after the first
     * @param firstBackoff wait before the first retry
     * @param maxBackoff longest wait
     * @return the policy
     */
    public static RetryPolicy backoff(int maxRetries, Duration firstBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, 0.5);
    }

    /**
     * The same policy with another jitter.
     *
     * @param jitter random share of each wait, 0 to 1
     * @return the new policy
     */
    public RetryPolicy withJitter(double jitter) {
        return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter);
    }
}
