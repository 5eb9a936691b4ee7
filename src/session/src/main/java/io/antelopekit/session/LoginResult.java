package io.antelopekit.session;

import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.WalletPluginLoginResponse;

import java.util.Objects;

/**
 * The outcome of {@link SessionKit#login(LoginOptions)}.
 *
 * @param context the login's context as the wallet and the {@code afterLogin} hooks saw it
 * @param response the wallet's answer (chain, permission, identity proof when the wallet gives one)
 * @param session the new session
 */
public record LoginResult(LoginContext context, WalletPluginLoginResponse response, Session session) {

    public LoginResult {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(session, "session");
    }
}
