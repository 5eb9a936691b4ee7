package io.antelopekit.spring.security;

import io.antelopekit.redis.RedisSignInStore;
import io.antelopekit.test.RedisProcess;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.SessionKit;
import io.antelopekit.redis.RedisSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service behind a load balancer, sharing a {@link RedisSignInStore} and a
 * Redis session storage on a real redis-server: the browser asks and watches on one, the
 * wallet's callback reaches the other, and the browser completes where it is.
 */
@ExtendWith(BlockHoundSupport.class)
class WalletSignInRedisTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Name SCOPE = Name.from("testapp");

    @TempDir
    static Path dir;
    static RedisProcess redis;
    static Devnet devnet;
    static ChainClient client;
    static final List<Instance> instances = new ArrayList<>();

    /** One instance of the service: its kit, store and server. */
    record Instance(SessionKit kit, RedisSessionStorage storage, RedisSignInStore store, SignInTestApp app) {
    }

    @BeforeAll
    static void start() throws Exception {
        java.util.logging.Logger.getLogger("").getHandlers();
        redis = RedisProcess.start(dir);
        devnet = Devnet.builder().manualBlockProduction().start();
        client = ChainClient.create(devnet.url());
        SignInTestApp callbacks = SignInTestApp.start();
        SignInTestApp browsers = SignInTestApp.start();
        // the wallet reaches the service at the first instance's address (where the balancer sends it)
        instances.add(instance(callbacks, callbacks.url()));
        instances.add(instance(browsers, callbacks.url()));
    }

    static Instance instance(SignInTestApp app, String publicUrl) {
        IdentityProofVerifier verifier = IdentityProofVerifier.builder().chain(devnet.chainId(), client).scope(SCOPE)
                .build();
        WalletPluginSigningRequest esr = WalletPluginSigningRequest.builder()
                .receiver(CallbackReceiver.detached("http://127.0.0.1:9/unused")).verifier(verifier).build();
        RedisSessionStorage storage = RedisSessionStorage.builder().uri(redis.uri()).application("testapp").build();
        SessionKit kit = SessionKit.builder().appName("testapp").chains(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .ui(HeadlessUserInterface.create()).walletPlugins(esr).storage(storage).build();
        RedisSignInStore store = RedisSignInStore.builder().uri(redis.uri()).keyPrefix("antelopekit:testapp:signin:")
                .build();
        WalletSignIn signIn = WalletSignIn.builder().kit(kit)
                .authenticationManager(IdentityProofAuthenticationManager.of(verifier))
                .publicUrl(publicUrl).store(store).build();
        app.install(signIn);
        return new Instance(kit, storage, store, app);
    }

    @AfterAll
    static void stop() {
        for (Instance i : instances) {
            i.app().close();
            i.kit().dispose();
            i.store().close().block(TIMEOUT);
            i.storage().close().block(TIMEOUT);
        }
        if (client != null) {
            client.dispose();
        }
        if (devnet != null) {
            devnet.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theCallbackReachesOneInstanceAndTheBrowserSignsInOnTheOther() throws Exception {
        Instance callbacks = instances.get(0);
        Instance browsers = instances.get(1);
        Browser browser = new Browser(browsers.app().url()).withCsrf();
        Browser.Answer created = browser.post(WalletSignIn.DEFAULT_BASE_PATH + "/requests");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        String link = created.json().get("link").asText();
        assertThat(io.antelopekit.esr.SigningRequest.from(link).callback().orElseThrow().url())
                .startsWith(callbacks.app().url());

        EsrTestWallet alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(),
                PermissionLevel.from("alice@active"), client);
        AtomicReference<CompletableFuture<JsonNode>> answered = new AtomicReference<>();
        StepVerifier.create(browser.events(WalletSignIn.DEFAULT_BASE_PATH + "/requests/" + id + "/events"))
                .assertNext(e -> assertThat(e.event()).isEqualTo("pending"))
                .then(() -> answered.set(alice.handle(link).toFuture()))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("verified");
                    assertThat(e.data()).contains("\"actor\":\"alice\"");
                })
                .expectComplete()
                .verify(TIMEOUT);
        JsonNode payload = answered.get().get(60, TimeUnit.SECONDS);

        // the callback instance cannot complete for the browser (no web session there)...
        Browser elsewhere = new Browser(callbacks.app().url()).withCsrf();
        assertThat(elsewhere.post(WalletSignIn.DEFAULT_BASE_PATH + "/requests/" + id + "/complete").status())
                .isEqualTo(401);
        // ... and a second delivery of the callback, to either instance, is a conflict
        Browser wallet = new Browser(browsers.app().url());
        assertThat(wallet.post(WalletSignIn.DEFAULT_BASE_PATH + "/callback/" + id,
                org.springframework.http.MediaType.APPLICATION_JSON, payload.toString()).status()).isEqualTo(409);

        Browser.Answer done = browser.post(WalletSignIn.DEFAULT_BASE_PATH + "/requests/" + id + "/complete");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("principal").asText()).isEqualTo("alice@active");
        assertThat(browser.get("/me").body()).isEqualTo("alice@active [ROLE_USER]");

        // the session the callback instance stored is in the storage both instances share
        List<SerializedSession> stored = browsers.kit().getSessions().collectList().block(TIMEOUT);
        assertThat(stored).anySatisfy(s -> {
            assertThat(s.actor()).isEqualTo("alice");
            assertThat(s.walletPlugin().id()).isEqualTo(WalletPluginSigningRequest.ID);
        });
    }

    @Test
    void theLimitsAndBadAnswersHoldWithTheRedisStore() {
        Instance callbacks = instances.get(0);
        Instance browsers = instances.get(1);
        String base = WalletSignIn.DEFAULT_BASE_PATH;
        Browser browser = new Browser(browsers.app().url(), "127.0.0.5").withCsrf();
        String first = null;
        for (int i = 0; i < WalletSignIn.DEFAULT_MAX_PENDING_PER_SESSION; i++) {
            Browser.Answer a = browser.post(base + "/requests");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            if (first == null) {
                first = a.json().get("id").asText();
            }
        }
        String[] refused = browser.postWithRetryAfter(base + "/requests");
        assertThat(refused[0]).as(refused[2]).isEqualTo("429");
        assertThat(refused[1]).isNotNull();
        // a garbage answer at the other instance leaves the attempt pending in the shared store
        Browser.Answer garbage = new Browser(callbacks.app().url()).post(base + "/callback/" + first,
                org.springframework.http.MediaType.APPLICATION_JSON, "garbage");
        assertThat(garbage.status()).as(garbage.body()).isEqualTo(401);
        assertThat(garbage.json().get("reason").asText()).isEqualTo("MALFORMED");
        Browser.Answer complete = browser.post(base + "/requests/" + first + "/complete");
        assertThat(complete.status()).isEqualTo(401);
        assertThat(complete.json().get("reason").asText()).isEqualTo("PENDING");
    }
}
