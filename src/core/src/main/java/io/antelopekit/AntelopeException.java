package io.antelopekit;

/**
 * Root of every exception the SDK throws. Unchecked, like the rest of the reactive stack.
 *
 * <p>Subtypes say whether retrying can help: {@link #isTransient()} is {@code true} for
 * failures such as timeouts or a node that is briefly unavailable, and {@code false} for
 * malformed input or a transaction the chain refused.
 */
public class AntelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AntelopeException(String message) {
        super(message);
    }

    public AntelopeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same operation may succeed if tried again unchanged.
     *
     * @return {@code false} unless a subtype says otherwise
     */
    public boolean isTransient() {
        return false;
    }
}
