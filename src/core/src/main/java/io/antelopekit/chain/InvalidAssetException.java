package io.antelopekit.chain;

/**
 * A string or number is not a valid asset (an amount with a symbol, such as {@code "1.0000
 * EOS"}). The message names the value and what is wrong with it.
 */
public class InvalidAssetException extends InvalidValueException {

    private static final long serialVersionUID = 1L;

    public InvalidAssetException(String message) {
        super(message);
    }

    public InvalidAssetException(String message, Throwable cause) {
        super(message, cause);
    }
}
