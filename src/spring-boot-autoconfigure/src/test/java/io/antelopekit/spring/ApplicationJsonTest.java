package io.antelopekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.session.LoginOptions;
import io.antelopekit.session.LoginResult;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactEvent;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * antelopekit's types through a Spring Boot 4 WebFlux application's own codec (Jackson 3, with
 * the auto-configuration's {@link AntelopeJacksonModule}): the prompts, transact events, results
 * and session data an application forwards to a page come out as the SDK's JSON (the JSON its
 * Jackson 2 mapper writes: {@code esr:} links, ids and names as strings, never a tree's bean
 * properties), and {@code @RequestBody} of those types and of a Jackson 2 {@code JsonNode} reads
 * them back intact.
 */
@ExtendWith(BlockHoundSupport.class)
class ApplicationJsonTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper SDK_JSON = ChainJson.mapper();

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b);

    static Devnet devnet;
    static ConfigurableApplicationContext app;
    static WebTestClient http;
    static Values values;

    static PromptArgs prompt;
    static List<TransactEvent> events;
    static TransactResult result;
    static JsonNode sessionData;

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        SpringApplication application = new SpringApplication(JsonApp.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("antelopekit.app-name", "jsontest");
        properties.put("antelopekit.chains[0].id", devnet.chainId().toString());
        properties.put("antelopekit.chains[0].name", "devnet");
        properties.put("antelopekit.chains[0].urls[0]", devnet.url());
        properties.put("antelopekit.chains[0].system-token", "4,EOS");
        application.setDefaultProperties(properties);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("serviceWallet",
                WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())));
        app = application.run();
        http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(TIMEOUT).build();
        values = app.getBean(Values.class);

        // what a session gives: a signing request's prompt, the events of a transfer to IRREVERSIBLE, its result
        ObjectNode link = JsonNodeFactory.instance.objectNode().put("href", "esr:gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoQxMDAwA");
        ObjectNode countdown = JsonNodeFactory.instance.objectNode().put("end", "2030-01-01T00:00:00Z");
        prompt = new PromptArgs("Sign", "Scan the QR code with your wallet", List.of(
                new PromptArgs.Element("qr", null, JsonNodeFactory.instance.textNode(link.path("href").asText())),
                new PromptArgs.Element("link", "Open your wallet", link),
                new PromptArgs.Element("countdown", null, countdown),
                new PromptArgs.Element("close", "Cancel", null)), true);
        SessionKit kit = app.getBean(SessionKit.class);
        Session session = kit.login(LoginOptions.builder().walletPlugin(WalletPluginPrivateKey.ID)
                .permissionLevel("alice@active").build()).map(LoginResult::session).block(TIMEOUT);
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("theme", "dark").put("ratio", new java.math.BigDecimal("1.50"));
        data.putArray("favourites").add("bob").add(7);
        session = session.withData(data);
        sessionData = session.data();
        events = session.transactAndTrack(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", "json")))).collectList().block(TIMEOUT);
        result = ((TransactEvent.Accepted) events.get(0)).result();

        values.put("prompt", prompt);
        values.put("result", result);
        values.put("data", sessionData);
        values.put("accepted", events.get(0));
        values.put("status", events.get(events.size() - 1));
        values.put("name", Name.from("alice"));
        values.put("asset", Asset.from("1.2500 EOS"));
        values.put("id", result.id());
        values.put("signer", PermissionLevel.from("alice@active"));
        values.put("key", DevAccount.of("alice").publicKey());
        values.put("signature", result.signatures().get(0));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** What the SDK's Jackson 2 mapper writes for {@code value}: the JSON the page must get. */
    static JsonNode sdkJson(Object value) {
        try {
            return SDK_JSON.readTree(SDK_JSON.writeValueAsString(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String get(String path) {
        return http.get().uri(path).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    static String post(String path, Object body) throws Exception {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(SDK_JSON.writeValueAsString(body)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void aPromptReachesThePageWithItsLinkAndComesBackIntact() throws Exception {
        String body = get("/values/prompt");
        assertThat(body).doesNotContain("nodeType").contains("esr:gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoQxMDAwA");
        assertThat(SDK_JSON.readTree(body)).isEqualTo(sdkJson(prompt));
        assertThat(SDK_JSON.readTree(body).path("elements").get(1).path("data").path("href").asText())
                .startsWith("esr:");
        assertThat(SDK_JSON.readValue(body, PromptArgs.class)).isEqualTo(prompt);
        assertThat(SDK_JSON.readValue(post("/echo/prompt", prompt), PromptArgs.class)).isEqualTo(prompt);
    }

    @Test
    void eachTransactEventReachesThePageAsJsonAndAsServerSentEvents() throws Exception {
        assertThat(events).hasSizeGreaterThan(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TransactEvent.StatusChanged.class);
        for (String name : List.of("accepted", "status")) {
            TransactEvent event = (TransactEvent) values.get(name);
            String body = get("/values/" + name);
            assertThat(body).as(name).doesNotContain("nodeType").contains(event.transactionId().toString());
            assertThat(SDK_JSON.readTree(body)).as(name).isEqualTo(sdkJson(event));
            assertThat(SDK_JSON.readValue(body, TransactEvent.class)).as(name).isEqualTo(event);
            assertThat(SDK_JSON.readTree(post("/echo/event", event))).as(name).isEqualTo(sdkJson(event));
        }
        assertThat(SDK_JSON.readTree(get("/values/status")).path("status").path("state").asText())
                .isEqualTo("IRREVERSIBLE");

        List<ServerSentEvent<String>> sse = http.get().uri("/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody().collectList().block(TIMEOUT);
        assertThat(sse).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(SDK_JSON.readTree(sse.get(i).data())).isEqualTo(sdkJson(events.get(i)));
            assertThat(SDK_JSON.readValue(sse.get(i).data(), TransactEvent.class)).isEqualTo(events.get(i));
        }
    }

    @Test
    void aTransactResultReachesThePageWithItsTransactionAndComesBackIntact() throws Exception {
        String body = get("/values/result");
        assertThat(body).doesNotContain("nodeType").contains(result.id().toString());
        JsonNode json = SDK_JSON.readTree(body);
        assertThat(json).isEqualTo(sdkJson(result));
        assertThat(json.path("response").path("processed").path("action_traces").get(0).path("act").path("data")
                .path("quantity").asText()).isEqualTo("0.0001 EOS");
        assertThat(SDK_JSON.readTree(post("/echo/result", result))).isEqualTo(sdkJson(result));
        TransactResult back = SDK_JSON.readValue(body, TransactResult.class);
        assertThat(sdkJson(back)).isEqualTo(sdkJson(result));
    }

    @Test
    void aSessionsDataAndAJackson2JsonNodeGoThroughAsJson() throws Exception {
        String body = get("/values/data");
        assertThat(body).doesNotContain("nodeType");
        assertThat(SDK_JSON.readTree(body)).isEqualTo(sessionData);
        assertThat(body).contains("1.50");
        assertThat(SDK_JSON.readTree(post("/echo/json", sessionData))).isEqualTo(sessionData);
        assertThat(SDK_JSON.readTree(post("/echo/json", JsonNodeFactory.instance.textNode("esr:abc"))).asText())
                .isEqualTo("esr:abc");
        assertThat(http.post().uri("/echo/json").contentType(MediaType.APPLICATION_JSON).bodyValue("[1, {\"a\": null}, true]")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .isEqualTo("[1,{\"a\":null},true]");
    }

    @Test
    void valueTypesAreTheirCanonicalStrings() throws Exception {
        for (String name : List.of("name", "asset", "id", "key", "signature")) {
            Object value = values.get(name);
            assertThat(get("/values/" + name)).as(name).isEqualTo("\"" + value + "\"");
        }
        assertThat(get("/values/signer")).isEqualTo("{\"actor\":\"alice\",\"permission\":\"active\"}");
        ValueForm form = SDK_JSON.readValue(post("/echo/values", Map.of("name", "bob", "asset", "1.0000 EOS",
                "id", result.id().toString(), "signer", Map.of("actor", "bob", "permission", "active"),
                "key", DevAccount.of("bob").publicKey().toString(), "signature", result.signatures().get(0).toString())),
                ValueForm.class);
        assertThat(form).isEqualTo(new ValueForm(Name.from("bob"), Asset.from("1.0000 EOS"), result.id(),
                        PermissionLevel.from("bob@active"), DevAccount.of("bob").publicKey(), result.signatures().get(0)));
        // a bad value is the client's error, never a 500
        http.post().uri("/echo/values").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"Not A Name\"}")
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/echo/json").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\": ")
                .exchange().expectStatus().isBadRequest();
    }

    /** An application's own form, with antelopekit's value types as fields. */
    record ValueForm(Name name, Asset asset, Checksum256 id, PermissionLevel signer, PublicKey key, Signature signature) {
    }

    /** The values the application's routes give out. */
    static final class Values {
        private final Map<String, Object> values = new ConcurrentHashMap<>();

        void put(String name, Object value) {
            values.put(name, value);
        }

        Object get(String name) {
            return values.get(name);
        }
    }

    /** A Spring Boot 4 WebFlux application whose routes give out and take in antelopekit's types. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Routes.class)
    static class JsonApp {

        @Bean
        Values values() {
            return new Values();
        }

        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.authorizeExchange(a -> a.anyExchange().permitAll())
                    .csrf(ServerHttpSecurity.CsrfSpec::disable).build();
        }
    }

    @RestController
    static class Routes {
        private final Values values;

        Routes(Values values) {
            this.values = values;
        }

        @GetMapping("/values/{name}")
        Object value(@PathVariable("name") String name) {
            return values.get(name);
        }

        @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<TransactEvent> events() {
            return Flux.fromIterable(events);
        }

        @PostMapping("/echo/prompt")
        PromptArgs prompt(@RequestBody PromptArgs prompt) {
            return prompt;
        }

        @PostMapping("/echo/event")
        TransactEvent event(@RequestBody TransactEvent event) {
            return event;
        }

        @PostMapping("/echo/result")
        TransactResult result(@RequestBody TransactResult result) {
            return result;
        }

        @PostMapping("/echo/json")
        JsonNode json(@RequestBody JsonNode json) {
            return json;
        }

        @PostMapping("/echo/values")
        ValueForm values(@RequestBody ValueForm form) {
            return form;
        }
    }
}
