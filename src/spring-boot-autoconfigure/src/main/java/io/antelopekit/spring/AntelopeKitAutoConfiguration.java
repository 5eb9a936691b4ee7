package io.antelopekit.spring;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.List;

/**
 * Spring Boot auto-configuration of antelopekit from the {@link AntelopeKitProperties}
 * ({@code antelopekit.*}). Every bean backs off when the application defines one of its type:
 * <ul>
 *   <li>{@link ChainClients}: one {@link ChainClient} per {@code antelopekit.chains[i]}, with the
 *       application's {@code MeterRegistry} (when it has exactly one, or a primary one) and every
 *       {@link ChainClientCustomizer};</li>
 *   <li>{@code ReactiveSessionStorage} by {@code antelopekit.storage.type}: {@code memory} (the
 *       default), {@code file} or {@code redis} (with Lettuce on the classpath);</li>
 *   <li>{@code WalletPluginPrivateKey} when {@code antelopekit.wallet.private-keys-env} names
 *       environment variables holding keys;</li>
 *   <li>with {@code antelopekit.esr.enabled=true}: the {@code CallbackReceiver} (its own server,
 *       or detached), an {@code IdentityProofVerifier} over {@link ChainClients}, and the
 *       {@code WalletPluginSigningRequest};</li>
 *   <li>{@code SessionKit}, when there are chains and at least one {@code WalletPlugin} bean: the
 *       chains of {@link ChainClients}, every {@code WalletPlugin}, {@code LoginPlugin},
 *       {@code TransactPlugin}, {@code AccountCreationPlugin} and {@code WalletPluginFactory}
 *       bean (in {@code @Order}), the application's {@code UserInterface} (a
 *       {@code HeadlessUserInterface} without one), the storage, the meter registry, then every
 *       {@link SessionKitCustomizer}. The kit builds its own clients of the same chains
 *       (SessionKit takes no clients from outside), customized the same way.</li>
 *   <li>{@link AntelopeJacksonModule}, with Jackson 3 on the class path: Spring Boot adds it to
 *       its {@code JsonMapper}, so antelopekit's types and Jackson 2 {@code JsonNode}s have the
 *       SDK's JSON in the application's responses and request bodies.</li>
 * </ul>
 *
 * <pre>{@code
 * @Autowired SessionKit kit;
 * kit.login(LoginOptions.builder().permissionLevel("mybot@active").build())
 *         .flatMap(r -> r.session().transact(TransactArgs.of(action)))
 *         .subscribe();
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The ESR receiver's server is bound while the context starts, on the
 * startup thread, waiting at most {@value #START_TIMEOUT_SECONDS} seconds. At shutdown the kit,
 * the receiver and the clients are closed together and the closing thread waits for them at most
 * {@code antelopekit.shutdown-timeout} (10 s by default; see {@link AntelopeKitProperties}); no
 * wait ever happens on a Netty thread. Private keys are read from the process environment only
 * and zeroed at shutdown.
 */
@AutoConfiguration
@EnableConfigurationProperties(AntelopeKitProperties.class)
@Import({MetricsConfiguration.class, ChainClientsConfiguration.class, RedisStorageConfiguration.class, StorageConfiguration.class,
        PrivateKeyWalletConfiguration.class, EsrConfiguration.class, SessionKitConfiguration.class, JacksonConfiguration.class})
public class AntelopeKitAutoConfiguration {

    /** How long binding the ESR callback receiver's server may take at startup: {@value} seconds. */
    public static final int START_TIMEOUT_SECONDS = 30;

    /** Closes what the other beans own, after them (each of them depends on it). */
    @Bean
    Lifecycle antelopeKitLifecycle(AntelopeKitProperties properties) {
        return new Lifecycle(properties.getShutdownTimeout());
    }

    /** Applies {@code antelopekit.client.*} and the customizers to a client's builder. */
    static void configure(ChainClient.Builder builder, ChainDefinition chain, AntelopeKitProperties properties,
            List<ChainClientCustomizer> customizers) {
        AntelopeKitProperties.Client c = properties.getClient();
        if (c.getConnectTimeout() != null) {
            builder.connectTimeout(c.getConnectTimeout());
        }
        if (c.getResponseTimeout() != null) {
            builder.responseTimeout(c.getResponseTimeout());
        }
        for (ChainClientCustomizer customizer : customizers) {
            customizer.customize(chain, builder);
        }
    }
}
