package io.antelopekit.chain;

/**
 * A string is not a valid account, contract, action or permission name. The message names the
 * string, the index of the offending character and the rule it breaks.
 */
public class InvalidNameException extends InvalidValueException {

    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }

    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
