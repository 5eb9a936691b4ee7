package io.antelopekit.session;

import io.antelopekit.AntelopeException;

/** A session operation failed for a reason of the session itself (a plugin or wallet broke a rule). */
public class SessionException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
