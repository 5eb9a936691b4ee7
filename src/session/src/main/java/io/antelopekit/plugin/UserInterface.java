package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    default Mono<AccountCreationSelection> onAccountCreate(io.antelopekit.plugin.CreateAccountContext context) {
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

    /**
     * Translates a message key, or gives {@code fallback}, with each {@code {{name}}} replaced by
     * {@code params.get(name)} (see {@link #fill}).
     */
    default String translate(String key, String fallback, Map<String, ?> params) {
        return fill(translate(key, fallback), params);
    }

    /**
     * The translations of one namespace, as WharfKit's {@code getTranslate(namespace)}: its keys
     * are looked up as {@code namespace + "." + key}, so a plugin's texts do not collide with
     * another's.
     */
    default Translator translator(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return (key, fallback, params) -> translate(namespace + "." + key, fallback, params);
    }

    /**
     * Adds or replaces texts: by locale ({@link java.util.Locale#ROOT} for every locale), key to
     * text (with {@code {{name}}} parameters), as WharfKit's {@code addTranslations}; a plugin's
     * keys should begin with its namespace. The default ignores them: an interface without
     * translations gives every text's fallback.
     */
    default void addTranslations(Map<Locale, Map<String, String>> translations) {
        Objects.requireNonNull(translations, "translations");
    }

    /** Translates the keys of one namespace (see {@link UserInterface#translator}). */
    @FunctionalInterface
    interface Translator {
        /** The text of {@code key}, or {@code fallback}, with its {@code {{name}}} parameters replaced. */
        String translate(String key, String fallback, Map<String, ?> params);

        /** The text of {@code key}, or {@code fallback}. */
        default String translate(String key, String fallback) {
            return translate(key, fallback, Map.of());
        }
    }

    /**
     * Replaces each {@code {{name}}} (spaces inside the braces allowed) of {@code template} with
     * {@code params.get(name)}; a name without a value stays as written.
     */
    static String fill(String template, Map<String, ?> params) {
        if (template == null || params == null || params.isEmpty() || template.indexOf("{{") < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            int close = open < 0 ? -1 : template.indexOf("}}", open + 2);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String name = template.substring(open + 2, close).trim();
            out.append(template, i, open);
            if (params.containsKey(name)) {
                out.append(params.get(name));
            } else {
                out.append(template, open, close + 2);
            }
            i = close + 2;
        }
        return out.toString();
    }
}
