package io.antelopekit.wallet.esr;

import io.antelopekit.AntelopeException;

import java.time.Duration;
import java.util.Objects;

/**
 * No wallet callback arrived for a registration within the time given to
 * {@link CallbackReceiver.Pending#await(Duration)}. The registration is removed; a callback that
 * comes later is refused. Transient: a new signing request may still be signed.
 *
 * <pre>{@code
 * pending.await(Duration.ofMinutes(2))
 *         .onErrorResume(CallbackTimeoutException.class, e -> Mono.error(new CancelledException("not signed in time")));
 * }</pre>
 */
public class CallbackTimeoutException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * A timeout of the wait for callback {@code id}.
     *
     * @param id the registration's id
     * @param timeout the time waited
     */
    public CallbackTimeoutException(String id, Duration timeout) {
        super("no wallet callback for request " + Objects.requireNonNull(id, "id") + " arrived within "
                + Objects.requireNonNull(timeout, "timeout").toMillis() + " ms");
        this.timeout = timeout;
    }

    /** The time waited. */
    public Duration timeout() {
        return timeout;
    }

    /** @return {@code true}: the user may sign a new request */
    @Override
    public boolean isTransient() {
        return true;
    }
}
