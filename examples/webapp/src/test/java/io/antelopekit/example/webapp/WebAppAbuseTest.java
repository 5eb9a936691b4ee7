package io.antelopekit.example.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.test.BadRequests;
import io.antelopekit.test.BlockHoundSupport;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The example application probed as an attacker or a careless client would (issue 17).
 *
 * <p>Every route gets the fixed bad-request corpus, signed out and signed in: no answer is a 5xx
 * or shows internals.
 *
 * <p>Finding 9: the example's devnet test wallet was on by default and answered anyone. A
 * signed-out caller had the server sign and broadcast alice to dave 5 EOS and post the callback
 * to a URL of the caller's choosing. Now it is off unless {@code webapp.dev-wallet=true}, and
 * when on it answers only the calling browser's own sign-in, and posts only to the application.
 */
@ExtendWith(BlockHoundSupport.class)
class WebAppAbuseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Devnet devnet;
    private static ConfigurableApplicationContext on;
    private static ConfigurableApplicationContext off;
    private static ChainClient client;
    private static DisposableServer elsewhere;
    private static final AtomicInteger elsewhereHits = new AtomicInteger();

    @BeforeAll
    static void start() {
        devnet = Devnet.builder().genesis(WebApp.genesis()).start();
        on = WebApp.start(devnet, "--server.port=0", "--webapp.dev-wallet=true");
        off = WebApp.start(devnet, "--server.port=0");
        client = ChainClient.create(devnet.url());
        elsewhere = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    elsewhereHits.incrementAndGet();
                    return res.sendString(reactor.core.publisher.Mono.just("ok"));
                })
                .bindNow(WAIT);
    }

    @AfterAll
    static void stop() {
        if (elsewhere != null) {
            elsewhere.disposeNow(WAIT);
        }
        if (client != null) {
            client.dispose();
        }
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {on, off}) {
            if (app != null) {
                app.close();
            }
        }
        if (devnet != null) {
            devnet.stop();
        }
    }

    @Test
    void offUnlessADevPropertyTurnsItOn() throws Exception {
        Browser b = new Browser(off);
        assertThat(b.config().path("devWallet").asBoolean(true)).isFalse();
        String link = b.startSignIn().path("link").asText();
        Reply r = b.post("/dev/wallet/answer", Map.of("link", link, "account", "alice"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(b.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void aSignedOutCallerCannotHaveTheServerSignATransferNorPostElsewhere() throws Exception {
        String alice = balance("alice");
        String dave = balance("dave");
        Browser attacker = new Browser(on);
        attacker.config();
        String transferTo = "{\"account\":\"eosio.token\",\"name\":\"transfer\",\"authorization\":[{\"actor\":\"alice\","
                + "\"permission\":\"active\"}],\"data\":{\"from\":\"alice\",\"to\":\"dave\",\"quantity\":\"5.0000 EOS\","
                + "\"memo\":\"stolen\"}}";
        String publicUrl = on.getBean(WebAppSettings.class).publicUrl();
        for (String callback : new String[] {
                "http://127.0.0.1:" + elsewhere.port() + "/collect",                 // the finding: a URL of the caller's
                publicUrl + WebApp.CALLBACK_PATH + "/AAAAAAAAAAAAAAAAAAAAAA",       // this application's route, no transfer
                publicUrl + WebApp.CALLBACK_PATH + "/../../evil",
                publicUrl + "/auth/antelope/callback/AAAAAAAAAAAAAAAAAAAAAA"}) {    // a transfer on the sign-in route
            SigningRequest request = SigningRequest.builder().chainId(devnet.chainId())
                    .abi(Name.from("eosio.token"), client.abi(Name.from("eosio.token")).block(WAIT))
                    .action(JSON.readTree(transferTo)).callback(callback, true).build();
            Reply r = attacker.post("/dev/wallet/answer", Map.of("link", request.encode(), "account", "alice"));
            assertThat(r.status()).as(callback + ": " + r.body()).isIn(400, 403);
        }
        assertThat(elsewhereHits.get()).as("nothing was posted elsewhere").isZero();
        assertThat(balance("alice")).isEqualTo(alice);
        assertThat(balance("dave")).isEqualTo(dave);
    }

    @Test
    void itAnswersOnlyTheCallingBrowsersOwnSignIn() throws Exception {
        Browser victim = new Browser(on);
        String victimsLink = victim.startSignIn().path("link").asText();

        // another browser (the link is on the victim's screen) cannot have it answered as anyone
        Browser attacker = new Browser(on);
        attacker.config();
        Reply stolen = attacker.post("/dev/wallet/answer", Map.of("link", victimsLink, "account", "carol"));
        assertThat(stolen.status()).as(stolen.body()).isEqualTo(403);
        assertThat(stolen.body()).contains("this browser's own pending sign-in");

        // the victim's own attempt is still pending and its own browser may use the dev wallet
        Reply own = victim.post("/dev/wallet/answer", Map.of("link", victimsLink, "account", "bob"));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("account").asText()).isEqualTo("bob@active");
    }

    @Test
    void noBadRequestGetsA5xxOnAnyRoute() throws Exception {
        Map<String, String> routes = new java.util.LinkedHashMap<>();
        routes.put("/config", "GET");
        routes.put("/api/me", "GET");
        routes.put("/api/balances", "GET");
        routes.put("/api/transfers", "POST");
        routes.put("/api/transfers/{id}/events", "GET");
        routes.put("/api/transfers/{id}/cancel", "POST");
        routes.put("/api/session/forget", "POST");
        routes.put("/dev/wallet/answer", "POST");
        routes.put(WebApp.CALLBACK_PATH + "/{id}", "POST");
        routes.put("/logout", "POST");
        routes.put("/", "GET");
        routes.put("/app.js", "GET");
        String base = on.getBean(WebAppSettings.class).publicUrl();

        // signed out, with a web session and its CSRF token
        Browser stranger = new Browser(on);
        stranger.config();
        java.util.List<BadRequests.Answer> answers = new java.util.ArrayList<>(
                BadRequests.send(base, BadRequests.against(routes, stranger::dress)));

        // signed in as alice through her own sign-in (the dev wallet answers this browser's attempt)
        Browser alice = new Browser(on);
        JsonNode attempt = alice.startSignIn();
        assertThat(alice.post("/dev/wallet/answer", Map.of("link", attempt.path("link").asText(), "account", "alice"))
                .status()).isEqualTo(200);
        Reply complete = alice.post("/auth/antelope/requests/" + attempt.path("id").asText() + "/complete", Map.of());
        assertThat(complete.status()).as(complete.body()).isEqualTo(200);
        alice.config();
        assertThat(alice.get("/api/me").status()).isEqualTo(200);
        routes.remove("/logout");
        answers.addAll(BadRequests.send(base, BadRequests.against(routes, alice::dress)));
        answers.addAll(BadRequests.sendBrokenHttp(base, "/api/transfers"));

        BadRequests.assertNoServerError(answers);
        assertThat(alice.get("/api/me").status()).as("alice is still signed in").isEqualTo(200);
    }

    private static String balance(String account) {
        return client.getCurrencyBalance(Name.from("eosio.token"), Name.from(account), SymbolCode.from("EOS"))
                .block(WAIT).balances().get(0).toString();
    }

    record Reply(int status, String body) {
    }

    /** A browser: its own cookies (web session) and the CSRF token the page reads from /config. */
    static final class Browser {
        private final CookieManager cookies = new CookieManager();
        /**
         * Each request on a connection of its own, HTTP/1.1, as the sign-in tests' browser does (a
         * kept-alive connection once hung a request for its whole timeout in a full run: the
         * same symptom the spring security tests' browser had with a shared pool).
         */
        private HttpClient http() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                    .connectTimeout(WAIT).build();
        }
        private final String base;
        private String csrfHeader;
        private String csrfToken;

        Browser(ConfigurableApplicationContext app) {
            this.base = app.getBean(WebAppSettings.class).publicUrl();
        }

        JsonNode config() throws IOException, InterruptedException {
            JsonNode config = JSON.readTree(get("/config").body());
            csrfHeader = config.path("csrf").path("headerName").asText();
            csrfToken = config.path("csrf").path("token").asText();
            return config;
        }

        /** {@code probe} with this browser's cookies and CSRF token. */
        BadRequests.Probe dress(BadRequests.Probe probe) {
            BadRequests.Probe p = probe;
            String header = cookies.getCookieStore().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).collect(java.util.stream.Collectors.joining("; "));
            if (!header.isEmpty()) {
                p = p.withHeader("Cookie", header);
            }
            if (csrfToken != null && !csrfToken.isEmpty()) {
                p = p.withHeader(csrfHeader, csrfToken);
            }
            return p;
        }

        JsonNode startSignIn() throws IOException, InterruptedException {
            config();
            Reply r = post("/auth/antelope/requests", Map.of());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        Reply get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        }

        Reply post(String path, Map<String, ?> body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (csrfToken != null && !csrfToken.isEmpty()) {
                b.header(csrfHeader, csrfToken);
            }
            HttpResponse<String> r = http().send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        }
    }
}
