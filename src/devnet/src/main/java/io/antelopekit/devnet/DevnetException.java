package io.antelopekit.devnet;

import io.antelopekit.AntelopeException;

/**
 * A devnet that cannot be described or started: a genesis with an invalid or conflicting entry
 * (the message names it and says what is wrong), or a port that cannot be bound.
 */
public class DevnetException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    public DevnetException(String message) {
        super(message);
    }

    public DevnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
