package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.test.BlockHoundSupport;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The callback receiver with its own server on 127.0.0.1, called by Reactor Netty's HTTP client
 * as a wallet would call it, and detached, fed by hand. BlockHound is on: the server's event loop
 * parses and delivers, and the waiters continue there.
 */
@ExtendWith(BlockHoundSupport.class)
class CallbackReceiverTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ESR_PAYLOAD = """
            {"sig":"SIG_K1_KBub1qmdiPpWA2XKKEZEG3EfKJBf38GETHzbd4t3CBdWLgdvFGFE6aBcAGdVnK5eFq6NdGc6hQY5rjjwpoV8c4LRxNP2qx",
             "tx":"6d3a1e5a4ac34e2e1e6c46e1a81ad0a6a61e2c8c02b0c3f52e2ad94b47ac8e8a","rbn":"31234","rid":"3166398262",
             "ex":"2026-11-26T10:06:05","req":"esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoEwA","sa":"alice","sp":"active",
             "cid":"73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d"}""";

    static final ConnectionProvider POOL = ConnectionProvider.builder("callback-receiver-test").maxConnections(64).build();
    static final HttpClient HTTP = HttpClient.create(POOL).responseTimeout(TIMEOUT);

    CallbackReceiver receiver;

    @BeforeEach
    void start() {
        receiver = CallbackReceiver.builder().host("127.0.0.1").port(0).maxBodySize(1024).start().block(TIMEOUT);
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close().block(TIMEOUT);
        }
    }

    // ---------------------------------------------------------------- HTTP helpers

    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static Mono<Reply> post(String url, String contentType, Publisher<String> body) {
        return HTTP.headers(h -> {
                    if (contentType != null) {
                        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
                    }
                })
                .post().uri(url).send(ByteBufFlux.fromString(body))
                .responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(b -> new Reply(res.status().code(), b, res.responseHeaders())));
    }

    static Mono<Reply> post(String url, String json) {
        return post(url, "application/json", Mono.just(json));
    }

    static Mono<Reply> request(HttpMethod method, String url, Map<String, String> headers) {
        return HTTP.headers(h -> headers.forEach(h::set)).request(method).uri(url)
                .responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(b -> new Reply(res.status().code(), b, res.responseHeaders())));
    }

    static Mono<Reply> get(String url) {
        return request(HttpMethod.GET, url, Map.of());
    }

    static Reply call(Mono<Reply> call) {
        return call.block(TIMEOUT);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- delivery

    @Test
    void aPostedJsonPayloadReachesItsWaiter() {
        CallbackReceiver.Pending pending = receiver.register();
        assertThat(pending.url()).isEqualTo(receiver.baseUrl() + "/" + pending.id())
                .startsWith("http://127.0.0.1:" + receiver.address().orElseThrow().getPort() + "/esr-callback/");
        assertThat(receiver.registrations()).isEqualTo(1);

        Mono<Tuple2<JsonNode, Reply>> both = Mono.zip(pending.await(TIMEOUT), post(pending.url(), ESR_PAYLOAD));
        StepVerifier.create(both)
                .assertNext(t -> {
                    assertThat(t.getT1()).isEqualTo(json(ESR_PAYLOAD));
                    assertThat(t.getT2().status()).isEqualTo(200);
                    assertThat(t.getT2().json()).isEqualTo(json("{\"ok\":true}"));
                    assertThat(t.getT2().headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
                })
                .expectComplete().verify(TIMEOUT);
        assertThat(receiver.registrations()).as("nothing left after success").isZero();
        assertThat(pending.isDone()).isTrue();
    }

    @Test
    void aForegroundGetWithTheFilledInTemplateDeliversItsParameters() {
        CallbackReceiver.Pending pending = receiver.register();
        JsonNode payload = json(ESR_PAYLOAD);
        // what an ESR wallet does with the callback template: each {{name}} replaced, '' when it has no value
        String url = pending.urlTemplate();
        assertThat(url).startsWith(pending.url() + "?sig={{sig}}&tx={{tx}}");
        for (String name : List.of("sig", "tx", "bn", "sa", "sp", "rbn", "rid", "ex", "req", "cid")) {
            String value = payload.has(name) ? payload.get(name).asText() : "";
            url = url.replace("{{" + name + "}}", URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        Mono<Tuple2<JsonNode, Reply>> both = Mono.zip(pending.await(TIMEOUT), get(url));
        StepVerifier.create(both)
                .assertNext(t -> {
                    assertThat(t.getT1()).as("the same payload as a POST: bn left out").isEqualTo(payload);
                    assertThat(t.getT2().status()).isEqualTo(200);
                    assertThat(t.getT2().headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/html");
                    assertThat(t.getT2().body()).contains("You can close this page");
                })
                .expectComplete().verify(TIMEOUT);
        assertThat(receiver.registrations()).isZero();
    }

    @Test
    void aCallbackBeforeTheAwaitIsKept() {
        CallbackReceiver.Pending pending = receiver.register();
        Mono<JsonNode> waiting = pending.await(TIMEOUT); // cold: not yet waiting
        assertThat(call(post(pending.url(), "{\"tx\":\"early\"}")).status()).isEqualTo(200);
        assertThat(receiver.registrations()).isZero();
        StepVerifier.create(waiting)
                .assertNext(p -> assertThat(p.get("tx").asText()).isEqualTo("early"))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(pending.await(TIMEOUT)).as("a second await gets the same payload")
                .assertNext(p -> assertThat(p.get("tx").asText()).isEqualTo("early"))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void unknownIdsPathsAndASecondCallbackGet404() {
        CallbackReceiver.Pending pending = receiver.register();
        String base = receiver.baseUrl();
        assertThat(call(post(base + "/AAAAAAAAAAAAAAAAAAAAAA", ESR_PAYLOAD)).status()).isEqualTo(404);
        assertThat(call(post(base + "/not!an*id", ESR_PAYLOAD)).status()).isEqualTo(404);
        assertThat(call(post(base, ESR_PAYLOAD)).status()).isEqualTo(404);
        String origin = "http://127.0.0.1:" + receiver.address().orElseThrow().getPort();
        assertThat(call(post(origin + "/other/" + pending.id(), ESR_PAYLOAD)).status()).isEqualTo(404);
        assertThat(call(post(origin + "/esr-callback/" + pending.id() + "/more", ESR_PAYLOAD)).status()).isEqualTo(404);
        assertThat(receiver.registrations()).as("still waiting").isEqualTo(1);

        assertThat(call(post(pending.url(), "{\"n\":1}")).status()).isEqualTo(200);
        Reply second = call(post(pending.url(), "{\"n\":2}"));
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.json().get("error").asText()).contains("no request waits");
        assertThat(receiver.deliver(pending.id(), json("{\"n\":3}"))).isFalse();
        StepVerifier.create(pending.await(TIMEOUT))
                .assertNext(p -> assertThat(p.get("n").asInt()).as("the first callback wins").isEqualTo(1))
                .expectComplete().verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- refused requests

    @Test
    void aBodyOverTheLimitGets413WithOrWithoutContentLength() {
        CallbackReceiver.Pending pending = receiver.register();
        String big = "{\"pad\":\"" + "x".repeat(4000) + "\"}";
        Reply declared = call(post(pending.url(), big));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("error").asText()).contains("larger than 1024 bytes");
        // chunked: no Content-Length, counted while read
        List<String> chunks = new ArrayList<>();
        chunks.add("{\"pad\":\"");
        for (int i = 0; i < 8; i++) {
            chunks.add("y".repeat(500));
        }
        chunks.add("\"}");
        assertThat(call(post(pending.url(), "application/json", Flux.fromIterable(chunks))).status()).isEqualTo(413);
        assertThat(receiver.registrations()).as("a refused callback leaves the registration").isEqualTo(1);
        // just under the limit, chunked
        String fits = "{\"pad\":\"" + "z".repeat(1000) + "\"}";
        assertThat(fits.length()).isLessThanOrEqualTo(1024);
        assertThat(call(post(pending.url(), "application/json", Flux.just(fits.substring(0, 500), fits.substring(500))))
                .status()).isEqualTo(200);
        StepVerifier.create(pending.await(TIMEOUT))
                .assertNext(p -> assertThat(p.get("pad").asText()).hasSize(1000))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void aBodyThatIsNotAJsonObjectGets400AndOtherContentTypes415() {
        CallbackReceiver.Pending pending = receiver.register();
        for (String bad : List.of("{\"tx\":", "not json", "[1,2]", "\"text\"", "42", "")) {
            Reply reply = call(post(pending.url(), bad));
            assertThat(reply.status()).as("body '%s'", bad).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("the body is not a JSON object");
        }
        Reply form = call(post(pending.url(), "application/x-www-form-urlencoded", Mono.just("tx=1")));
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("error").asText()).contains("application/x-www-form-urlencoded");
        assertThat(receiver.registrations()).isEqualTo(1);
        // what a browser's fetch sends without a preflight is accepted
        assertThat(call(post(pending.url(), "text/plain;charset=UTF-8", Mono.just("{\"tx\":\"plain\"}"))).status())
                .isEqualTo(200);
        StepVerifier.create(pending.await(TIMEOUT))
                .assertNext(p -> assertThat(p.get("tx").asText()).isEqualTo("plain"))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void getWithoutParametersOtherMethodsAndThePreflight() {
        CallbackReceiver.Pending pending = receiver.register();
        assertThat(call(get(pending.url())).status()).isEqualTo(400);
        assertThat(call(get(pending.url() + "?sig=&bn=")).status()).as("only empty values").isEqualTo(400);
        Reply put = call(request(HttpMethod.PUT, pending.url(), Map.of()));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, POST, OPTIONS");

        Reply preflight = call(request(HttpMethod.OPTIONS, pending.url(), Map.of(
                "Origin", "https://app.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type", "Access-Control-Request-Private-Network", "true")));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.headers().get("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.headers().get("Access-Control-Allow-Headers")).containsIgnoringCase("content-type");
        assertThat(preflight.headers().get("Access-Control-Allow-Private-Network")).isEqualTo("true");
        assertThat(receiver.registrations()).isEqualTo(1);
        assertThat(pending.isDone()).isFalse();
    }

    // ---------------------------------------------------------------- timeout, cancel, expiry, close

    @Test
    void aTimeoutFailsTheWaitWithATypedErrorAndRemovesTheRegistration() {
        CallbackReceiver.Pending pending = receiver.register();
        StepVerifier.create(pending.await(Duration.ofMillis(200)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CallbackTimeoutException.class)
                            .isInstanceOf(io.antelopekit.AntelopeException.class)
                            .hasMessageContaining(pending.id()).hasMessageContaining("200 ms");
                    assertThat(((CallbackTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(200));
                    assertThat(((CallbackTimeoutException) e).isTransient()).isTrue();
                })
                .verify(TIMEOUT);
        assertThat(receiver.registrations()).isZero();
        assertThat(call(post(pending.url(), ESR_PAYLOAD)).status()).as("too late").isEqualTo(404);
        StepVerifier.create(pending.await(TIMEOUT)).as("the outcome stays")
                .expectError(CallbackTimeoutException.class).verify(TIMEOUT);
        assertThatThrownBy(() -> pending.await(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancellingTheWaitRemovesTheRegistration() throws InterruptedException {
        CallbackReceiver.Pending pending = receiver.register();
        AtomicReference<Object> got = new AtomicReference<>();
        Disposable waiting = pending.await(TIMEOUT).subscribe(got::set, got::set);
        assertThat(receiver.registrations()).isEqualTo(1);
        waiting.dispose();
        assertThat(receiver.registrations()).isZero();
        assertThat(pending.isDone()).isTrue();
        assertThat(call(post(pending.url(), ESR_PAYLOAD)).status()).isEqualTo(404);
        assertThat(got.get()).isNull();
        StepVerifier.create(pending.await(TIMEOUT))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class).hasMessageContaining("cancelled"))
                .verify(TIMEOUT);

        CallbackReceiver.Pending other = receiver.register();
        StepVerifier.create(other.await(TIMEOUT))
                .then(other::cancel)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessage("callback registration " + other.id() + " was cancelled"))
                .verify(TIMEOUT);
        assertThat(receiver.registrations()).isZero();
    }

    @Test
    void registrationsNobodyAwaitsExpire() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE - Duration.ofMillis(100).toNanos());
        CallbackReceiver detached = CallbackReceiver.builder().publicUrl("https://app.example/esr")
                .expireAfter(Duration.ofMillis(50)).ticker(nanos::get).detached();
        CallbackReceiver.Pending forgotten = detached.register();
        CallbackReceiver.Pending awaited = detached.register();
        Disposable waiting = awaited.await(TIMEOUT).subscribe(p -> { }, e -> { });
        nanos.addAndGet(Duration.ofMillis(40).toNanos()); // past a sweep's interval, not the expiry
        CallbackReceiver.Pending early = detached.register(); // registering sweeps
        assertThat(forgotten.isDone()).as("not expired yet").isFalse();
        early.cancel();
        nanos.addAndGet(Duration.ofMillis(160).toNanos()); // the ticker wraps over Long.MAX_VALUE: differences count
        CallbackReceiver.Pending fresh = detached.register();
        assertThat(forgotten.isDone()).isTrue();
        assertThat(awaited.isDone()).as("awaited: its own timeout decides").isFalse();
        assertThat(detached.registrations()).isEqualTo(2);
        StepVerifier.create(forgotten.await(TIMEOUT))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class).hasMessageContaining("expired"))
                .verify(TIMEOUT);
        waiting.dispose();
        fresh.cancel();
        assertThat(detached.registrations()).isZero();
    }

    @Test
    void closingFailsTheWaitersRefusesNewRegistrationsAndStopsTheServer() {
        CallbackReceiver.Pending pending = receiver.register();
        String url = pending.url();
        StepVerifier.create(pending.await(TIMEOUT))
                .then(() -> receiver.close().subscribe())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        StepVerifier.create(receiver.close()).expectComplete().verify(TIMEOUT);
        assertThat(receiver.isClosed()).isTrue();
        assertThat(receiver.registrations()).isZero();
        assertThatThrownBy(receiver::register).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        StepVerifier.create(post(url, ESR_PAYLOAD)).as("nobody listens").expectError().verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- many at once

    @Test
    void fiveHundredCallbacksDeliveredConcurrentlyEachReachItsOwnWaiter() {
        int n = 500;
        List<CallbackReceiver.Pending> pendings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pendings.add(receiver.register());
        }
        assertThat(receiver.registrations()).isEqualTo(n);
        Flux<String> waiters = Flux.range(0, n)
                .flatMap(i -> pendings.get(i).await(TIMEOUT).map(p -> {
                    assertThat(p.get("id").asText()).isEqualTo(pendings.get(i).id());
                    return i + ":" + p.get("n").asInt();
                }), n);
        Flux<Integer> callbacks = Flux.range(0, n)
                .flatMap(i -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", pendings.get(i).id()).put("n", i);
                    return i % 2 == 0 ? post(pendings.get(i).url(), body.toString()).map(Reply::status)
                            : get(pendings.get(i).url() + "?id=" + pendings.get(i).id() + "&n=" + i).map(Reply::status);
                }, 48);
        Set<String> seen = new HashSet<>();
        StepVerifier.create(Flux.merge(waiters, callbacks.filter(status -> status != 200).map(status -> "status " + status))
                        .collectList())
                .assertNext(seen::addAll)
                .expectComplete().verify(Duration.ofSeconds(60));
        assertThat(seen).hasSize(n).allMatch(s -> !s.startsWith("status"));
        for (int i = 0; i < n; i++) {
            assertThat(seen).contains(i + ":" + i);
        }
        assertThat(receiver.registrations()).isZero();
    }

    // ---------------------------------------------------------------- ids, URLs, detached

    @Test
    void idsAreUniqueUrlSafeAndLong() {
        CallbackReceiver detached = CallbackReceiver.detached("https://app.example/wallet/callback/");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            CallbackReceiver.Pending p = detached.register();
            assertThat(p.id()).matches("[A-Za-z0-9_-]{22}");
            assertThat(p.url()).isEqualTo("https://app.example/wallet/callback/" + p.id());
            ids.add(p.id());
            p.cancel();
        }
        assertThat(ids).hasSize(10_000);
        // on a non-blocking thread: making an id reads no file (BlockHound would fail it)
        StepVerifier.create(Flux.range(0, 1000).map(i -> detached.register()).doOnNext(CallbackReceiver.Pending::cancel)
                        .map(CallbackReceiver.Pending::id).subscribeOn(Schedulers.parallel()).collectList())
                .assertNext(more -> {
                    assertThat(more).hasSize(1000).doesNotHaveDuplicates();
                    assertThat(ids).doesNotContainAnyElementsOf(more);
                })
                .expectComplete().verify(TIMEOUT);
        assertThat(detached.registrations()).isZero();
        assertThat(detached.address()).isEmpty();
        assertThat(detached.baseUrl()).isEqualTo("https://app.example/wallet/callback");
    }

    @Test
    void aDetachedReceiverTakesCallbacksFromTheApplicationsRoute() {
        CallbackReceiver detached = CallbackReceiver.detached("https://app.example/esr");
        CallbackReceiver.Pending pending = detached.register();
        assertThat(detached.deliver("unknown", json("{}"))).isFalse();
        StepVerifier.create(pending.await(TIMEOUT))
                .then(() -> assertThat(detached.deliver(pending.id(), json(ESR_PAYLOAD))).isTrue())
                .assertNext(p -> assertThat(p.get("sa").asText()).isEqualTo("alice"))
                .expectComplete().verify(TIMEOUT);
        assertThat(detached.deliver(pending.id(), json(ESR_PAYLOAD))).as("once").isFalse();
        assertThat(detached.registrations()).isZero();
        StepVerifier.create(detached.close()).expectComplete().verify(TIMEOUT);
        assertThat(detached.toString()).contains("https://app.example/esr").contains("closed");
    }

    @Test
    void thePublicUrlNamesTheCallbacksBehindAProxy() {
        CallbackReceiver proxied = CallbackReceiver.builder().host("127.0.0.1").port(0).path("/cb/esr")
                .publicUrl("https://wallet.example/callbacks").start().block(TIMEOUT);
        try {
            CallbackReceiver.Pending pending = proxied.register();
            assertThat(pending.url()).isEqualTo("https://wallet.example/callbacks/" + pending.id());
            // the proxy forwards to the server's own path
            String direct = "http://127.0.0.1:" + proxied.address().orElseThrow().getPort() + "/cb/esr/" + pending.id();
            StepVerifier.create(Mono.zip(pending.await(TIMEOUT), post(direct, "{\"tx\":\"proxied\"}")))
                    .assertNext(t -> assertThat(t.getT1().get("tx").asText()).isEqualTo("proxied"))
                    .expectComplete().verify(TIMEOUT);
        } finally {
            proxied.close().block(TIMEOUT);
        }
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThatThrownBy(() -> CallbackReceiver.builder().publicUrl("ftp://x.example/cb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://x.example/cb");
        assertThatThrownBy(() -> CallbackReceiver.builder().publicUrl("https://x.example/cb?a=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().publicUrl("/relative"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().path("no-slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().path("/a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().maxBodySize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().expireAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackReceiver.builder().detached()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("publicUrl");
    }

    @Test
    void idsAtTheRootPath() {
        CallbackReceiver root = CallbackReceiver.builder().path("/").start().block(TIMEOUT);
        try {
            CallbackReceiver.Pending pending = root.register();
            assertThat(pending.url()).matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{22}");
            StepVerifier.create(Mono.zip(pending.await(TIMEOUT), post(pending.url(), "{\"tx\":\"root\"}")))
                    .assertNext(t -> assertThat(t.getT2().status()).isEqualTo(200))
                    .expectComplete().verify(TIMEOUT);
        } finally {
            root.close().block(TIMEOUT);
        }
    }
}
