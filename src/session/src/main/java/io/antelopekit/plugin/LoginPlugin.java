package io.antelopekit.plugin;

import io.antelopekit.session.LoginContext;
import io.antelopekit.session.Session;
import reactor.core.publisher.Mono;

/** Hooks around a login, run in order; the defaults do nothing. */
public interface LoginPlugin {

    /** The plugin's id. */
    String id();

    /** Before the wallet logs in; an error aborts the login. */
    default Mono<Void> beforeLogin(LoginContext context) {
        return Mono.empty();
    }

    /** After the session was made. */
    default Mono<Void> afterLogin(LoginContext context, Session session) {
        return Mono.empty();
    }
}
