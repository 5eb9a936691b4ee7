package io.antelopekit.spring;

import io.antelopekit.session.SessionKit;

/**
 * Adjusts the auto-configured {@link SessionKit} before it is built, for what properties and
 * plugin beans do not cover (ABIs every session starts with, transact plugin options,
 * {@code allowModify}). Called after the auto-configuration set up the builder; every bean of
 * this type is applied, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * SessionKitCustomizer tokenAbi(Abi tokenAbi) {
 *     return builder -> builder.abi(Name.from("eosio.token"), tokenAbi);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SessionKitCustomizer {

    /** Adjusts {@code builder}. */
    void customize(SessionKit.Builder builder);
}
