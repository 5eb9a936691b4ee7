package io.antelopekit.spring.security;

import io.antelopekit.test.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionKit;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of sign-in requests on a real server, on a clock the test moves: one client
 * creating attempts as fast as it can, with a fresh web session each time, gets {@code 429} with
 * {@code Retry-After} once it holds its pending attempts, while a normal browser (another
 * address) signs in; the refusals are logged once; expired attempts free their slots; the rate
 * per minute refills with time.
 */
@ExtendWith(BlockHoundSupport.class)
class SignInLimitsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String BASE = WalletSignIn.DEFAULT_BASE_PATH;
    static final String RATE = "/auth/rate";

    static Devnet devnet;
    static ChainClient client;
    static SessionKit kit;
    static SignInTestApp app;
    static LogCapture log;
    static MutableClock clock;
    static WalletSignIn signIn;

    @BeforeAll
    static void start() {
        log = new LogCapture();
        devnet = Devnet.builder().manualBlockProduction().start();
        client = ChainClient.create(devnet.url());
        IdentityProofVerifier verifier = IdentityProofVerifier.builder().chain(devnet.chainId(), client)
                .scope(Name.from("testapp")).build();
        WalletPluginSigningRequest esr = WalletPluginSigningRequest.builder()
                .receiver(CallbackReceiver.detached("http://127.0.0.1:9/unused")).verifier(verifier).build();
        kit = SessionKit.builder().appName("testapp").chains(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .ui(HeadlessUserInterface.create()).walletPlugins(esr).storage(ReactiveSessionStorage.inMemory())
                .build();
        clock = new MutableClock(Instant.now());
        app = SignInTestApp.start();
        IdentityProofAuthenticationManager manager = IdentityProofAuthenticationManager.of(verifier);
        signIn = WalletSignIn.builder().kit(kit).authenticationManager(manager).publicUrl(app.url()).clock(clock)
                .build();
        WalletSignIn rate = WalletSignIn.builder().kit(kit).authenticationManager(manager).publicUrl(app.url())
                .basePath(RATE).clock(clock).maxPendingPerClient(100).maxRequestsPerMinute(5).build();
        app.install(signIn, rate);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kit != null) {
            kit.dispose();
        }
        if (client != null) {
            client.dispose();
        }
        if (devnet != null) {
            devnet.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void aGreedyClientIsHeldToItsLimitsAndANormalBrowserSignsIn() {
        // one web session: 3 pending attempts at most
        Browser one = new Browser(app.url(), "127.0.0.3").withCsrf();
        for (int i = 0; i < WalletSignIn.DEFAULT_MAX_PENDING_PER_SESSION; i++) {
            assertThat(one.post(BASE + "/requests").status()).isEqualTo(200);
        }
        String[] sessionFull = one.postWithRetryAfter(BASE + "/requests");
        assertThat(sessionFull[0]).as(sessionFull[2]).isEqualTo("429");
        assertThat(sessionFull[2]).contains("session");
        assertThat(Long.parseLong(sessionFull[1])).isBetween(1L, signIn.requestTimeout().toSeconds());

        // a greedy client, a fresh session (and CSRF token) for every request
        int created = 0;
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            String[] a = new Browser(app.url(), "127.0.0.2").withCsrf().postWithRetryAfter(BASE + "/requests");
            if (a[0].equals("200")) {
                created++;
            } else {
                assertThat(a[0]).as(a[2]).isEqualTo("429");
                assertThat(a[2]).contains("address");
                assertThat(Long.parseLong(a[1])).isPositive();
                refused++;
            }
            // the normal browser, side by side, at every tenth request of the greedy one
            if (i % 20 == 10) {
                signsIn(new Browser(app.url(), "127.0.0.1").withCsrf());
            }
        }
        assertThat(created).isEqualTo(WalletSignIn.DEFAULT_MAX_PENDING_PER_CLIENT);
        assertThat(refused).isEqualTo(60 - WalletSignIn.DEFAULT_MAX_PENDING_PER_CLIENT);
        // 51 refusals of this sign-in, one log line
        assertThat(log.warnings()).filteredOn(m -> m.contains("refused") && m.contains(" 10 per address"))
                .hasSize(1);

        // the pending attempts expire on time and free their slots
        clock.advance(signIn.requestTimeout().plusSeconds(1));
        assertThat(new Browser(app.url(), "127.0.0.2").withCsrf().post(BASE + "/requests").status()).isEqualTo(200);
        assertThat(one.post(BASE + "/requests").status()).isEqualTo(200);
    }

    @Test
    void theRatePerMinuteRefillsWithTime() {
        for (int i = 0; i < 5; i++) {
            assertThat(new Browser(app.url(), "127.0.0.4").withCsrf().post(RATE + "/requests").status())
                    .isEqualTo(200);
        }
        String[] a = new Browser(app.url(), "127.0.0.4").withCsrf().postWithRetryAfter(RATE + "/requests");
        assertThat(a[0]).as(a[2]).isEqualTo("429");
        assertThat(a[1]).isEqualTo("12");
        clock.advance(Duration.ofSeconds(12));
        assertThat(new Browser(app.url(), "127.0.0.4").withCsrf().post(RATE + "/requests").status()).isEqualTo(200);
        assertThat(new Browser(app.url(), "127.0.0.4").withCsrf().postWithRetryAfter(RATE + "/requests")[0])
                .isEqualTo("429");
    }

    @Test
    void refusedRequestsLeaveNothingBehind() {
        MutableClock c = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        SignInLimits limits = new SignInLimits(3, 10, 1000, 5, c);
        Instant expiresAt = c.instant().plusSeconds(300);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.admit("id" + i, "session" + i, "client", expiresAt)).isNull();
        }
        int kept = limits.tracked();
        for (int i = 10; i < 10_000; i++) {
            assertThat(limits.admit("id" + i, "session" + i, "client", expiresAt)).isNotNull();
        }
        assertThat(limits.tracked()).isEqualTo(kept);
        // the ended and the expired free their entries (the expired ones' sessions are swept at the bound)
        limits.ended("id0");
        assertThat(limits.tracked()).isLessThan(kept);
        c.advance(Duration.ofSeconds(301));
        for (int i = 0; i < 10; i++) {
            assertThat(limits.admit("late" + i, "session-late" + i, "client", c.instant().plusSeconds(300))).isNull();
        }
    }

    /** The whole sign-in of a normal browser with Alice's wallet. */
    static void signsIn(Browser browser) {
        Browser.Answer a = browser.post(BASE + "/requests");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode request = a.json();
        EsrTestWallet alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(),
                PermissionLevel.from("alice@active"), client);
        // a second apart: a proof signs its expiration in whole seconds, the same one twice is a replay.
        // The sleep stays: the test wallet dates its proof by the system clock, which no test clock moves
        Instant before = Instant.now();
        alice.handle(request.get("link").asText()).block(TIMEOUT);
        Browser.Answer done = browser.post(BASE + "/requests/" + request.get("id").asText() + "/complete");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(browser.get("/me").body()).startsWith("alice@active");
        long wait = 1100 - Duration.between(before, Instant.now()).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
