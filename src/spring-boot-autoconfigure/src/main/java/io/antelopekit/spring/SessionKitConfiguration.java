package io.antelopekit.spring;

import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.session.SessionKit;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.ui.HeadlessUserInterface;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The {@link SessionKit}: registered after the chain clients and wallets of this
 * auto-configuration (the order of {@code @Import}), so {@code @ConditionalOnBean} sees them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean({ChainClients.class, WalletPlugin.class})
class SessionKitConfiguration {

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    SessionKit antelopeSessionKit(AntelopeKitProperties properties, ChainClients clients,
            ReactiveSessionStorage storage, ObjectProvider<UserInterface> ui, ObjectProvider<WalletPlugin> wallets,
            ObjectProvider<LoginPlugin> loginPlugins, ObjectProvider<TransactPlugin> transactPlugins,
            ObjectProvider<AccountCreationPlugin> accountCreationPlugins,
            ObjectProvider<WalletPluginFactory> walletPluginFactories,
            ObjectProvider<ChainClientCustomizer> clientCustomizers, ObjectProvider<SessionKitCustomizer> kitCustomizers,
            Lifecycle lifecycle) {
        String appName = properties.getAppName();
        if (appName == null || appName.isBlank()) {
            throw new AntelopeKitConfigurationException(AntelopeKitProperties.PREFIX + ".app-name is not set (nor"
                    + " spring.application.name): the SessionKit needs the application's name");
        }
        List<ChainClientCustomizer> customizers = clientCustomizers.orderedStream().toList();
        SessionKit.Builder b = SessionKit.builder()
                .appName(appName.trim())
                .chains(clients.chains())
                .ui(ui.getIfAvailable(HeadlessUserInterface::create))
                .expireSeconds(properties.getExpireSeconds())
                .storage(storage)
                .storageLayout(properties.storageLayout())
                .sessionTtl(properties.getSession().getTtl())
                .walletPlugins(wallets.orderedStream().toArray(WalletPlugin[]::new))
                .loginPlugins(loginPlugins.orderedStream().toArray(LoginPlugin[]::new))
                .transactPlugins(transactPlugins.orderedStream().toArray(TransactPlugin[]::new))
                .accountCreationPlugins(accountCreationPlugins.orderedStream().toArray(AccountCreationPlugin[]::new))
                .walletPluginFactories(walletPluginFactories.orderedStream().toArray(WalletPluginFactory[]::new))
                .clientCustomizer((chain, builder) ->
                        AntelopeKitAutoConfiguration.configure(builder, chain, properties, customizers));
        // the kit's sessions share the ChainClients pool (closed with that bean, not with the kit)
        clients.chains().forEach(chain -> b.client(chain.id(), clients.get(chain.id())));
        kitCustomizers.orderedStream().forEach(c -> c.customize(b));
        SessionKit kit;
        try {
            kit = b.build();
        } catch (IllegalStateException e) {
            throw new AntelopeKitConfigurationException("the SessionKit cannot be built: " + e.getMessage());
        }
        // closes only what the kit built itself (the chain clients are the context's, given to the kit)
        lifecycle.onClose(kit.toString(), () -> Mono.fromRunnable(kit::dispose));
        return kit;
    }
}
