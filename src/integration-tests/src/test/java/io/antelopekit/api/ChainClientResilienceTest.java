package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClientMeters.Outcome;
import io.antelopekit.chain.Name;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Injected faults: 5xx answers, connection resets, stalls, malformed JSON; retries, failover, metrics. */
@ExtendWith(NonBlocking.class)
class ChainClientResilienceTest {

    static final String GET_INFO = ChainClientReadTest.GET_INFO;
    static final String INTERNAL_ERROR = "antelope/234fa9a7d6615f33a5f2aeaf36667ed792e102c6.json";
    static final String UNAVAILABLE = "<html><body>503 Service Unavailable</body></html>";
    static final String BIG_BLOCK = "antelope/f3ada964795e1371af75486638632e6b04f37035.json";
    static final String ASSERT_FAILED = "{\"code\":500,\"message\":\"Internal Service Error\",\"error\":{\"code\":3050003,"
            + "\"name\":\"eosio_assert_message_exception\",\"what\":\"eosio_assert_message assertion failure\","
            + "\"details\":[{\"message\":\"assertion failure with message: overdrawn balance\",\"file\":\"cf_system.cpp\","
            + "\"line_number\":14,\"method\":\"eosio_assert\"}]}}";

    private MockNode a;
    private MockNode b;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() {
        a = MockNode.start();
        b = MockNode.start();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    private double counter(ChainClientMeters meter, String endpoint) {
        var c = registry.find(meter.meterName()).tag(ChainClientMeters.ENDPOINT, endpoint).counter();
        return c == null ? 0 : c.count();
    }

    private long timed(String endpoint, Outcome outcome) {
        Timer t = registry.find(ChainClientMeters.REQUESTS.meterName())
                .tags(ChainClientMeters.ENDPOINT, endpoint, ChainClientMeters.OUTCOME, outcome.tagValue()).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilOneSucceeds() {
        a.chain("get_info", MockNode.json(503, UNAVAILABLE), MockNode.recorded(INTERNAL_ERROR), MockNode.recorded(GET_INFO));
        ChainClient client = Clients.fast(a).meterRegistry(registry).build();
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(3);
        assertThat(counter(ChainClientMeters.RETRIES, "get_info")).isEqualTo(2);
        assertThat(counter(ChainClientMeters.FAILOVERS, "get_info")).as("one node: no failover").isZero();
        assertThat(timed("get_info", Outcome.HTTP_ERROR)).as("503 without a node body").isEqualTo(1);
        assertThat(timed("get_info", Outcome.CHAIN_ERROR)).as("recorded 500").isEqualTo(1);
        assertThat(timed("get_info", Outcome.SUCCESS)).isEqualTo(1);
        long gap1 = a.requests().get(1).nanos() - a.requests().get(0).nanos();
        assertThat(gap1).as("waits before retrying").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2));
        client.dispose();
    }

    @Test
    void aZeroBackoffRetriesAtOnce() {
        a.chain("get_info", MockNode.json(503, UNAVAILABLE), MockNode.recorded(GET_INFO));
        ChainClient client = Clients.fast(a).readRetry(RetryPolicy.backoff(1, Duration.ZERO, Duration.ZERO)).build();
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(2);
        client.dispose();
    }

