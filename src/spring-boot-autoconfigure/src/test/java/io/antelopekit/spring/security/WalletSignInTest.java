package io.antelopekit.spring.security;

import io.antelopekit.signin.SignInOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.SessionEvent;
import io.antelopekit.session.SessionKit;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole web flow on a real server behind Spring Security, against the devnet, answered by
 * the reference test wallet: request, events, the wallet's callback, completion into the web
 * session, a protected route; and every way it is refused.
 */
@ExtendWith(BlockHoundSupport.class)
class WalletSignInTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Name SCOPE = Name.from("testapp");
    static final String BASE = WalletSignIn.DEFAULT_BASE_PATH;
    static final String SHORT = "/auth/short";
    static final String BROKEN = "/auth/broken";
    static final String REFUSING = "/auth/refusing";
    static final String LAX = "/auth/lax";
    static final String ESR_CALLBACK = "/esr-callback";
    static CallbackReceiver receiver;
    static final Checksum256 OTHER_CHAIN =
            Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");
    static final PermissionLevel ALICE = PermissionLevel.from("alice@active");

    static Devnet devnet;
    static ChainClient client;
    static SessionKit kit;
    static List<SessionEvent> kitEvents = new CopyOnWriteArrayList<>();
    static Disposable kitEventsSubscription;
    static SignInTestApp app;
    static WalletSignIn signIn;
    static EsrTestWallet alice;
    static LogCapture log;

    @BeforeAll
    static void start() {
        log = new LogCapture();
        devnet = Devnet.builder().manualBlockProduction().start();
        client = ChainClient.create(devnet.url());
        IdentityProofVerifier verifier = IdentityProofVerifier.builder().chain(devnet.chainId(), client).scope(SCOPE)
                .build();
        WalletPluginSigningRequest esr = WalletPluginSigningRequest.builder()
                .receiver(CallbackReceiver.detached("http://127.0.0.1:9/unused")).verifier(verifier).build();
        kit = SessionKit.builder().appName("testapp").chains(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .ui(HeadlessUserInterface.create()).walletPlugins(esr).storage(ReactiveSessionStorage.inMemory())
                .build();
        kitEventsSubscription = kit.events().subscribe(kitEvents::add);
        app = SignInTestApp.start();
        IdentityProofAuthenticationManager manager = IdentityProofAuthenticationManager.of(verifier);
        // every test's browser comes from 127.0.0.1: the limits per address are SignInLimitsTest's
        signIn = WalletSignIn.builder().kit(kit).authenticationManager(manager).publicUrl(app.url() + "/")
                .maxPendingPerClient(10_000).maxRequestsPerMinute(1_000_000).walletCallbackPath(ESR_CALLBACK)
                .build();
        // the application's route of transaction callbacks, as docs/webflux.md mounts it
        receiver = CallbackReceiver.detached(app.url() + ESR_CALLBACK);
        app.extraRoutes = org.springframework.web.reactive.function.server.RouterFunctions.route()
                .POST(ESR_CALLBACK + "/{id}", r -> r.bodyToMono(String.class)
                        .map(body -> {
                            try {
                                return receiver.deliver(r.pathVariable("id"), Browser.JSON.readTree(body));
                            } catch (java.io.IOException e) {
                                return false;
                            }
                        })
                        .flatMap(found -> found
                                ? org.springframework.web.reactive.function.server.ServerResponse.ok().build()
                                : org.springframework.web.reactive.function.server.ServerResponse.notFound().build()))
                .POST("/other/{id}", r -> org.springframework.web.reactive.function.server.ServerResponse.ok().build())
                .build();
        WalletSignIn shortOne = WalletSignIn.builder().kit(kit).authenticationManager(manager).publicUrl(app.url())
                .basePath(SHORT).requestTimeout(Duration.ofSeconds(2)).build();
        WalletSignIn broken = WalletSignIn.builder().kit(kit).publicUrl(app.url()).basePath(BROKEN)
                .authenticationManager(IdentityProofAuthenticationManager.of(verifier, who -> {
                    throw new IllegalStateException("the roles service is down");
                })).build();
        WalletSignIn refusing = WalletSignIn.builder().kit(kit).publicUrl(app.url()).basePath(REFUSING).scope(SCOPE)
                .authenticationManager(auth -> Mono.error(new DisabledException("accounts are closed today")))
                .build();
        // an application's manager that takes any well-formed proof: the sign-in's own checks remain
        WalletSignIn lax = WalletSignIn.builder().kit(kit).publicUrl(app.url()).basePath(LAX).scope(SCOPE)
                .persistSessions(false)
                .authenticationManager(auth -> Mono.just(AntelopeAuthenticationToken.authenticated(
                        new AntelopePrincipal(devnet.chainId(),
                                ((AntelopeAuthenticationToken) auth).getCredentials().signer()), List.of())))
                .build();
        app.install(signIn, shortOne, broken, refusing, lax);
        alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(), ALICE, client);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kitEventsSubscription != null) {
            kitEventsSubscription.dispose();
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

    // ------------------------------------------------------------------ helpers

    static JsonNode newRequest(Browser browser, String base) {
        Browser.Answer a = browser.post(base + "/requests");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static long lastAliceAnswer;

    /**
     * Alice's wallet answering {@code link}, at least 1.1 s after her previous answer: an identity
     * proof signs its expiration in whole seconds and no request id, so two answers of one account
     * within a second are the same proof, and the second is refused as a replay (rightly).
     */
    static Mono<JsonNode> aliceAnswers(String link) {
        return Mono.defer(() -> {
            long wait;
            synchronized (WalletSignInTest.class) {
                long now = System.currentTimeMillis();
                long at = Math.max(now, lastAliceAnswer + 1100);
                lastAliceAnswer = at;
                wait = at - now;
            }
            return Mono.delay(Duration.ofMillis(wait)).then(alice.handle(link));
        });
    }

    static JsonNode event(ServerSentEvent<String> e) {
        try {
            return Browser.JSON.readTree(e.data());
        } catch (Exception x) {
            throw new AssertionError(x);
        }
    }

    /** The wallet's callback payload, posted by a client without cookies or CSRF token. */
    static Browser.Answer deliver(String base, String id, JsonNode payload) {
        return new Browser(app.url()).post(base + "/callback/" + id, MediaType.APPLICATION_JSON, payload.toString());
    }

    /** A callback payload made by hand: an identity proof of {@code signer} signed with {@code key}. */
    static ObjectNode payload(PrivateKey key, PermissionLevel signer, Checksum256 chainId, Instant expiration,
            String link) {
        TimePointSec ex = TimePointSec.fromInstant(expiration);
        Signature placeholder = key.signDigest(Checksum256.ZERO);
        Checksum256 digest = IdentityProof.of(chainId, SCOPE, ex, signer, placeholder).signingDigest();
        ObjectNode p = Browser.JSON.createObjectNode();
        p.put("sig", key.signDigest(digest).toString());
        p.put("sa", signer.actor().toString());
        p.put("sp", signer.permission().toString());
        p.put("cid", chainId.toString());
        p.put("ex", ex.toString());
        p.put("req", link);
        return p;
    }

    static void assertRejected(Browser.Answer a, String reason) {
        assertThat(a.status()).as(a.body()).isEqualTo(401);
        assertThat(a.json().path("error").asText()).isEqualTo("identity proof rejected");
        assertThat(a.json().path("reason").asText()).isEqualTo(reason);
    }

    static void assertNotCompleted(Browser.Answer a, String reason) {
        assertThat(a.status()).as(a.body()).isEqualTo(401);
        assertThat(a.json().path("reason").asText()).isEqualTo(reason);
    }

    static void assertLoggedWithoutKeys(String... parts) {
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains(parts));
        assertThat(log.warnings()).noneSatisfy(m -> assertThat(m).containsAnyOf("SIG_K1_", "PUB_K1_", "PVT_K1_"));
    }

    // ------------------------------------------------------------------ the happy path

    @Test
    void signsInThroughTheWalletAndTheSessionSeesAProtectedRoute() throws Exception {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        String link = request.get("link").asText();
        assertThat(id).hasSize(22);
        assertThat(request.get("chainId").asText()).isEqualTo(devnet.chainId().toString());
        assertThat(request.get("qrSvg").asText()).contains("<svg").endsWith("</svg>\n");
        assertThat(Instant.parse(request.get("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));
        SigningRequest sent = SigningRequest.from(link);
        assertThat(sent.isIdentity()).isTrue();
        assertThat(sent.version()).isEqualTo(3);
        assertThat(sent.identityScope()).contains(SCOPE);
        assertThat(sent.chainId()).contains(devnet.chainId());
        assertThat(sent.callback()).contains(new SigningRequest.Callback(app.url() + BASE + "/callback/" + id, true));

        assertThat(browser.get("/me").status()).isEqualTo(401);
        String sessionBefore = browser.session();
        assertThat(sessionBefore).isNotNull();

        AtomicReference<CompletableFuture<JsonNode>> answered = new AtomicReference<>();
        StepVerifier.create(browser.events(BASE + "/requests/" + id + "/events"))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("pending");
                    assertThat(event(e).get("id").asText()).isEqualTo(id);
                })
                .then(() -> answered.set(aliceAnswers(link).toFuture()))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("verified");
                    assertThat(event(e).get("actor").asText()).isEqualTo("alice");
                    assertThat(event(e).get("permission").asText()).isEqualTo("active");
                    assertThat(event(e).get("chainId").asText()).isEqualTo(devnet.chainId().toString());
                })
                .expectComplete()
                .verify(TIMEOUT);
        JsonNode payload = answered.get().get(60, TimeUnit.SECONDS);
        assertThat(payload.get("sa").asText()).isEqualTo("alice");

        // the kit stored the session, with the ESR wallet
        List<SerializedSession> stored = kit.getSessions().collectList().block(TIMEOUT);
        assertThat(stored).anySatisfy(s -> {
            assertThat(s.actor()).isEqualTo("alice");
            assertThat(s.permission()).isEqualTo("active");
            assertThat(s.chain()).isEqualTo(devnet.chainId().toString());
            assertThat(s.walletPlugin().id()).isEqualTo(WalletPluginSigningRequest.ID);
        });
        assertThat(kitEvents).anySatisfy(e -> assertThat(e.type()).isEqualTo(SessionEvent.Type.LOGIN));

        Browser.Answer done = browser.post(BASE + "/requests/" + id + "/complete");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("principal").asText()).isEqualTo("alice@active");
        assertThat(done.json().get("chainId").asText()).isEqualTo(devnet.chainId().toString());
        assertThat(browser.session()).as("a new session id against fixation").isNotEqualTo(sessionBefore);

        Browser.Answer me = browser.get("/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("alice@active [ROLE_USER]");

        // the outcome is used once
        assertNotCompleted(browser.post(BASE + "/requests/" + id + "/complete"), "UNKNOWN");
        // the old session id is worth nothing
        Browser stale = new Browser(app.url());
        stale.cookies.put("SESSION", sessionBefore);
        assertThat(stale.get("/me").status()).isEqualTo(401);
    }

    @Test
    void aCallbackAnsweredTwiceIsAConflictAndAProofReplayedToAnotherRequestIsRefused() throws Exception {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode first = newRequest(browser, BASE);
        String id = first.get("id").asText();
        JsonNode payload = aliceAnswers(first.get("link").asText()).block(TIMEOUT);

        Browser.Answer again = deliver(BASE, id, payload);
        assertThat(again.status()).as(again.body()).isEqualTo(409);

        JsonNode second = newRequest(browser, BASE);
        String other = second.get("id").asText();
        // it names the first request: not this one
        assertRejected(deliver(BASE, other, payload), SignInOutcome.WRONG_REQUEST);
        // without its "req" (which the wallet does not sign), it is a proof used already
        ObjectNode withoutReq = ((ObjectNode) payload).deepCopy();
        withoutReq.remove("req");
        assertRejected(deliver(BASE, other, withoutReq), "REPLAYED");
        assertLoggedWithoutKeys("alice@active", "REPLAYED", devnet.chainId().toString());
        // refused, and left pending for the genuine wallet's own answer
        assertNotCompleted(browser.post(BASE + "/requests/" + other + "/complete"), "PENDING");
        // the first one still completes
        assertThat(browser.post(BASE + "/requests/" + id + "/complete").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ refused proofs

    @Test
    void aForgedOrMalformedAnswerLeavesTheAttemptToTheGenuineWallet() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        String link = request.get("link").asText();
        EsrTestWallet impostor = EsrTestWallet.of(DevAccount.of("bob").privateKey(), ALICE, client);
        assertThatThrownBy(() -> impostor.handle(link).block(TIMEOUT))
                .hasMessageContaining("401").hasMessageContaining("FORGED");
        assertLoggedWithoutKeys("alice@active", "FORGED", devnet.chainId().toString());
        assertRejected(new Browser(app.url()).post(BASE + "/callback/" + id, MediaType.APPLICATION_JSON, "garbage"),
                "MALFORMED");
        assertRejected(new Browser(app.url()).post(BASE + "/callback/" + id, MediaType.APPLICATION_JSON,
                "{\"sig\":\"SIG_K1_x\",\"sa\":\"alice\",\"sp\":\"active\",\"ex\":\"2030-01-01T00:00:00\"}"),
                "MALFORMED");
        assertNotCompleted(browser.post(BASE + "/requests/" + id + "/complete"), "PENDING");
        // the genuine wallet's answer still signs in
        AtomicReference<CompletableFuture<JsonNode>> answered = new AtomicReference<>();
        StepVerifier.create(browser.events(BASE + "/requests/" + id + "/events"))
                .assertNext(e -> assertThat(e.event()).isEqualTo("pending"))
                .then(() -> answered.set(aliceAnswers(link).toFuture()))
                .assertNext(e -> assertThat(e.event()).isEqualTo("verified"))
                .expectComplete()
                .verify(TIMEOUT);
        Browser.Answer done = browser.post(BASE + "/requests/" + id + "/complete");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(browser.get("/me").body()).startsWith("alice@active");
    }

    @Test
    void anAttemptFailsAfterTooManyBadAnswers() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        for (int i = 0; i < WalletSignIn.DEFAULT_MAX_BAD_ANSWERS; i++) {
            assertRejected(new Browser(app.url()).post(BASE + "/callback/" + id, MediaType.APPLICATION_JSON,
                    "{\"n\":" + i + "}"), "MALFORMED");
        }
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains(id, "failed after",
                String.valueOf(WalletSignIn.DEFAULT_MAX_BAD_ANSWERS)));
        assertThatThrownBy(() -> aliceAnswers(request.get("link").asText()).block(TIMEOUT))
                .hasMessageContaining("409");
        assertNotCompleted(browser.post(BASE + "/requests/" + id + "/complete"), "MALFORMED");
    }

    @Test
    void anExpiredProofIsRefused() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        ObjectNode old = payload(DevAccount.of("alice").privateKey(), ALICE, devnet.chainId(),
                Instant.now().minus(Duration.ofMinutes(10)), request.get("link").asText());
        assertRejected(deliver(BASE, id, old), "EXPIRED");
        assertLoggedWithoutKeys("alice@active", "EXPIRED");
        assertNotCompleted(browser.post(BASE + "/requests/" + id + "/complete"), "PENDING");
    }

    @Test
    void aProofForAnotherChainIsRefused() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        ObjectNode elsewhere = payload(DevAccount.of("alice").privateKey(), ALICE, OTHER_CHAIN,
                Instant.now().plusSeconds(60), request.get("link").asText());
        assertRejected(deliver(BASE, id, elsewhere), "WRONG_CHAIN");
        assertLoggedWithoutKeys("alice@active", "WRONG_CHAIN", OTHER_CHAIN.toString());
        assertNotCompleted(browser.post(BASE + "/requests/" + id + "/complete"), "PENDING");
    }

    @Test
    void aProofForAnotherAttemptIsRefusedAndLeftToItsOwn() {
        Browser mine = new Browser(app.url()).withCsrf();
        Browser victim = new Browser(app.url()).withCsrf();
        JsonNode own = newRequest(mine, BASE);
        JsonNode other = newRequest(victim, BASE);
        String otherId = other.get("id").asText();
        ObjectNode p = payload(DevAccount.of("carol").privateKey(), PermissionLevel.from("carol@active"),
                devnet.chainId(), Instant.now().plusSeconds(60), own.get("link").asText());
        assertRejected(deliver(BASE, otherId, p), SignInOutcome.WRONG_REQUEST);
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains(otherId, "WRONG_REQUEST", "carol@active"));
        assertNotCompleted(victim.post(BASE + "/requests/" + otherId + "/complete"), "PENDING");
        // the proof was not used up: it signs in where it was made for
        Browser.Answer a = deliver(BASE, own.get("id").asText(), p);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(mine.post(BASE + "/requests/" + own.get("id").asText() + "/complete").status()).isEqualTo(200);
    }

    @Test
    void aProofWhoseExpirationWasNotMadeForTheAttemptIsRefusedWhateverTheManager() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, LAX);
        String id = request.get("id").asText();
        Instant expiresAt = Instant.parse(request.get("expiresAt").asText());
        String link = request.get("link").asText();
        PrivateKey key = DevAccount.of("dave").privateKey();
        PermissionLevel dave = PermissionLevel.from("dave@active");
        // expired before the attempt was made
        assertRejected(deliver(LAX, id, payload(key, dave, devnet.chainId(), Instant.now().minusSeconds(60), link)),
                "EXPIRED");
        // expiring later than a wallet answering this attempt may choose
        assertRejected(deliver(LAX, id, payload(key, dave, devnet.chainId(),
                expiresAt.plus(IdentityProofVerifier.DEFAULT_MAX_LIFETIME).plusSeconds(60), link)),
                "EXPIRATION_TOO_FAR");
        assertNotCompleted(browser.post(LAX + "/requests/" + id + "/complete"), "PENDING");
        Browser.Answer ok = deliver(LAX, id, payload(key, dave, devnet.chainId(), Instant.now().plusSeconds(60), link));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void aCallbackThatIsNoProofIsMalformed() {
        Browser browser = new Browser(app.url()).withCsrf();
        String id = newRequest(browser, BASE).get("id").asText();
        Browser.Answer a = new Browser(app.url()).post(BASE + "/callback/" + id, MediaType.APPLICATION_JSON,
                "{\"sig\":\"not a signature\",\"sa\":\"alice\",\"sp\":\"active\",\"ex\":\"2030-01-01T00:00:00\"}");
        assertRejected(a, "MALFORMED");
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains(id, "MALFORMED", "\"sig\""));
    }

    @Test
    void aForegroundCallbackWithQueryParametersSignsInToo() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        ObjectNode p = payload(DevAccount.of("carol").privateKey(), PermissionLevel.from("carol@active"),
                devnet.chainId(), Instant.now().plusSeconds(60), request.get("link").asText());
        StringBuilder query = new StringBuilder();
        p.properties().forEach(f -> query.append(query.length() == 0 ? "?" : "&").append(f.getKey()).append('=')
                .append(URLEncoder.encode(f.getValue().asText(), StandardCharsets.UTF_8)));
        Browser.Answer a = new Browser(app.url()).get(java.net.URI.create(app.url() + BASE + "/callback/" + id + query));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        Browser.Answer done = browser.post(BASE + "/requests/" + id + "/complete");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(browser.get("/me").body()).startsWith("carol@active");
    }

    @Test
    void anApplicationsManagerMayRefuseAValidProof() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, REFUSING);
        String id = request.get("id").asText();
        ObjectNode p = payload(DevAccount.of("dave").privateKey(), PermissionLevel.from("dave@active"),
                devnet.chainId(), Instant.now().plusSeconds(60), request.get("link").asText());
        assertRejected(deliver(REFUSING, id, p), SignInOutcome.REFUSED);
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains(id, "dave@active", "DisabledException"));
        assertNotCompleted(browser.post(REFUSING + "/requests/" + id + "/complete"), SignInOutcome.REFUSED);
    }

    @Test
    void aFailingAuthenticationIsAServerErrorAndEndsTheAttempt() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BROKEN);
        String id = request.get("id").asText();
        ObjectNode p = payload(DevAccount.of("dave").privateKey(), PermissionLevel.from("dave@active"),
                devnet.chainId(), Instant.now().plusSeconds(120), request.get("link").asText());
        Browser.Answer a = deliver(BROKEN, id, p);
        assertThat(a.status()).as(a.body()).isEqualTo(500);
        assertThat(a.json().get("reason").asText()).isEqualTo(SignInOutcome.ERROR);
        assertThat(log.messages(ch.qos.logback.classic.Level.ERROR))
                .anySatisfy(m -> assertThat(m).contains(id, "dave@active", "the roles service is down"));
        assertNotCompleted(browser.post(BROKEN + "/requests/" + id + "/complete"), SignInOutcome.ERROR);
    }

    // ------------------------------------------------------------------ sessions, ids, CSRF, sizes

    @Test
    void onlyTheBrowserThatAskedMayWatchOrComplete() {
        Browser owner = new Browser(app.url()).withCsrf();
        Browser intruder = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(owner, BASE);
        String id = request.get("id").asText();
        assertThat(intruder.eventsStatus(BASE + "/requests/" + id + "/events")).isEqualTo(404);
        aliceAnswers(request.get("link").asText()).block(TIMEOUT);
        assertNotCompleted(intruder.post(BASE + "/requests/" + id + "/complete"), "UNKNOWN");
        assertThat(intruder.get("/me").status()).isEqualTo(401);
        // refusing the intruder did not use the outcome up
        Browser.Answer done = owner.post(BASE + "/requests/" + id + "/complete");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(owner.get("/me").status()).isEqualTo(200);
    }

    @Test
    void completingBeforeTheWalletAnsweredIsRefused() {
        Browser browser = new Browser(app.url()).withCsrf();
        String id = newRequest(browser, BASE).get("id").asText();
        assertNotCompleted(browser.post(BASE + "/requests/" + id + "/complete"), "PENDING");
    }

    @Test
    void unknownIdsAreNotFound() {
        Browser browser = new Browser(app.url()).withCsrf();
        newRequest(browser, BASE);
        ObjectNode p = payload(DevAccount.of("alice").privateKey(), ALICE, devnet.chainId(),
                Instant.now().plusSeconds(60), "esr:x");
        assertThat(deliver(BASE, "AAAAAAAAAAAAAAAAAAAAAA", p).status()).isEqualTo(404);
        assertThat(deliver(BASE, "not-an-id", p).status()).isEqualTo(404);
        assertThat(browser.eventsStatus(BASE + "/requests/AAAAAAAAAAAAAAAAAAAAAA/events")).isEqualTo(404);
        assertNotCompleted(browser.post(BASE + "/requests/AAAAAAAAAAAAAAAAAAAAAA/complete"), "UNKNOWN");
    }

    @Test
    void theBrowsersPostsNeedTheCsrfTokenAndTheWalletsCallbackDoesNot() {
        Browser noToken = new Browser(app.url());
        assertThat(noToken.post(BASE + "/requests").status()).isEqualTo(403);
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        // the test wallet posts without cookies or token
        aliceAnswers(request.get("link").asText()).block(TIMEOUT);
        Browser sameSessionNoToken = new Browser(app.url());
        sameSessionNoToken.cookies.putAll(browser.cookies);
        assertThat(sameSessionNoToken.post(BASE + "/requests/" + request.get("id").asText() + "/complete").status())
                .isEqualTo(403);
    }

    @Test
    void aCallbackLargerThanTheLimitIsRefusedAndLeavesTheRequestPending() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, BASE);
        String id = request.get("id").asText();
        String big = "{\"sig\":\"" + "A".repeat(WalletSignIn.MAX_CALLBACK_BYTES) + "\"}";
        Browser.Answer a = new Browser(app.url()).post(BASE + "/callback/" + id, MediaType.APPLICATION_JSON, big);
        assertThat(a.status()).isEqualTo(413);
        aliceAnswers(request.get("link").asText()).block(TIMEOUT);
        assertThat(browser.post(BASE + "/requests/" + id + "/complete").status()).isEqualTo(200);
    }

    @Test
    void aChainMayBeAskedForAndOnlyAnOfferedOne() {
        Browser browser = new Browser(app.url()).withCsrf();
        Browser.Answer json = browser.post(BASE + "/requests", MediaType.APPLICATION_JSON,
                "{\"chainId\":\"" + devnet.chainId() + "\"}");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("chainId").asText()).isEqualTo(devnet.chainId().toString());
        Browser.Answer form = browser.post(BASE + "/requests", MediaType.APPLICATION_FORM_URLENCODED,
                "chainId=" + OTHER_CHAIN);
        assertThat(form.status()).as(form.body()).isEqualTo(400);
        assertThat(browser.post(BASE + "/requests?chainId=nothex").status()).isEqualTo(400);
    }

    @Test
    void theCallbackMatcherMatchesTheWalletsCallbacksOnly() {
        assertThat(matches(MockServerHttpRequest.post(BASE + "/callback/abc"))).isTrue();
        assertThat(matches(MockServerHttpRequest.get(BASE + "/callback/abc?sig=x"))).isTrue();
        assertThat(matches(MockServerHttpRequest.post(BASE + "/requests"))).isFalse();
        assertThat(matches(MockServerHttpRequest.post(BASE + "/requests/abc/complete"))).isFalse();
        assertThat(matches(MockServerHttpRequest.post(SHORT + "/callback/abc"))).isFalse();
        assertThat(matches(MockServerHttpRequest.post(BASE + "/callback/abc/def"))).isFalse();
        assertThat(matches(MockServerHttpRequest.post(ESR_CALLBACK + "/abc"))).isTrue();
        assertThat(matches(MockServerHttpRequest.post(ESR_CALLBACK + "/abc/def"))).isFalse();
    }

    @Test
    void aTransactionCallbackReachesTheApplicationsReceiverThroughCsrfAndNothingElseDoes() {
        CallbackReceiver.Pending pending = receiver.register();
        assertThat(pending.url()).isEqualTo(app.url() + ESR_CALLBACK + "/" + pending.id());
        // the wallet posts its answer without cookies or CSRF token
        Browser wallet = new Browser(app.url());
        Browser.Answer a = wallet.post(ESR_CALLBACK + "/" + pending.id(), MediaType.APPLICATION_JSON,
                "{\"tx\":\"abc\",\"sig\":\"SIG_K1_x\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(pending.await(TIMEOUT).block(TIMEOUT).get("tx").asText()).isEqualTo("abc");
        // only {path}/{id} is exempt: any other post without a token is refused
        Browser noToken = new Browser(app.url());
        assertThat(noToken.post(ESR_CALLBACK + "/" + pending.id() + "/more", MediaType.APPLICATION_JSON, "{}")
                .status()).isEqualTo(403);
        assertThat(noToken.post(ESR_CALLBACK + "x/abc", MediaType.APPLICATION_JSON, "{}").status()).isEqualTo(403);
        assertThat(noToken.post("/other/abc", MediaType.APPLICATION_JSON, "{}").status()).isEqualTo(403);
        assertThat(noToken.post(BASE + "/callback/abc/more", MediaType.APPLICATION_JSON, "{}").status())
                .isEqualTo(403);
        assertThat(noToken.post(BASE + "/requests").status()).isEqualTo(403);
    }

    static boolean matches(MockServerHttpRequest.BaseBuilder<?> request) {
        return signIn.callbackMatcher().matches(MockServerWebExchange.from(request)).block(TIMEOUT).isMatch();
    }

    // ------------------------------------------------------------------ timeout

    @Test
    void aRequestTheWalletDoesNotAnswerInTimeExpires() {
        Browser browser = new Browser(app.url()).withCsrf();
        JsonNode request = newRequest(browser, SHORT);
        String id = request.get("id").asText();
        StepVerifier.create(browser.events(SHORT + "/requests/" + id + "/events"))
                .assertNext(e -> assertThat(e.event()).isEqualTo("pending"))
                .assertNext(e -> assertThat(e.event()).isEqualTo("expired"))
                .expectComplete()
                .verify(TIMEOUT);
        // a wallet answering now is too late
        assertThatThrownBy(() -> aliceAnswers(request.get("link").asText()).block(TIMEOUT))
                .hasMessageContaining("404");
        assertNotCompleted(browser.post(SHORT + "/requests/" + id + "/complete"), "EXPIRED");
    }
}
