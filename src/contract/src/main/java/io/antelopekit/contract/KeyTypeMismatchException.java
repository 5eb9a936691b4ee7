package io.antelopekit.contract;

/** A key, or an index, of another type than the table's index has (a {@code Name} where the index holds {@code uint128} keys, ...). */
public class KeyTypeMismatchException extends ContractException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that says what was wrong and where.
     *
     * @param message the message
     */
    public KeyTypeMismatchException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public KeyTypeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
