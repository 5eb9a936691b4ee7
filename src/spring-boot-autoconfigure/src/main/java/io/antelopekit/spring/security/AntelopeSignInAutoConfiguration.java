package io.antelopekit.spring.security;

import io.antelopekit.signin.SignInStore;
import io.antelopekit.redis.RedisSignInStore;
import io.antelopekit.signin.InMemorySignInStore;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.session.SessionKit;
import io.antelopekit.spring.AntelopeKitAutoConfiguration;
import io.antelopekit.spring.AntelopeKitConfigurationException;
import io.antelopekit.spring.AntelopeKitProperties;
import java.util.Locale;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring Boot auto-configuration of "sign in with an Antelope wallet" ({@link WalletSignIn}),
 * with {@code antelopekit.sign-in.enabled=true} and Spring Security's web module and WebFlux on
 * the classpath. It needs the {@code IdentityProofVerifier} and the {@code SessionKit} with the
 * ESR wallet of {@link AntelopeKitAutoConfiguration} ({@code antelopekit.esr.enabled=true}), or
 * the application's own. Every bean backs off when the application defines one of its type:
 * <ul>
 *   <li>{@link IdentityProofAuthenticationManager} over the verifier, granting {@code ROLE_USER};
 *       not made when the application has a {@code ReactiveAuthenticationManager} or a
 *       {@code ReactiveUserDetailsService} of its own (Spring Security would take it as the
 *       default manager of every login); the sign-in then uses a manager of its own over the
 *       verifier;</li>
 *   <li>{@link SignInStore}: a {@link RedisSignInStore} when {@code antelopekit.storage.type=redis}
 *       (on {@code antelopekit.storage.redis.uri}, or the application's {@code RedisClient}), an
 *       {@link InMemorySignInStore} otherwise;</li>
 *   <li>{@link WalletSignIn} of {@link AntelopeSignInProperties} ({@code base-path},
 *       {@code public-url}, {@code timeout}, the limits {@code max-pending-per-session},
 *       {@code max-pending-per-client}, {@code max-requests-per-minute}, {@code max-bad-answers})
 *       offering the kit's chains;</li>
 *   <li>its routes, the {@code RouterFunction} bean {@code antelopeSignInRoutes}.</li>
 * </ul>
 * The application still wires the sign-in into its {@code SecurityWebFilterChain} with
 * {@link WalletSignIn#configure}.
 *
 * <pre>{@code
 * @Bean SecurityWebFilterChain security(ServerHttpSecurity http, WalletSignIn signIn) {
 *     signIn.configure(http);
 *     return http.authorizeExchange(a -> a.anyExchange().authenticated()).build();
 * }
 * }</pre>
 */
@AutoConfiguration(after = AntelopeKitAutoConfiguration.class,
        beforeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.security.web.server.SecurityWebFilterChain",
        "org.springframework.security.config.web.server.ServerHttpSecurity",
        "org.springframework.web.reactive.function.server.RouterFunction"})
@ConditionalOnProperty(prefix = AntelopeSignInProperties.PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(AntelopeSignInProperties.class)
public class AntelopeSignInAutoConfiguration {

    private static final String AT = AntelopeSignInProperties.PREFIX;

    /** The manager over the verifier, unless the application authenticates otherwise too. */
    @Bean
    @ConditionalOnMissingBean(type = {"org.springframework.security.authentication.ReactiveAuthenticationManager",
            "org.springframework.security.core.userdetails.ReactiveUserDetailsService"})
    IdentityProofAuthenticationManager antelopeIdentityProofAuthenticationManager(
            ObjectProvider<IdentityProofVerifier> verifier) {
        return IdentityProofAuthenticationManager.of(verifier(verifier));
    }

    /** The in-memory store, unless the Redis one is configured. */
    @Bean
    @ConditionalOnMissingBean(SignInStore.class)
    @Conditional(NotRedis.class)
    InMemorySignInStore antelopeSignInStore() {
        return InMemorySignInStore.create();
    }

    @Bean
    @ConditionalOnMissingBean
    WalletSignIn antelopeWalletSignIn(AntelopeSignInProperties properties, ObjectProvider<SessionKit> kit,
            ObjectProvider<IdentityProofAuthenticationManager> manager, ObjectProvider<IdentityProofVerifier> verifier,
            SignInStore store) {
        SessionKit k = kit.getIfUnique();
        if (k == null) {
            throw new AntelopeKitConfigurationException(AT + ".enabled needs a SessionKit with the ESR wallet: set "
                    + AntelopeKitProperties.PREFIX + ".esr.enabled=true and the chains (or define a SessionKit bean)");
        }
        if (properties.getPublicUrl() == null || properties.getPublicUrl().isBlank()) {
            throw new AntelopeKitConfigurationException(AT + ".public-url is missing: the application's public origin"
                    + " that wallets post their callbacks to, such as https://app.example.com");
        }
        IdentityProofAuthenticationManager m = manager.getIfUnique(() -> IdentityProofAuthenticationManager.of(
                verifier(verifier)));
        WalletSignIn.Builder b = WalletSignIn.builder().kit(k).authenticationManager(m).store(store);
        try {
            b.publicUrl(properties.getPublicUrl());
            if (properties.getBasePath() != null) {
                b.basePath(properties.getBasePath());
            }
            if (properties.getTimeout() != null) {
                b.requestTimeout(properties.getTimeout());
            }
            b.maxPendingPerSession(properties.getMaxPendingPerSession())
                    .maxPendingPerClient(properties.getMaxPendingPerClient())
                    .maxRequestsPerMinute(properties.getMaxRequestsPerMinute())
                    .maxBadAnswers(properties.getMaxBadAnswers());
            if (properties.getWalletCallbackPaths() != null) {
                properties.getWalletCallbackPaths().forEach(b::walletCallbackPath);
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new AntelopeKitConfigurationException(AT + ": " + e.getMessage());
        }
    }

    @Bean
    @ConditionalOnMissingBean(name = "antelopeSignInRoutes")
    RouterFunction<ServerResponse> antelopeSignInRoutes(WalletSignIn signIn) {
        return signIn.routes();
    }

    private static IdentityProofVerifier verifier(ObjectProvider<IdentityProofVerifier> verifier) {
        IdentityProofVerifier v = verifier.getIfUnique();
        if (v == null) {
            throw new AntelopeKitConfigurationException(AT + ".enabled needs an IdentityProofVerifier: set "
                    + AntelopeKitProperties.PREFIX + ".esr.enabled=true (or define an IdentityProofVerifier bean)");
        }
        return v;
    }

    /**
     * The Redis store ({@code antelopekit.storage.type=redis}), only with Lettuce on the classpath;
     * registered before the in-memory one. Lettuce's types stay inside {@link RedisSignInStore}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.RedisClient")
    @Conditional(OnRedis.class)
    static class RedisStore {

        @Bean(destroyMethod = "dispose")
        @ConditionalOnMissingBean(SignInStore.class)
        RedisSignInStore antelopeRedisSignInStore(AntelopeSignInProperties properties,
                ObjectProvider<AntelopeKitProperties> kitProperties, BeanFactory beans) {
            AntelopeKitProperties p = kitProperties.getIfAvailable();
            String uri = p == null ? null : p.getStorage().getRedis().getUri();
            String prefix = properties.getRedisKeyPrefix();
            if (prefix == null && p != null && p.getAppName() != null && !p.getAppName().isBlank()) {
                prefix = "antelopekit:" + p.getAppName().trim() + ":signin:";
            }
            try {
                return RedisSignInStores.fromContext(uri, prefix, beans);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new AntelopeKitConfigurationException(AT + " (Redis store): " + e.getMessage());
            }
        }
    }

    /** {@code antelopekit.storage.type=redis}, in any case. */
    static final class OnRedis extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return redis(context)
                    ? ConditionOutcome.match(AntelopeKitProperties.PREFIX + ".storage.type is redis")
                    : ConditionOutcome.noMatch(AntelopeKitProperties.PREFIX + ".storage.type is not redis");
        }
    }

    /** Not {@link OnRedis}. */
    static final class NotRedis extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return redis(context)
                    ? ConditionOutcome.noMatch(AntelopeKitProperties.PREFIX + ".storage.type is redis")
                    : ConditionOutcome.match(AntelopeKitProperties.PREFIX + ".storage.type is not redis");
        }
    }

    static boolean redis(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind(AntelopeKitProperties.PREFIX + ".storage.type", String.class)
                .map(t -> t.trim().toLowerCase(Locale.ROOT).equals("redis")).orElse(false);
    }
}
