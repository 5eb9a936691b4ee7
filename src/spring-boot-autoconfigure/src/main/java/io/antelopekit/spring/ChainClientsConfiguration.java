package io.antelopekit.spring;

import io.antelopekit.api.ChainClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** {@link ChainClients} of {@code antelopekit.chains} (meters: {@link MetricsConfiguration}). */
@Configuration(proxyBeanMethods = false)
@Conditional(Conditions.OnChains.class)
class ChainClientsConfiguration {

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    ChainClients antelopeChainClients(AntelopeKitProperties properties,
            ObjectProvider<ChainClientCustomizer> customizers, Lifecycle lifecycle) {
        List<ChainClientCustomizer> all = customizers.orderedStream().toList();
        ChainClients clients = ChainClients.of(properties.chainDefinitions(), chain -> {
            ChainClient.Builder b = ChainClient.builder().endpoints(chain.urls().toArray(String[]::new));
            AntelopeKitAutoConfiguration.configure(b, chain, properties, all);
            return b.build();
        });
        lifecycle.onClose(clients.toString(), clients::disposeLater);
        return clients;
    }
}