    @Test
    void retriesExhaustedGiveTheLastFailure() {
        a.chain("get_info", MockNode.recorded(INTERNAL_ERROR));
        ChainClient client = Clients.fast(a).build();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainApiException.class, x -> {
                    assertThat(x.httpStatus()).isEqualTo(500);
                    assertThat(x.name()).isEqualTo("exception");
                    assertThat(x.isTransient()).as("a 500 naming no specific chain exception").isTrue();
                }))
                .verify(Clients.VERIFY);
        assertThat(a.count()).as("first try and 2 retries").isEqualTo(3);
        client.dispose();
    }

    @Test
    void aNamedChainExceptionIsNotRetriedEvenOn500() {
        a.chain("get_info", MockNode.json(500, ASSERT_FAILED));
        ChainClient client = Clients.fast(a).build();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainApiException.class, x -> {
                    assertThat(x.code()).isEqualTo(3050003);
                    assertThat(x.isTransient()).isFalse();
                }))
                .verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(1);
        client.dispose();
    }

    @Test
    void failsOverToTheNextNodeAndStaysThere() {
        a.chain("get_info", MockNode.json(503, UNAVAILABLE));
        b.chain("get_info", MockNode.recorded(GET_INFO));
        ChainClient client = Clients.fast(a, b).meterRegistry(registry).build();
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(1);
        assertThat(b.count()).isEqualTo(1);
        assertThat(counter(ChainClientMeters.FAILOVERS, "get_info")).isEqualTo(1);
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(a.count()).as("the next call starts on the node that answered").isEqualTo(1);
        assertThat(b.count()).isEqualTo(2);
        client.dispose();
    }

    @Test
    void connectionResetIsATransientTransportError() {
        a.chain("get_info", MockNode.reset());
        ChainClient client = Clients.fast(a).readRetry(RetryPolicy.none()).meterRegistry(registry).build();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainTransportException.class);
                    assertThat(((ChainTransportException) e).isTransient()).isTrue();
                    assertThat(((ChainTransportException) e).endpoint().toString()).isEqualTo(a.url() + "/v1/chain/get_info");
                })
                .verify(Clients.VERIFY);
        assertThat(timed("get_info", Outcome.TRANSPORT_ERROR)).isEqualTo(1);
        client.dispose();
    }

    @Test
    void connectionResetFailsOver() {
        a.chain("get_info", MockNode.reset());
        b.chain("get_info", MockNode.recorded(GET_INFO));
        ChainClient client = Clients.fast(a, b).build();
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(1);
        client.dispose();
    }

    @Test
    void refusedConnectionIsATransportError() {
        MockNode closed = MockNode.start();
        String url = closed.url();
        closed.close();
        ChainClient client = ChainClient.builder().endpoint(url).readRetry(RetryPolicy.none()).build();
        StepVerifier.create(client.getInfo())
                .expectError(ChainTransportException.class)
                .verify(Clients.VERIFY);
        client.dispose();
    }

    @Test
    void stallBeyondTheResponseTimeoutIsATimeout() {
        a.chain("get_info", MockNode.stall());
        Duration timeout = Duration.ofMillis(300);
        ChainClient client = Clients.fast(a).responseTimeout(timeout).readRetry(RetryPolicy.none())
                .meterRegistry(registry).build();
        long start = System.nanoTime();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainTimeoutException.class, t -> {
                    assertThat(t.timeout()).isEqualTo(timeout);
                    assertThat(t.isTransient()).isTrue();
                    assertThat(t).hasMessageContaining("PT0.3S");
                }))
                .verify(Clients.VERIFY);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
        assertThat(timed("get_info", Outcome.TIMEOUT)).isEqualTo(1);
        client.dispose();
    }

    @Test
    void stallInTheMiddleOfTheBodyIsATimeout() {
        a.chain("get_info", MockNode.stallMidBody("{\"server_version\":"));
        ChainClient client = Clients.fast(a).responseTimeout(Duration.ofMillis(300)).readRetry(RetryPolicy.none()).build();
        StepVerifier.create(client.getInfo()).expectError(ChainTimeoutException.class).verify(Clients.VERIFY);
        client.dispose();
    }

    @Test
    void stallFailsOverToAHealthyNode() {
        b.chain("get_info", MockNode.recorded(GET_INFO));
        a.chain("get_info", MockNode.stall());
        ChainClient client = Clients.fast(a, b).responseTimeout(Duration.ofMillis(1500)).build();
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(1);
        assertThat(b.count()).isEqualTo(1);
        client.dispose();
    }

    @Test
    void malformedJsonIsNotRetried() {
        a.chain("get_info", MockNode.malformed());
        ChainClient client = Clients.fast(a).meterRegistry(registry).build();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(MalformedResponseException.class, m -> {
                    assertThat(m.httpStatus()).isEqualTo(200);
                    assertThat(m.isTransient()).isFalse();
                    assertThat(m).hasMessageContaining("ChainInfo").hasMessageContaining("body starts with: {\"server_version\"");
                }))
                .verify(Clients.VERIFY);
        assertThat(a.count()).isEqualTo(1);
        assertThat(timed("get_info", Outcome.MALFORMED)).isEqualTo(1);
        client.dispose();
    }

    @Test
    void aFieldOfTheWrongFormIsMalformedAndNamed() {
        String body = Recorded.of(GET_INFO).text().replaceFirst("\"chain_id\":\"[0-9a-f]+\"", "\"chain_id\":\"xyz\"");
        a.chain("get_info", MockNode.json(200, body));
        ChainClient client = Clients.fast(a).build();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("at chain_id").hasMessageContaining("xyz"))
                .verify(Clients.VERIFY);
        client.dispose();
    }

    @Test
    void emptySuccessBodyIsMalformed() {
        a.chain("get_info", MockNode.json(200, ""));
        ChainClient client = Clients.fast(a).build();
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class).hasMessageContaining("empty"))
                .verify(Clients.VERIFY);
        client.dispose();
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefused() {
        a.chain("get_block", MockNode.recorded(BIG_BLOCK));
        ChainClient client = Clients.fast(a).maxResponseSize(64 * 1024).readRetry(RetryPolicy.none()).build();
        StepVerifier.create(client.getBlock(1))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainTransportException.class)
                        .hasMessageContaining("larger than the limit of 65536 bytes"))
                .verify(Clients.VERIFY);
        client.dispose();
    }

    @Test
    void aChunkedAnswerIsCountedAsItArrives() {
        String body = Recorded.of(BIG_BLOCK).text();
        a.chain("get_block", MockNode.chunked(body, 8192));
        ChainClient client = Clients.fast(a).maxResponseSize(64 * 1024).readRetry(RetryPolicy.none()).build();
        StepVerifier.create(client.getBlock(1))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainTransportException.class)
                        .hasMessageContaining("larger than the limit of 65536 bytes"))
                .verify(Clients.VERIFY);
        ChainClient roomy = Clients.fast(a).readRetry(RetryPolicy.none()).build();
        StepVerifier.create(roomy.getBlock(1))
                .assertNext(block -> assertThat(block.id().toString()).isEqualTo(Recorded.of(BIG_BLOCK).json().get("id").asText()))
                .expectComplete().verify(Clients.VERIFY);
        client.dispose();
        roomy.dispose();
    }

    @Test
    void cancellationIsRecordedAndClosesTheExchange() {
        a.chain("get_info", MockNode.stall());
        ChainClient client = Clients.fast(a).meterRegistry(registry).build();
        StepVerifier.create(client.getInfo())
                .expectSubscription()
                .then(() -> awaitRequests(a, 1))
                .thenCancel()
                .verify(Clients.VERIFY);
        assertThat(timed("get_info", Outcome.CANCELLED)).isEqualTo(1);
        client.dispose();
    }

    @Test
    void poolGaugesAreInTheRegistry() {
        a.chain("get_account", MockNode.recorded(ChainClientReadTest.GET_ACCOUNT));
        ChainClient client = Clients.fast(a).meterRegistry(registry).build();
        StepVerifier.create(client.getAccount(Name.from("wharfkit1115"))).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        String remote = a.url().substring("http://".length());
        Gauge total = registry.find(ChainClientMeters.POOL_TOTAL_CONNECTIONS.meterName())
                .tag(ChainClientMeters.REMOTE_ADDRESS, remote).gauge();
        assertThat(total).isNotNull();
        assertThat(total.value()).isEqualTo(1);
        Gauge max = registry.find(ChainClientMeters.POOL_MAX_CONNECTIONS.meterName()).gauge();
        assertThat(max.value()).isEqualTo(ChainClient.DEFAULT_MAX_CONNECTIONS);
        // the connection goes back to the pool just after the answer is delivered: wait for it
        Gauge active = registry.find(ChainClientMeters.POOL_ACTIVE_CONNECTIONS.meterName()).gauge();
        Gauge idle = registry.find(ChainClientMeters.POOL_IDLE_CONNECTIONS.meterName()).gauge();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while ((active.value() != 0 || idle.value() != 1) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        assertThat(active.value()).isZero();
        assertThat(idle.value()).isEqualTo(1);
        client.disposeLater().block(Clients.VERIFY);
    }

    @Test
    void meterTagsAreTheClosedSetTheEnumDeclares() {
        a.chain("get_info", MockNode.json(503, UNAVAILABLE), MockNode.recorded(GET_INFO));
        a.on("/v1/custom/thing", MockNode.json(200, "{}"));
        ChainClient client = Clients.fast(a).meterRegistry(registry).build();
        StepVerifier.create(client.getInfo().then(client.call("/v1/custom/thing", null, Object.class)))
                .expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> {
            ChainClientMeters declared = null;
            for (ChainClientMeters cm : ChainClientMeters.values()) {
                if (cm.meterName().equals(m.getId().getName())) {
                    declared = cm;
                }
            }
            assertThat(declared).as(m.getId().getName()).isNotNull();
            assertThat(m.getId().getTags()).extracting(t -> t.getKey())
                    .containsExactlyInAnyOrderElementsOf(declared.tagKeys());
        });
        assertThat(timed("other", Outcome.SUCCESS)).as("unknown paths share one tag value").isEqualTo(1);
        client.dispose();
    }

    @Test
    void noRegistryNoMeters() {
        a.chain("get_info", MockNode.recorded(GET_INFO));
        ChainClient client = Clients.fast(a).build();
        StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(client.config().metricsEnabled()).isFalse();
        client.dispose();
    }

    static void awaitRequests(MockNode node, int n) {
        Mono.fromCallable(node::count).filter(c -> c >= n).repeatWhenEmpty(100, f -> f.delayElements(Duration.ofMillis(20)))
                .block(Clients.VERIFY);
    }
}
