package com.example.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.test.BlockHoundSupport;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service of docs/webflux.md on the embedded devnet, driven as a browser and a wallet would:
 * alice signs in with her wallet ({@link EsrTestWallet} answers as Anchor does), reads her
 * balances, sends bob a transfer her wallet signs (its answer reaches {@code /esr-callback/{id}}
 * without a session or CSRF token), and gets a welcome gift the service signs with its own key.
 */
@ExtendWith(BlockHoundSupport.class)
class ServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static Devnet devnet;
    static ConfigurableApplicationContext app;
    static ChainClient client;
    static String base;
    static EsrTestWallet alicesWallet;

    @BeforeAll
    static void start() throws IOException {
        devnet = Devnet.builder().genesis(Service.genesis()).start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        app = Service.start(devnet, "--server.port=" + port);
        base = "http://127.0.0.1:" + port;
        client = ChainClient.create(devnet.url());
        alicesWallet = EsrTestWallet.of(DevAccount.of("alice").privateKey(), PermissionLevel.from("alice@active"), client);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.dispose();
        }
        if (app != null) {
            app.close();
        }
        if (devnet != null) {
            devnet.stop();
        }
    }

    static long balance(String account) {
        return client.getCurrencyBalance(Name.from("eosio.token"), Name.from(account), SymbolCode.from("EOS"))
                .block(TIMEOUT).balances().get(0).units();
    }

    @Test
    void aliceSignsInWithHerWalletAndSendsATransferHerWalletSigns() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);

        // sign in: the identity request, the wallet's answer, then completing it in this browser
        JsonNode attempt = browser.post("/auth/antelope/requests", Map.of());
        alicesWallet.handle(attempt.path("link").asText()).block(TIMEOUT);
        JsonNode signedIn = browser.post("/auth/antelope/requests/" + attempt.path("id").asText() + "/complete", Map.of());
        assertThat(signedIn.path("principal").asText()).isEqualTo("alice@active");
        browser.readCsrfToken();                        // again, as a page does after signing in

        JsonNode me = JSON.readTree(browser.get("/api/me").body());
        assertThat(me.path("account").asText()).isEqualTo("alice@active");
        assertThat(me.path("chainId").asText()).isEqualTo(devnet.chainId().toString());
        assertThat(JSON.readTree(browser.get("/api/balances").body()).get(0).asText()).isEqualTo("1000000.0000 EOS");

        // a transfer her wallet signs: the prompt's link goes to the wallet, which posts to /esr-callback/{id}
        long bob = balance("bob");
        List<String> states = new ArrayList<>();
        try (Stream<String> lines = browser.postForEvents("/api/transfers",
                Map.of("to", "bob", "quantity", "1.2500 EOS", "memo", "from the guide"))) {
            String event = null;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    JsonNode data = JSON.readTree(line.substring("data:".length()));
                    if ("prompt".equals(event)) {
                        assertThat(data.path("qrSvg").asText()).contains("<svg");
                        alicesWallet.handle(data.path("link").asText()).block(TIMEOUT);
                    } else if ("status".equals(event)) {
                        states.add(data.path("state").asText());
                    } else {
                        throw new AssertionError(event + ": " + data);
                    }
                }
            }
        }
        assertThat(states).startsWith("ACCEPTED").endsWith("IRREVERSIBLE");
        assertThat(balance("bob") - bob).isEqualTo(Asset.from("1.2500 EOS").units());

        // the service's own transfer, signed with its own key
        long alice = balance("alice");
        assertThat(browser.post("/api/welcome", Map.of()).path("transactionId").asText()).hasSize(64);
        assertThat(balance("alice") - alice).isEqualTo(Asset.from("1.0000 EOS").units());
    }

    @Test
    void walletsPostWithoutCsrfTokenButEveryOtherPostNeedsIt() throws Exception {
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // no session, no token: a wallet's callback for a request nobody waits for is a 404, not a 403
        assertThat(bare.send(HttpRequest.newBuilder(URI.create(base + "/esr-callback/AAAAAAAAAAAAAAAAAAAAAA"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        // any other POST without the token is refused
        assertThat(bare.send(HttpRequest.newBuilder(URI.create(base + "/auth/antelope/requests"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void mainRunsTheServiceOnADevnet() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Service.main(new String[] {"--server.port=" + port});    // runs until the JVM stops (its shutdown hook)
        HttpResponse<String> csrf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/csrf")).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(csrf.body()).path("headerName").asText()).isEqualTo("X-CSRF-TOKEN");
    }

    /** A browser: its cookies (the web session) and the CSRF token of GET /csrf. */
    static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build();
        private String csrfHeader;
        private String csrfToken;

        Browser() throws IOException, InterruptedException {
            readCsrfToken();
        }

        void readCsrfToken() throws IOException, InterruptedException {
            JsonNode csrf = JSON.readTree(get("/csrf").body());
            csrfHeader = csrf.path("headerName").asText();
            csrfToken = csrf.path("token").asText();
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpRequest.Builder post(String path, Object body, String accept) throws IOException {
            return HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").header("Accept", accept).header(csrfHeader, csrfToken)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }

        JsonNode post(String path, Object body) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(post(path, body, "application/json").timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        /** The lines of a server-sent event stream, as they come. */
        Stream<String> postForEvents(String path, Object body) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> r = http.send(post(path, body, "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }
}
