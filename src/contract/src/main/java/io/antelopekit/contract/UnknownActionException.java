package io.antelopekit.contract;

/** The contract's ABI declares no action of that name (or, for a read-only call, no result type for it). */
public class UnknownActionException extends ContractException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that says what was wrong and where.
     *
     * @param message the message
     */
    public UnknownActionException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public UnknownActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
