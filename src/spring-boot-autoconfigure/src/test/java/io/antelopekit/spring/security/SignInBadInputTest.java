package io.antelopekit.spring.security;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionKit;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixed corpus of bad requests (empty, non-JSON, JSON of the wrong types, huge, invalid UTF-8,
 * bad ids, wrong methods, wrong content types, bad query parameters) sent to every sign-in
 * route on a real server behind Spring Security: none is answered with a server error or a
 * stack trace.
 */
@ExtendWith(BlockHoundSupport.class)
class SignInBadInputTest {

    static final String BASE = WalletSignIn.DEFAULT_BASE_PATH;

    static Devnet devnet;
    static ChainClient client;
    static SessionKit kit;
    static SignInTestApp app;
    static LogCapture log;

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
        app = SignInTestApp.start();
        app.install(WalletSignIn.builder().kit(kit).authenticationManager(IdentityProofAuthenticationManager.of(
                verifier)).publicUrl(app.url()).maxPendingPerSession(10_000).maxPendingPerClient(10_000)
                .maxRequestsPerMinute(1_000_000).build());
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

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The bodies of the corpus, by name. */
    static Map<String, byte[]> bodies() {
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("none", null);
        b.put("empty", new byte[0]);
        b.put("not JSON", utf8("this is not JSON"));
        b.put("half JSON", utf8("{\"sig\":"));
        b.put("null", utf8("null"));
        b.put("a string", utf8("\"sig\""));
        b.put("a number", utf8("12345678901234567890123456789012345678901234567890"));
        b.put("an array", utf8("[1,2,3]"));
        b.put("wrong types", utf8("{\"sig\":1,\"sa\":[\"alice\"],\"sp\":{\"a\":1},\"ex\":true,\"cid\":null,"
                + "\"chainId\":42,\"req\":{}}"));
        b.put("bad values", utf8("{\"sig\":\"SIG_K1_x\",\"sa\":\"ALICE!\",\"sp\":\"\",\"ex\":\"yesterday\","
                + "\"cid\":\"nothex\",\"chainId\":\"nothex\"}"));
        b.put("huge time", utf8("{\"sig\":\"SIG_K1_x\",\"sa\":\"alice\",\"sp\":\"active\","
                + "\"ex\":\"99999-12-31T00:00:00\"}"));
        b.put("deep", utf8("[".repeat(5000) + "]".repeat(5000)));
        b.put("invalid UTF-8", new byte[] {'{', '"', 's', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                '"', '}'});
        b.put("form", utf8("chainId=%ZZ&sig=%&&="));
        b.put("17 KB", utf8("{\"sig\":\"" + "A".repeat(17 * 1024) + "\"}"));
        b.put("1 MB", new byte[1024 * 1024]);
        return b;
    }

    static final List<String> TYPES = List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "application/x-bad-type",
            "image/png");

    @Test
    void noBadRequestIsAServerError() {
        Browser owner = new Browser(app.url()).withCsrf();
        Browser.Answer created = owner.post(BASE + "/requests");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String pending = created.json().get("id").asText();
        String unknown = "AAAAAAAAAAAAAAAAAAAAAA";
        List<String> ids = List.of(pending, unknown, "not-an-id", "%00%C3%28", "a".repeat(3000),
                "%E2%82%AC" + "A".repeat(19));
        List<String> paths = new ArrayList<>();
        paths.add(BASE + "/requests");
        paths.add(BASE + "/requests?chainId=nothex");
        paths.add(BASE + "/requests?chainId=" + "0".repeat(64));
        paths.add(BASE + "/requests?chainId=%00&chainId=x");
        paths.add(BASE + "/requests?chainId=" + "f".repeat(3000));
        for (String id : ids) {
            paths.add(BASE + "/requests/" + id + "/events");
            paths.add(BASE + "/requests/" + id + "/complete");
            paths.add(BASE + "/callback/" + id);
            paths.add(BASE + "/callback/" + id + "?sig=x&sa=&ex=%00&cid=nothex&sp=" + "p".repeat(2000));
        }
        paths.add(BASE + "/callback/");
        paths.add(BASE + "/requests//events");
        List<HttpMethod> methods = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
                HttpMethod.PATCH, HttpMethod.OPTIONS);
        Map<String, byte[]> bodies = bodies();
        List<String> failures = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        int sent = 0;
        for (String path : paths) {
            URI uri = URI.create(app.url() + path);
            for (HttpMethod method : methods) {
                for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                    // every body as JSON, and one of them as every other type
                    List<String> types = body.getValue() == null ? List.of("none")
                            : body.getKey().equals("not JSON") || body.getKey().equals("form") ? TYPES
                            : List.of("application/json");
                    for (String type : types) {
                        if (path.equals(BASE + "/requests/" + pending + "/events") && method == HttpMethod.GET) {
                            continue; // the stream of a pending attempt: it waits
                        }
                        // the wallet's callbacks come without cookies or token; the browser's with them
                        Browser who = path.contains("/callback/") ? new Browser(app.url()) : owner;
                        Browser.Answer a;
                        try {
                            a = who.send(method, uri, "none".equals(type) ? null : type, body.getValue());
                        } catch (RuntimeException e) {
                            closed.add(method + " " + path.substring(0, Math.min(path.length(), 80)) + " "
                                    + body.getKey() + " as " + type + ": " + e.getMessage());
                            continue;
                        }
                        sent++;
                        if (a.status() >= 500 || a.body().contains("Exception") || a.body().contains("\tat ")) {
                            failures.add(method + " " + path.substring(0, Math.min(path.length(), 80)) + " "
                                    + body.getKey() + " as " + type + ": " + a.status() + " "
                                    + a.body().substring(0, Math.min(a.body().length(), 200)));
                        }
                    }
                }
            }
        }
        // a body far over the limit, answered early (413, 404) while the client still sends it,
        // may end in a closed connection the client sees before the answer: never a server error
        assertThat(closed).allSatisfy(c -> assertThat(c).contains(" 1 MB as "));
        assertThat(failures).as("of " + sent + " bad requests; logged: " + log.messages(ch.qos.logback.classic.Level.ERROR))
                .isEmpty();
        assertThat(log.messages(ch.qos.logback.classic.Level.ERROR)).isEmpty();
    }
}
