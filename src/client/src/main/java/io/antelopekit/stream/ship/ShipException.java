package io.antelopekit.stream.ship;

import io.antelopekit.AntelopeException;

/**
 * Root of a {@link ShipClient}'s failures: {@link ShipProtocolException} (the node sent what the
 * protocol does not allow; never transient) and {@link ShipConnectionException} (the connection
 * failed or closed; transient).
 */
public class ShipException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, with the endpoint
     * @param cause   the underlying failure, or {@code null}
     */
    public ShipException(String message, Throwable cause) {
        super(message, cause);
    }
}
