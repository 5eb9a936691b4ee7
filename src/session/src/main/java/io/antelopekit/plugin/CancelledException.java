package io.antelopekit.plugin;

import io.antelopekit.AntelopeException;

/**
 * The user (or the application on the user's behalf) cancelled an operation: a login selection,
 * a prompt, a wallet's signature request. A login or transact that ends this way fails with this
 * exception, unchanged, so callers can tell a cancel from a failure.
 */
public class CancelledException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    /** A cancel with a reason shown to the user or logged. */
    public CancelledException(String message) {
        super(message);
    }

    /** A cancel with a reason and its cause. */
    public CancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
