package io.antelopekit.chain;

/**
 * Binary input could not be decoded: it is truncated, declares a length larger than what
 * remains, nests deeper than allowed, or holds a value its type forbids. The message says
 * what was being read and at which byte offset.
 */
public class DecodingException extends InvalidValueException {

    private static final long serialVersionUID = 1L;

    public DecodingException(String message) {
        super(message);
    }

    public DecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
