package io.antelopekit.stream.ship;

/**
 * The WebSocket connection to a state history node failed, timed out, or closed before the
 * stream's end. Transient: {@link ShipClient} reconnects (with backoff, to the next endpoint) and
 * ends with this only once its reconnects are used up.
 */
public class ShipConnectionException extends ShipException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, with the endpoint
     * @param cause   the underlying failure, or {@code null}
     */
    public ShipConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
