package io.antelopekit.crypto;

import io.antelopekit.chain.InvalidValueException;

/**
 * A key string or key bytes are malformed: unknown prefix, bad base58, wrong length, a checksum
 * that does not match, or a scalar outside the curve order. Messages never contain private key
 * material.
 */
public class InvalidKeyException extends InvalidValueException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }

    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
