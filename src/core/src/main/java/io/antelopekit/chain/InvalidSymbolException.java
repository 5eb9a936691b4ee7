package io.antelopekit.chain;

/**
 * A string or number is not a valid symbol code ({@code "EOS"}) or symbol ({@code "4,EOS"}). The
 * message names the value and what is wrong with it. A subtype of {@link InvalidAssetException},
 * so one catch covers both.
 */
public class InvalidSymbolException extends InvalidAssetException {

    private static final long serialVersionUID = 1L;

    public InvalidSymbolException(String message) {
        super(message);
    }

    public InvalidSymbolException(String message, Throwable cause) {
        super(message, cause);
    }
}
