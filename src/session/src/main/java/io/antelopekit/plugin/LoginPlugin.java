package io.antelopekit.plugin;

import reactor.core.publisher.Mono;

/** Hooks around a login, run in order; the defaults do nothing. */
public interface LoginPlugin {

    /** The plugin's id. */
    String id();

    /** Before the wallet logs in; an error aborts the login. */
    default Mono<Void> beforeLogin(LoginContext context) {
        return Mono.empty();
    }

    /**
     * After the wallet logged in and the session was made, before it is stored: {@code context}
     * has the chain, its client, the signer's {@link LoginContext#permissionLevel()} and the
     * wallet; an error aborts the login (nothing is stored). As in WharfKit, the hook gets the
     * context, not the session: a plugin that needs to transact does it on the session the
     * login returns.
     */
    default Mono<Void> afterLogin(LoginContext context) {
        return Mono.empty();
    }
}
