package io.antelopekit.devnet;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.test.BlockHoundSupport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A fixed corpus of bad requests sent to every route the devnet serves: none is answered with a
 * 5xx (a crash), and every error is node-shaped,
 * {@code {"code","message","error":{"code","name","what","details"}}} with the HTTP status as
 * {@code code} and a reason in the first detail, as nodeos answers a request it cannot parse:
 * 400 {@code invalid_http_request} (or the node's 400 for an unknown block). An unknown route is
 * nodeos's 404; a body over the limit is refused with 413 and the limit as its reason, then the
 * connection closes (nodeos closes without an answer).
 */
@ExtendWith(BlockHoundSupport.class)
class DevnetBadRequestTest {

    /** Every route the devnet serves, with its fields (to be given the wrong values). */
    static final Map<String, List<String>> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("get_info", List.of());
        ROUTES.put("get_account", List.of("account_name"));
        ROUTES.put("get_abi", List.of("account_name"));
        ROUTES.put("get_raw_abi", List.of("account_name"));
        ROUTES.put("get_block", List.of("block_num_or_id"));
        ROUTES.put("get_block_info", List.of("block_num"));
        ROUTES.put("get_table_rows", List.of("code", "table", "scope", "lower_bound", "upper_bound", "limit",
                "index_position"));
        ROUTES.put("get_table_by_scope", List.of("code", "table", "lower_bound", "upper_bound", "limit", "reverse"));
        ROUTES.put("get_currency_balance", List.of("code", "account", "symbol"));
        ROUTES.put("get_currency_stats", List.of("code", "symbol"));
        ROUTES.put("get_required_keys", List.of("transaction", "available_keys"));
        ROUTES.put("get_transaction_status", List.of("id"));
        ROUTES.put("get_accounts_by_authorizers", List.of("accounts", "keys"));
        ROUTES.put("push_transaction", List.of("packed_trx", "signatures", "compression", "packed_context_free_data"));
        ROUTES.put("send_transaction", List.of("packed_trx", "signatures", "compression", "packed_context_free_data"));
        ROUTES.put("send_transaction2", List.of("transaction", "return_failure_trace", "retry_trx"));
        ROUTES.put("compute_transaction", List.of("transaction"));
        ROUTES.put("send_read_only_transaction", List.of("transaction"));
    }

    /** A valid request of each route, to which one field at a time is given a wrong value (transactions: below). */
    static final Map<String, String> VALID = new LinkedHashMap<>(Map.ofEntries(
            Map.entry("get_info", "{}"),
            Map.entry("get_account", "{\"account_name\":\"alice\"}"),
            Map.entry("get_abi", "{\"account_name\":\"eosio.token\"}"),
            Map.entry("get_raw_abi", "{\"account_name\":\"eosio.token\"}"),
            Map.entry("get_block", "{\"block_num_or_id\":1}"),
            Map.entry("get_block_info", "{\"block_num\":1}"),
            Map.entry("get_table_rows", "{\"code\":\"eosio.token\",\"table\":\"accounts\",\"scope\":\"alice\","
                    + "\"json\":true}"),
            Map.entry("get_table_by_scope", "{\"code\":\"eosio.token\",\"table\":\"accounts\"}"),
            Map.entry("get_currency_balance", "{\"code\":\"eosio.token\",\"account\":\"alice\",\"symbol\":\"EOS\"}"),
            Map.entry("get_currency_stats", "{\"code\":\"eosio.token\",\"symbol\":\"EOS\"}"),
            Map.entry("get_required_keys", "{\"transaction\":{\"expiration\":\"2030-01-01T00:00:00\","
                    + "\"ref_block_num\":0,\"ref_block_prefix\":0,\"max_net_usage_words\":0,\"max_cpu_usage_ms\":0,"
                    + "\"delay_sec\":0,\"context_free_actions\":[],\"actions\":[],\"transaction_extensions\":[]},"
                    + "\"available_keys\":[]}"),
            Map.entry("get_transaction_status", "{\"id\":\"" + "0".repeat(64) + "\"}"),
            Map.entry("get_accounts_by_authorizers", "{\"accounts\":[\"alice\"],\"keys\":[]}")));

    /**
     * The 500s nodeos itself answers to values of the right JSON type that it cannot convert, so
     * the devnet must too (node-shaped refusals, not crashes): a {@code get_table_rows} scope or
     * bound that is no number, name or symbol ({@code convert_to_type} in chain_plugin, a
     * {@code chain_type_exception} outside {@code parse_params}), an {@code index_position} that is
     * no index word or number, or names a secondary index without a {@code key_type}
     * ({@code get_table_index_name}, {@code get_table_rows}: {@code contract_table_query_exception}),
     * a {@code get_table_by_scope} bound that is no number, name or symbol, and a packed
     * transaction whose
     * hex does not unpack (nodeos: {@code packed_transaction_type_exception}, "Invalid packed
     * transaction", from {@code read_write::push_transaction}).
     */
    static final Map<String, String> NODE_500S = Map.ofEntries(
            Map.entry("get_table_rows.scope", "chain_type_exception"),
            Map.entry("get_table_rows.lower_bound", "chain_type_exception"),
            Map.entry("get_table_rows.upper_bound", "chain_type_exception"),
            Map.entry("get_table_rows.index_position", "contract_table_query_exception"),
            Map.entry("get_table_by_scope.lower_bound", "chain_type_exception"),
            Map.entry("get_table_by_scope.upper_bound", "chain_type_exception"),
            Map.entry("push_transaction.packed_trx", "unpack_exception"),
            Map.entry("send_transaction.packed_trx", "unpack_exception"),
            Map.entry("send_transaction2.packed_trx", "unpack_exception"),
            Map.entry("compute_transaction.packed_trx", "unpack_exception"),
            Map.entry("push_transaction.packed_context_free_data", "unpack_exception"),
            Map.entry("send_transaction.packed_context_free_data", "unpack_exception"),
            Map.entry("send_transaction2.packed_context_free_data", "unpack_exception"));

    /** Wrong values for any field: the wrong JSON types, invalid names, huge and odd numbers. */
    static final List<String> WRONG_VALUES = List.of("{}", "[]", "[1,[2]]", "{\"a\":{\"b\":1}}",
            "\"Invalid Name!\"", "\"thisnameiswaytoolong\"", "\"\\u0000\"", "\"-\"", "-1", "1e400",
            "123456789012345678901234567890", "-99999999999999999999999999999999",
            "\"" + "a".repeat(10_000) + "\"");

    /** Whole bodies that are not a request at all. */
    static final List<byte[]> BAD_BODIES = new ArrayList<>();

    static {
        for (String s : List.of("", " ", "not json", "{", "}", "{\"a\":", "[]", "[1,2]", "5", "-0.5e99", "\"text\"",
                "null", "true", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{\"b\":2}", "\u0000",
                "1".repeat(100_000), // a 100,000-digit number
                "[".repeat(100_000) + "]".repeat(100_000), // deep nesting
                "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000))) {
            BAD_BODIES.add(s.getBytes(StandardCharsets.UTF_8));
        }
        // invalid UTF-8: a lone continuation byte, an overlong encoding, a truncated sequence, in a key and a value
        BAD_BODIES.add(new byte[] {'{', '"', (byte) 0x80, '"', ':', '1', '}'});
        BAD_BODIES.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        BAD_BODIES.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'});
        BAD_BODIES.add(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'});
    }

    static Devnet devnet;
    static DevnetHttp node;
    static HttpClient http;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
        // a connection per request: a refused one is closed, the others must not depend on it
        http = HttpClient.create(ConnectionProvider.newConnection()).baseUrl(devnet.url());
        // a valid signed transfer for the transaction routes (sent again and again: a 409 after the first)
        String packed;
        try {
            packed = DevnetHttp.MAPPER.writeValueAsString(node.sign(io.antelopekit.chain.transaction.Transaction.of(
                    node.header(3000), DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "corpus",
                            DevAccount.of("alice").active())), DevAccount.of("alice").privateKey()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VALID.put("push_transaction", packed);
        VALID.put("send_transaction", packed);
        VALID.put("send_transaction2", "{\"return_failure_trace\":true,\"retry_trx\":false,\"transaction\":"
                + packed + "}");
        VALID.put("compute_transaction", "{\"transaction\":" + packed + "}");
        VALID.put("send_read_only_transaction", "{\"transaction\":" + packed + "}");
    }

    @AfterAll
    static void stop() {
    }

    /** An answer: the status and the raw body, or status -1 when the connection closed without one. */
    record Answer(String request, int status, String body) {
    }

    static Mono<Answer> send(String what, HttpMethod method, String path, byte[] body) {
        HttpClient.RequestSender r = http.request(method).uri(path);
        Mono<Answer> answer = (body == null ? r : r.send(Mono.just(Unpooled.wrappedBuffer(body))))
                .responseSingle((res, buf) -> buf.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(b -> new Answer(what, res.status().code(), b)));
        return answer.onErrorResume(e -> Mono.just(new Answer(what, -1, String.valueOf(e))));
    }

    static String show(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 60 ? s.substring(0, 60) + "... (" + body.length + " bytes)" : s;
    }

    /** Not a crash, and an error is the node's shape, with the status as its code and a reason. */
    static void assertNodeShaped(SoftAssertions soft, Answer a) {
        assertNodeShaped(soft, a, false);
    }

    /** The same, allowing a 500 when it is one nodeos answers too ({@link #NODE_500S}). */
    static void assertNodeShaped(SoftAssertions soft, Answer a, boolean nodes500) {
        soft.assertThat(a.status()).as("%s: answered", a.request()).isGreaterThan(0);
        if (!nodes500) {
            soft.assertThat(a.status()).as("%s: no 5xx; body %s", a.request(), a.body()).isLessThan(500);
        }
        if (a.status() < 400) {
            return;
        }
        JsonNode n;
        try {
            n = DevnetHttp.MAPPER.readTree(a.body());
        } catch (IOException e) {
            soft.fail("%s: the error body is not JSON: %s", a.request(), a.body());
            return;
        }
        soft.assertThat(n.path("code").asInt()).as("%s: code", a.request()).isEqualTo(a.status());
        soft.assertThat(n.path("message").asText()).as("%s: message", a.request()).isNotEmpty();
        JsonNode e = n.path("error");
        soft.assertThat(e.isObject()).as("%s: error object in %s", a.request(), a.body()).isTrue();
        soft.assertThat(e.has("code") && e.get("code").isIntegralNumber()).as("%s: error.code", a.request()).isTrue();
        soft.assertThat(e.path("name").asText()).as("%s: error.name", a.request()).isNotEmpty();
        soft.assertThat(e.has("what")).as("%s: error.what", a.request()).isTrue();
        soft.assertThat(e.path("details").isArray()).as("%s: error.details", a.request()).isTrue();
        soft.assertThat(e.path("details").path(0).path("message").asText()).as("%s: a reason", a.request())
                .isNotEmpty();
        soft.assertThat(a.body()).as("%s: no stack trace", a.request()).doesNotContain("\tat ", "Exception:",
                "java.", "io.netty", "reactor.");
    }

    static List<Answer> all(List<Mono<Answer>> requests) {
        return Flux.fromIterable(requests).flatMapSequential(m -> m, 8).collectList().block(DevnetHttp.TIMEOUT);
    }

    @Test
    void badBodiesToEveryRouteGetANodeShaped400() {
        List<Mono<Answer>> requests = new ArrayList<>();
        for (String route : ROUTES.keySet()) {
            for (byte[] body : BAD_BODIES) {
                requests.add(send(route + " <- " + show(body), HttpMethod.POST, "/v1/chain/" + route, body));
            }
        }
        SoftAssertions soft = new SoftAssertions();
        for (Answer a : all(requests)) {
            assertNodeShaped(soft, a);
        }
        soft.assertAll();
        assertThat(node.info().path("chain_id").asText()).isEqualTo(devnet.chainId().toString());
    }

    @Test
    void wrongValuesInEveryFieldOfEveryRouteGetANodeShaped400() throws IOException {
        List<Mono<Answer>> requests = new ArrayList<>();
        for (Map.Entry<String, List<String>> route : ROUTES.entrySet()) {
            for (String field : route.getValue()) {
                for (String value : WRONG_VALUES) {
                    com.fasterxml.jackson.databind.node.ObjectNode body =
                            (com.fasterxml.jackson.databind.node.ObjectNode) DevnetHttp.MAPPER.readTree(
                                    VALID.get(route.getKey()));
                    // the transaction routes' fields may be inside "transaction"
                    com.fasterxml.jackson.databind.node.ObjectNode target = body;
                    if (!body.has(field) && body.path("transaction").isObject()) {
                        target = (com.fasterxml.jackson.databind.node.ObjectNode) body.get("transaction");
                    }
                    target.set(field, DevnetHttp.MAPPER.readTree(value));
                    byte[] bytes = DevnetHttp.MAPPER.writeValueAsBytes(body);
                    requests.add(send(route.getKey() + "." + field + " := " + show(value.getBytes(
                            StandardCharsets.UTF_8)), HttpMethod.POST, "/v1/chain/" + route.getKey(), bytes));
                }
            }
        }
        SoftAssertions soft = new SoftAssertions();
        for (Answer a : all(requests)) {
            String at = a.request().substring(0, a.request().indexOf(" := "));
            String nodes500 = NODE_500S.get(at);
            if (nodes500 != null && a.status() == 500) {
                // what nodeos answers too: check it is that refusal, node-shaped, and not a crash
                soft.assertThat(a.body()).as("%s", a.request()).contains("\"name\":\"" + nodes500 + "\"");
                assertNodeShaped(soft, a, true);
            } else {
                assertNodeShaped(soft, a);
            }
        }
        soft.assertAll();
    }

    @Test
    void invalidNamesAreA400OnEveryRouteThatTakesOne() {
        // get_accounts_by_authorizers answered these with a 500 (an exception of the name parser)
        List<Mono<Answer>> requests = new ArrayList<>();
        for (String body : List.of("{\"accounts\":[\"Invalid Name!\"]}", "{\"accounts\":[\"thisnameiswaytoolong\"]}",
                "{\"accounts\":[{\"actor\":\"ALICE\",\"permission\":\"active\"}]}",
                "{\"accounts\":[{\"actor\":\"alice\",\"permission\":\"act ive\"}]}",
                "{\"accounts\":[{\"actor\":\"alice\"}]}", "{\"accounts\":[5]}", "{\"accounts\":[null]}",
                "{\"accounts\":\"alice\"}", "{\"accounts\":{\"a\":\"alice\"}}", "{\"keys\":[\"EOSnotakey\"]}",
                "{\"keys\":[5]}", "{\"keys\":\"EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV\"}")) {
            requests.add(send("get_accounts_by_authorizers <- " + body, HttpMethod.POST,
                    "/v1/chain/get_accounts_by_authorizers", body.getBytes(StandardCharsets.UTF_8)));
        }
        for (String route : List.of("get_account", "get_abi", "get_raw_abi")) {
            requests.add(send(route, HttpMethod.POST, "/v1/chain/" + route,
                    "{\"account_name\":\"Invalid Name!\"}".getBytes(StandardCharsets.UTF_8)));
        }
        SoftAssertions soft = new SoftAssertions();
        for (Answer a : all(requests)) {
            assertNodeShaped(soft, a);
            soft.assertThat(a.status()).as("%s", a.request()).isEqualTo(400);
            soft.assertThat(a.body()).as("%s", a.request()).contains("\"name\":\"invalid_http_request\"",
                    "\"code\":3200006");
        }
        soft.assertAll();
    }

    @Test
    void otherMethodsAreRoutedAsNodeosRoutesThemByPathAlone() {
        List<Mono<Answer>> requests = new ArrayList<>();
        for (String route : ROUTES.keySet()) {
            for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH,
                    HttpMethod.HEAD)) {
                requests.add(send(m + " " + route, m, "/v1/chain/" + route, null));
                if (m != HttpMethod.HEAD) {
                    requests.add(send(m + " " + route + " <- not json", m, "/v1/chain/" + route,
                            "not json".getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        SoftAssertions soft = new SoftAssertions();
        for (Answer a : all(requests)) {
            if (a.request().startsWith("HEAD")) {
                soft.assertThat(a.status()).as("%s", a.request()).isBetween(200, 499);
            } else {
                assertNodeShaped(soft, a);
            }
        }
        soft.assertAll();
    }

    @Test
    void unknownRoutesAreTheNodes404() {
        List<Mono<Answer>> requests = new ArrayList<>();
        for (String path : List.of("/", "/v1", "/v1/chain/", "/v1/chain/get_nothing", "/v1/history/get_actions",
                "/v2/chain/get_info", "/v1/chain/GET_INFO", "/v1/chain/get_info%00", "/%ff%fe", "/v1/chain/get_" + "x"
                        .repeat(3000))) {
            requests.add(send("POST " + path, HttpMethod.POST, path, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        SoftAssertions soft = new SoftAssertions();
        for (Answer a : all(requests)) {
            assertNodeShaped(soft, a);
            soft.assertThat(a.status()).as("%s", a.request()).isEqualTo(404);
            soft.assertThat(a.body()).as("%s", a.request()).isEqualTo("{\"code\":404,\"message\":\"Not Found\","
                    + "\"error\":{\"code\":0,\"name\":\"exception\",\"what\":\"unspecified\",\"details\":[{\"message\":"
                    + "\"Unknown Endpoint\",\"file\":\"beast_http_session.hpp\",\"line_number\":225,\"method\":"
                    + "\"handle_http_request\"}]}}");
        }
        soft.assertAll();
    }

    @Test
    void aBodyOverTheLimitToEveryRouteIsRefusedWith413AndTheDevnetGoesOn() {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.writeBytes("{\"account_name\":\"".getBytes(StandardCharsets.US_ASCII));
        big.writeBytes("a".repeat((int) Devnet.DEFAULT_MAX_BODY_SIZE).getBytes(StandardCharsets.US_ASCII));
        big.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] body = big.toByteArray();
        List<Mono<Answer>> requests = new ArrayList<>();
        for (String route : ROUTES.keySet()) {
            requests.add(send(route + " <- " + body.length + " bytes", HttpMethod.POST, "/v1/chain/" + route, body));
        }
        int answered = 0;
        for (Answer a : all(requests)) {
            // 413, or a closed connection when the client's send failed before it read the answer
            assertThat(a.status()).as("%s: %s", a.request(), a.body()).isIn(413, -1);
            if (a.status() == 413) {
                assertThat(a.body()).contains("invalid_http_request").contains("max-body-size");
                answered++;
            }
        }
        System.out.printf("devnet bad requests: %d of %d oversized bodies read their 413%n", answered, requests.size());
        assertThat(node.info().path("chain_id").asText()).isEqualTo(devnet.chainId().toString());
    }
}
