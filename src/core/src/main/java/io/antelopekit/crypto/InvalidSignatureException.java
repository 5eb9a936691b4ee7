package io.antelopekit.crypto;

import io.antelopekit.chain.InvalidValueException;

/**
 * A signature string or signature bytes are malformed (unknown prefix, bad base58, wrong length,
 * checksum mismatch), or no public key can be recovered from a signature.
 */
public class InvalidSignatureException extends InvalidValueException {

    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
