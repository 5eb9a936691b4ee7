package io.antelopekit.spring.security;

import io.antelopekit.redis.RedisSignInStore;
import io.antelopekit.test.SignInStoreContract;
import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.signin.InMemorySignInStore;
import io.antelopekit.signin.SignInStore;
import io.antelopekit.test.RedisProcess;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.session.SessionKit;
import io.antelopekit.spring.AntelopeKitAutoConfiguration;
import io.antelopekit.spring.AntelopeKitConfigurationException;
import io.antelopekit.test.BlockHoundSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AntelopeSignInAutoConfiguration} in an {@link ApplicationContextRunner} with
 * antelopekit's own auto-configuration, against the devnet: the beans it makes, the ones it
 * leaves to the application, and its startup failures.
 */
@ExtendWith(BlockHoundSupport.class)
class AntelopeSignInAutoConfigurationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static Devnet devnet;
    static RedisProcess redis;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AntelopeKitAutoConfiguration.class,
                    AntelopeSignInAutoConfiguration.class));

    @BeforeAll
    static void start() throws Exception {
        java.util.logging.Logger.getLogger("").getHandlers();
        devnet = Devnet.builder().manualBlockProduction().start();
        redis = RedisProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        if (devnet != null) {
            devnet.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The devnet, the ESR wallet without a server of its own, and wallet sign-in. */
    ApplicationContextRunner signInRunner() {
        return runner.withPropertyValues(
                "antelopekit.app-name=signintest",
                "antelopekit.chains[0].id=" + devnet.chainId(),
                "antelopekit.chains[0].urls[0]=" + devnet.url(),
                "antelopekit.esr.enabled=true",
                "antelopekit.esr.receiver.detached=true",
                "antelopekit.esr.receiver.public-url=https://app.example.com/esr",
                "antelopekit.sign-in.enabled=true",
                "antelopekit.sign-in.public-url=https://app.example.com/");
    }

    static AntelopeKitConfigurationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof AntelopeKitConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no AntelopeKitConfigurationException among the causes of", context.getStartupFailure());
    }

    @Test
    void isRegisteredForSpringBoot() {
        List<String> candidates = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
        assertThat(candidates).contains(AntelopeSignInAutoConfiguration.class.getName());
    }

    @Test
    void makesTheManagerTheStoreTheSignInAndItsRoutes() {
        signInRunner().withPropertyValues("antelopekit.sign-in.base-path=/login/wallet/",
                "antelopekit.sign-in.timeout=90s").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(IdentityProofAuthenticationManager.class);
                    assertThat(context.getBean(IdentityProofAuthenticationManager.class).verifier())
                            .isSameAs(context.getBean(IdentityProofVerifier.class));
                    assertThat(context).hasSingleBean(SignInStore.class);
                    assertThat(context.getBean(SignInStore.class)).isInstanceOf(InMemorySignInStore.class);
                    WalletSignIn signIn = context.getBean(WalletSignIn.class);
                    assertThat(signIn.publicUrl()).isEqualTo("https://app.example.com");
                    assertThat(signIn.basePath()).isEqualTo("/login/wallet");
                    assertThat(signIn.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(signIn.scope()).isEqualTo(Name.from("signintest"));
                    assertThat(signIn.chainIds()).containsExactly(devnet.chainId());
                    assertThat(signIn.store()).isSameAs(context.getBean(SignInStore.class));
                    assertThat(signIn.callbackUrl("abc")).isEqualTo("https://app.example.com/login/wallet/callback/abc");
                    assertThat(context).hasBean("antelopeSignInRoutes");
                    assertThat(context.getBean("antelopeSignInRoutes")).isInstanceOf(RouterFunction.class);
                });
    }

    @Test
    void takesTheLimitsAndTheWalletCallbackPathsFromProperties() {
        signInRunner().withPropertyValues("antelopekit.sign-in.max-bad-answers=2",
                "antelopekit.sign-in.wallet-callback-paths=/esr-callback,/other-callback/").run(context -> {
                    assertThat(context).hasNotFailed();
                    WalletSignIn signIn = context.getBean(WalletSignIn.class);
                    assertThat(signIn.limits().maxBadAnswers()).isEqualTo(2);
                    assertThat(signIn.walletCallbackPaths()).containsExactly("/esr-callback", "/other-callback");
                });
        signInRunner().withPropertyValues("antelopekit.sign-in.max-pending-per-session=0").run(context ->
                assertThat(context).getFailure().hasMessageContaining("maxPendingPerSession 0 is not positive"));
    }

    @Test
    void isOffUnlessEnabled() {
        signInRunner().withPropertyValues("antelopekit.sign-in.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SessionKit.class);
            assertThat(context).doesNotHaveBean(WalletSignIn.class);
            assertThat(context).doesNotHaveBean(SignInStore.class);
            assertThat(context).doesNotHaveBean(IdentityProofAuthenticationManager.class);
            assertThat(context).doesNotHaveBean("antelopeSignInRoutes");
        });
    }

    @Test
    void isOffWithoutSpringSecuritysWebSupport() {
        signInRunner().withClassLoader(new FilteredClassLoader(ServerHttpSecurity.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WalletSignIn.class);
        });
    }

    @Test
    void backsOffForTheApplicationsStoreAndSignIn() {
        InMemorySignInStore own = InMemorySignInStore.create(7);
        signInRunner().withBean(SignInStore.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SignInStore.class)).isSameAs(own);
            assertThat(context.getBean(WalletSignIn.class).store()).isSameAs(own);
        });
        signInRunner().withUserConfiguration(OwnSignIn.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(WalletSignIn.class);
            assertThat(context.getBean(WalletSignIn.class).publicUrl()).isEqualTo("https://own.example.com");
            assertThat(context).doesNotHaveBean("antelopeWalletSignIn");
            assertThat(context).hasBean("antelopeSignInRoutes");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSignIn {
        @Bean
        WalletSignIn mySignIn(SessionKit kit, IdentityProofVerifier verifier) {
            return WalletSignIn.builder().kit(kit).authenticationManager(IdentityProofAuthenticationManager.of(verifier))
                    .publicUrl("https://own.example.com").build();
        }
    }

    @Test
    void leavesTheDefaultAuthenticationManagerToAnApplicationThatHasUsers() {
        ReactiveUserDetailsService users = new MapReactiveUserDetailsService(
                User.withUsername("admin").password("{noop}pw").roles("ADMIN").build());
        signInRunner().withBean(ReactiveUserDetailsService.class, () -> users).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(IdentityProofAuthenticationManager.class);
            // the sign-in checks proofs with a manager of its own
            assertThat(context).hasSingleBean(WalletSignIn.class);
        });
    }

    @Test
    void usesRedisWhenSessionsAreStoredThere() {
        signInRunner().withPropertyValues("antelopekit.storage.type=redis",
                "antelopekit.storage.redis.uri=" + redis.uri()).run(context -> {
                    assertThat(context).hasNotFailed();
                    SignInStore store = context.getBean(SignInStore.class);
                    assertThat(store).isInstanceOf(RedisSignInStore.class);
                    assertThat(((RedisSignInStore) store).keyPrefix()).isEqualTo("antelopekit:signintest:signin:");
                    SignInAttempt a = SignInStoreContract.attempt();
                    assertThat(store.create(a).then(store.get(a.id())).block(TIMEOUT)).isEqualTo(a);
                });
        signInRunner().withPropertyValues("antelopekit.storage.type=REDIS", "antelopekit.storage.redis.uri="
                + redis.uri(), "antelopekit.sign-in.redis-key-prefix=shop:signin:").run(context ->
                        assertThat(((RedisSignInStore) context.getBean(SignInStore.class)).keyPrefix())
                                .isEqualTo("shop:signin:"));
    }

    @Test
    void withoutAPublicUrlTheContextDoesNotStart() {
        signInRunner().withPropertyValues("antelopekit.sign-in.public-url=").run(context ->
                assertThat(failure(context).getMessage()).contains("antelopekit.sign-in.public-url is missing"));
        signInRunner().withPropertyValues("antelopekit.sign-in.public-url=ftp://x").run(context ->
                assertThat(failure(context).getMessage()).contains("antelopekit.sign-in").contains("publicUrl"));
    }

    @Test
    void withoutTheEsrWalletTheContextSaysWhatIsMissing() {
        runner.withPropertyValues("antelopekit.sign-in.enabled=true",
                "antelopekit.sign-in.public-url=https://app.example.com").run(context ->
                        assertThat(failure(context).getMessage()).contains("IdentityProofVerifier")
                                .contains("antelopekit.esr.enabled=true"));
    }
}
