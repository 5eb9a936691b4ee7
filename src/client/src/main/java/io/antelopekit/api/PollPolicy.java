package io.antelopekit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ChainClient#trackTransaction} polls {@code get_transaction_status}: first after
 * {@code interval}, then, while the state stays the same, each wait {@code multiplier} times
 * the last, up to {@code maxInterval}; back to {@code interval} after a change. Tracking fails
 * with a {@link ChainTimeoutException} when no final state is reached within {@code timeout}.
 *
 * <pre>{@code
 * ChainClient.builder().endpoint(url).statusPolling(new PollPolicy(Duration.ofMillis(250), Duration.ofSeconds(3), 2.0, Duration.ofMinutes(5)));
 * }</pre>
 *
 * @param interval first wait, and the wait after each state change
 * @param maxInterval longest wait
 * @param multiplier growth of the wait while nothing changes, at least 1
 * @param timeout longest time to wait for a final state
 */
public record PollPolicy(Duration interval, Duration maxInterval, double multiplier, Duration timeout) {

    /** Default: every 500 ms, growing 1.5 times up to 5 s, for at most 5 minutes. */
    public static final PollPolicy DEFAULT =
            new PollPolicy(Duration.ofMillis(500), Duration.ofSeconds(5), 1.5, Duration.ofMinutes(5));

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a duration is not positive, maxInterval is less than
     *         interval, or multiplier is below 1
     */
    public PollPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (maxInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("maxInterval " + maxInterval + " is less than interval " + interval);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /**
     * The wait after {@code previous} when nothing changed.
     *
     * @param previous the last wait
     * @return the next wait, capped at {@code maxInterval}
     */
    Duration next(Duration previous) {
        double nanos = previous.toNanos() * multiplier;
        return nanos >= maxInterval.toNanos() ? maxInterval : Duration.ofNanos((long) nanos);
    }
}
