package io.antelopekit.session;

/** A chain id that the session kit was not configured with (in options, a wallet's answer, or storage). */
public class UnknownChainException extends SessionException {

    private static final long serialVersionUID = 1L;

    public UnknownChainException(String message) {
        super(message);
    }
}
