package io.antelopekit.api;

import java.net.URI;
import java.time.Duration;

/**
 * A node did not connect or answer within the configured time, or a tracked transaction did not
 * reach a final state in time. Transient.
 *
 * <pre>{@code
 * client.getInfo().onErrorResume(ChainTimeoutException.class, e -> fallback());
 * }</pre>
 */
public class ChainTimeoutException extends ChainClientException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    ChainTimeoutException(URI endpoint, String message, Duration timeout, Throwable cause) {
        super(endpoint, message, cause);
        this.timeout = timeout;
    }

    /**
     * The limit that was exceeded.
     *
     * @return the limit, or {@code null} when the transport reported the timeout without it
     */
    public Duration timeout() {
        return timeout;
    }

    /** @return {@code true}: the same request may succeed when tried again */
    @Override
    public boolean isTransient() {
        return true;
    }
}
