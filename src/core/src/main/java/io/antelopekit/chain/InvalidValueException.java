package io.antelopekit.chain;

import io.antelopekit.AntelopeException;

/**
 * A value given to a factory (a string, a number, a byte array) is not a valid instance of the
 * type asked for. The message names the value and what is wrong with it.
 */
public class InvalidValueException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }

    public InvalidValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
