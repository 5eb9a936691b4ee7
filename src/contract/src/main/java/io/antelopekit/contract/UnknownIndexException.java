package io.antelopekit.contract;

/** The table's ABI declares no index of that name or position. */
public class UnknownIndexException extends ContractException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that says what was wrong and where.
     *
     * @param message the message
     */
    public UnknownIndexException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public UnknownIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
