package com.example.service;

import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service of docs/webflux.md: users sign in with their wallet, read their balances and send
 * transfers their wallet signs; the service sends its own transfers with its own key.
 *
 * <pre>
 * mvn -B -q compile exec:java@service                                    # on an embedded devnet
 * mvn -B -q compile exec:java@service -Dexec.args=--server.port=9090
 * mvn -B -q compile exec:java@service -Dexec.args=--spring.profiles.active=production   # application-production.yml
 * </pre>
 */
@SpringBootApplication(proxyBeanMethods = false)
public class Service {

    /** The service's account on the devnet. */
    static final String ACCOUNT = "myservice";

    /** Runs the service on an embedded devnet, or with the production profile on the chain it names. */
    public static void main(String[] args) {
        if (List.of(args).contains("--spring.profiles.active=production")) {
            SpringApplication.run(Service.class, args);
            return;
        }
        Devnet devnet = Devnet.builder().genesis(genesis()).start();
        ConfigurableApplicationContext app = start(devnet, args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            devnet.stop();
        }));
        System.out.println("my-service on " + app.getEnvironment().getProperty("app.public-url")
                + ", chain " + devnet.chainId() + " (an embedded devnet at " + devnet.url() + "); Ctrl-C to stop");
    }

    /** The default devnet (alice, bob, carol and dave), and the service's account with 1000.0000 EOS. */
    static Genesis genesis() {
        return Genesis.defaults().mutate().account(ACCOUNT).balance(ACCOUNT, "1000.0000 EOS").build();
    }

    /**
     * Starts the service on {@code devnet}: the chain's id and URL as properties, and the service's
     * key, its documented dev key (a public test key), as the private-key wallet. In production
     * the auto-configuration reads the key from {@code SERVICE_KEY} instead
     * ({@code antelopekit.wallet.private-keys-env}).
     */
    static ConfigurableApplicationContext start(Devnet devnet, String... args) {
        SpringApplication app = new SpringApplication(Service.class);
        app.setDefaultProperties(Map.of(
                "antelopekit.chains[0].id", devnet.chainId().toString(),
                "antelopekit.chains[0].name", "devnet",
                "antelopekit.chains[0].urls[0]", devnet.url(),
                "antelopekit.chains[0].system-token", "4,EOS"));
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("serviceWallet",
                WalletPluginPrivateKey.of(DevAccount.of(ACCOUNT).privateKey())));
        return app.run(args);
    }
}
