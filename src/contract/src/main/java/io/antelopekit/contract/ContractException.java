package io.antelopekit.contract;

import io.antelopekit.AntelopeException;

/** The base of the Contract Kit's errors: a contract, action, table or index the ABI does not have, a key of the wrong type, action data that does not encode. */
public class ContractException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that says what was wrong and where.
     *
     * @param message the message
     */
    public ContractException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
