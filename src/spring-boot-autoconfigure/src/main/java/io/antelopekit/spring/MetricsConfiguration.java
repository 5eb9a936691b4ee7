package io.antelopekit.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The application's {@code MeterRegistry} for the chain clients and the session kit, when
 * Micrometer is on the class path (it is an optional dependency: without it, the other
 * configurations never name its types). Applied first, so the application's own customizers
 * come after it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
class MetricsConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ChainClientCustomizer antelopeChainClientMeters(ObjectProvider<MeterRegistry> registry) {
        return (chain, builder) -> {
            MeterRegistry meters = registry.getIfUnique();
            if (meters != null) {
                builder.meterRegistry(meters);
            }
        };
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SessionKitCustomizer antelopeSessionKitMeters(ObjectProvider<MeterRegistry> registry) {
        return builder -> {
            MeterRegistry meters = registry.getIfUnique();
            if (meters != null) {
                builder.meterRegistry(meters);
            }
        };
    }
}
