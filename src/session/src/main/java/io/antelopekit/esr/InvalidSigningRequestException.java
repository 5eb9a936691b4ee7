package io.antelopekit.esr;

import io.antelopekit.chain.InvalidValueException;

/**
 * A signing request is malformed or cannot be created or resolved as asked: an {@code esr:}
 * link that does not decode (the message names the byte offset or field), an unsupported
 * protocol version, a request whose action data does not fit the contract's ABI, a missing ABI,
 * missing TAPoS values, or a chain the request does not allow.
 *
 * <p>Decoding a string or bytes from anywhere ({@link SigningRequest#from(String)},
 * {@link SigningRequest#from(byte[])}, {@link IdentityProof#from(String)}) fails only with this
 * exception.
 */
public class InvalidSigningRequestException extends InvalidValueException {

    private static final long serialVersionUID = 1L;

    public InvalidSigningRequestException(String message) {
        super(message);
    }

    public InvalidSigningRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
