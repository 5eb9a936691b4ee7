package io.antelopekit.example.webapp;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionKit;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/** The application's own beans besides those antelopekit's auto-configuration makes. */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration {

    @Bean
    WebAppSettings webAppSettings(@Qualifier(WebApp.DEVNET_BEAN) Devnet devnet, Environment environment) {
        // off unless asked for: it signs with the dev accounts' keys on the server's side
        boolean devWallet = environment.getProperty("webapp.dev-wallet", Boolean.class, false);
        List<String> accounts = new ArrayList<>(Devnet.DEV_ACCOUNTS);
        return new WebAppSettings(devnet.chainId(), environment.getProperty("antelopekit.chains[0].name", "devnet"),
                environment.getRequiredProperty("webapp.public-url"),
                PermissionLevel.from(WebApp.SERVICE_ACCOUNT + "@active"), devWallet, accounts);
    }

    /**
     * The service's private-key wallet: the dev key of its account, given as a bean (the
     * auto-configuration would read keys from environment variables; a devnet's dev keys are
     * public test keys, so the example holds it in code, and never prints it).
     */
    @Bean
    WalletPluginPrivateKey serviceWallet() {
        return WalletPluginPrivateKey.of(WebApp.serviceDevAccount().privateKey());
    }

    /** The service's own session: its account, its key, the kit's client of the chain. */
    @Bean
    ServiceSession serviceSession(SessionKit kit, WalletPluginPrivateKey serviceWallet, WebAppSettings settings) {
        Checksum256 chain = settings.chainId();
        ChainDefinition definition = kit.chain(chain);
        Session session = Session.builder()
                .chain(definition)
                .permissionLevel(settings.serviceAccount())
                .walletPlugin(serviceWallet)
                .client(kit.client(chain))
                .build();
        return new ServiceSession(session);
    }

    /** The service's session, as a bean of its own type (a {@code Session} bean would be anyone's). */
    record ServiceSession(Session session) {
    }
}
