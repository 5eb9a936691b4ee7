package io.antelopekit.spring;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;

/**
 * Adjusts each {@link ChainClient} the auto-configuration builds (those of {@link ChainClients}
 * and those of the {@code SessionKit}): called with the chain and a builder that already has the
 * chain's URLs, the application's {@code MeterRegistry} and the {@code antelopekit.client.*}
 * timeouts. Every bean of this type is applied, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * ChainClientCustomizer retries() {
 *     return (chain, builder) -> builder.maxConnections(16).header("User-Agent", "myapp");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ChainClientCustomizer {

    /** Adjusts {@code builder}, the client of {@code chain}. */
    void customize(ChainDefinition chain, ChainClient.Builder builder);
}
