package io.antelopekit.stream.ship;

/**
 * The node sent a message the state history protocol does not allow there: not its ABI first, a
 * message that does not decode (malformed or truncated), an answer of the wrong kind, or blocks
 * out of order. Not transient: the client does not reconnect for it.
 */
public class ShipProtocolException extends ShipException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, with the endpoint
     * @param cause   the decoding failure, or {@code null}
     */
    public ShipProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
