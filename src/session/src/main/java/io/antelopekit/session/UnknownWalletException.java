package io.antelopekit.session;

/**
 * A wallet id that the session kit cannot resolve: not registered in the kit, and (for restores)
 * no {@link io.antelopekit.plugin.WalletPluginFactory} of that id either.
 */
public class UnknownWalletException extends SessionException {

    private static final long serialVersionUID = 1L;

    public UnknownWalletException(String message) {
        super(message);
    }

    public UnknownWalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
