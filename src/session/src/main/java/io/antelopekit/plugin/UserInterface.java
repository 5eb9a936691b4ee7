package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.session.LoginContext;
import reactor.core.publisher.Mono;

/**
 * How the kit talks to the user: selections at login, progress callbacks, prompts. Every method
 * returns a {@code Mono}; cancelling it cancels the wait for the user. The defaults do nothing
 * (a headless interface), except {@link #login}, {@link #onAccountCreate} and {@link #prompt}, which refuse.
 */
public interface UserInterface {

    /** The user's choices at login: wallet (index), chain, permission; any may be {@code null}. */
    record LoginSelection(Integer walletPluginIndex, io.antelopekit.chain.Checksum256 chainId,
            io.antelopekit.chain.PermissionLevel permissionLevel) {
    }

    /** Asks the user for what the login still needs. */
    default Mono<LoginSelection> login(LoginContext context) {
        return Mono.error(new UnsupportedOperationException("this user interface cannot ask for a login selection"));
    }

    /**
     * The user's choices before an account is created: the account creation plugin (by id) and
     * the chain; either may be {@code null}.
     */
    record AccountCreationSelection(String pluginId, io.antelopekit.chain.Checksum256 chainId) {
    }

    /** Asks the user for what an account creation still needs (plugin, chain); refuses by default. */
    default Mono<AccountCreationSelection> onAccountCreate(io.antelopekit.session.CreateAccountContext context) {
        return Mono.error(new UnsupportedOperationException(
                "this user interface cannot ask for an account creation selection"));
    }

    /** Told that an account creation completed. */
    default Mono<Void> onAccountCreateComplete() {
        return Mono.empty();
    }

    default Mono<Void> onLogin() {
        return Mono.empty();
    }

    default Mono<Void> onLoginComplete() {
        return Mono.empty();
    }

    default Mono<Void> onTransact() {
        return Mono.empty();
    }

    default Mono<Void> onTransactComplete() {
        return Mono.empty();
    }

    default Mono<Void> onSign() {
        return Mono.empty();
    }

    default Mono<Void> onSignComplete() {
        return Mono.empty();
    }

    default Mono<Void> onBroadcast() {
        return Mono.empty();
    }

    default Mono<Void> onBroadcastComplete() {
        return Mono.empty();
    }

    /** Told of an error before it reaches the caller. */
    default Mono<Void> onError(Throwable error) {
        return Mono.empty();
    }

    /** Asks the user a question; the answer's shape depends on the elements. */
    default Mono<JsonNode> prompt(PromptArgs args) {
        return Mono.error(new UnsupportedOperationException("this user interface cannot prompt"));
    }

    /** Shows a status line. */
    default void status(String message) {
    }

    /** Translates a message key, or gives {@code fallback}. */
    default String translate(String key, String fallback) {
        return fallback;
    }
}
