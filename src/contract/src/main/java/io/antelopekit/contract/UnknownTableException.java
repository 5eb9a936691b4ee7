package io.antelopekit.contract;

/** The contract's ABI declares no table of that name. */
public class UnknownTableException extends ContractException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that says what was wrong and where.
     *
     * @param message the message
     */
    public UnknownTableException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public UnknownTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
