package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.api.model.ChainError;
import io.antelopekit.api.model.ChainErrorBody;
import io.antelopekit.api.model.ChainErrorDetail;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

/** Building clients: validation in build(), immutable settings, owned and shared pools. */
@ExtendWith(NonBlocking.class)
class ChainClientBuilderTest {

    @Test
    void aClientNeedsAnEndpoint() {
        assertThatThrownBy(() -> ChainClient.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no endpoint");
    }

    @Test
    void endpointsMustBeHttpUrls() {
        ChainClient.Builder b = ChainClient.builder();
        assertThatThrownBy(() -> b.endpoint("ftp://node.example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://node.example");
        assertThatThrownBy(() -> b.endpoint("node.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint("http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint("http://node.example/?x=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query");
        assertThatThrownBy(() -> b.endpoint("http://a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conflictingPoolSettingsAreRefusedInBuild() {
        ConnectionProvider provider = ConnectionProvider.create("test-pool", 4);
        try {
            assertThatThrownBy(() -> ChainClient.builder().endpoint("http://127.0.0.1:1").connectionProvider(provider)
                    .httpClient(HttpClient.create()).build()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ChainClient.builder().endpoint("http://127.0.0.1:1").connectionProvider(provider)
                    .maxConnections(3).build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connectionProvider");
            assertThatThrownBy(() -> ChainClient.builder().endpoint("http://127.0.0.1:1").httpClient(HttpClient.create())
                    .maxIdleTime(Duration.ofSeconds(1)).build()).isInstanceOf(IllegalStateException.class);
        } finally {
            provider.disposeLater().block(Clients.VERIFY);
        }
    }

    @Test
    void manyMoreRequestsThanPooledConnectionsWaitTheirTurn() {
        try (MockNode node = MockNode.start()) {
            node.chain("get_info", MockNode.delayed(Duration.ofMillis(10), MockNode.recorded(ChainClientReadTest.GET_INFO)));
            // the queue drains in 1000 x 10 ms / 2 connections = 5 s or more: longer than the response
            // timeout, which counts from when a request is sent, not while it waits for a connection
            ChainClient client = ChainClient.builder().endpoint(node.url()).maxConnections(2)
                    .readRetry(RetryPolicy.none()).responseTimeout(Duration.ofSeconds(2)).build();
            try {
                // 1,000 in flight on 2 connections: Reactor Netty's own default queue (4) would refuse most
                StepVerifier.create(reactor.core.publisher.Flux.range(0, 1000).flatMap(i -> client.getInfo(), 1000).count())
                        .expectNext(1000L).expectComplete().verify(Duration.ofSeconds(120));
                assertThat(node.count()).isEqualTo(1000);
            } finally {
                client.disposeLater().block(Clients.VERIFY);
            }
        }
    }

    @Test
    void aFullPendingQueueIsATransportErrorNamingTheLimit() {
        try (MockNode node = MockNode.start()) {
            node.chain("get_info", MockNode.delayed(Duration.ofMillis(500), MockNode.recorded(ChainClientReadTest.GET_INFO)));
            ChainClient client = ChainClient.builder().endpoint(node.url()).maxConnections(1).maxPendingAcquires(1)
                    .readRetry(RetryPolicy.none()).responseTimeout(Duration.ofSeconds(60)).build();
            assertThat(client.config().maxPendingAcquires()).isEqualTo(1);
            try {
                StepVerifier.create(reactor.core.publisher.Flux.range(0, 3)
                                .flatMap(i -> client.getInfo().map(x -> "ok").onErrorResume(ChainTransportException.class,
                                        e -> reactor.core.publisher.Mono.just("refused: " + e.getMessage())), 3)
                                .collectList())
                        .assertNext(results -> {
                            // one connection and one waiting request: the third cannot wait (a connection
                            // still being opened may count as waiting too, so two may be refused)
                            assertThat(results).hasSize(3).contains("ok");
                            assertThat(results).filteredOn(r -> r.startsWith("refused")).isNotEmpty()
                                    .allSatisfy(r -> assertThat(r).containsIgnoringCase("pending"));
                        })
                        .expectComplete().verify(Duration.ofSeconds(60));
            } finally {
                client.disposeLater().block(Clients.VERIFY);
            }
        }
        assertThatThrownBy(() -> ChainClient.builder().maxPendingAcquires(0)).hasMessageContaining("maxPendingAcquires");
        assertThat(ChainClient.builder().endpoint("http://127.0.0.1:1").build().config().maxPendingAcquires())
                .isEqualTo(ChainClient.DEFAULT_MAX_PENDING_ACQUIRES);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        ChainClient.Builder b = ChainClient.builder();
        assertThatThrownBy(() -> b.responseTimeout(Duration.ZERO)).hasMessageContaining("responseTimeout");
        assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> b.maxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> b.maxResponseSize(10)).hasMessageContaining("maxResponseSize");
        assertThatThrownBy(() -> b.header(" ", "x")).hasMessageContaining("header name");
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO, 0)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> RetryPolicy.backoff(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> RetryPolicy.none().withJitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new SendOptions(false, 3, true)).hasMessageContaining("retryTrx");
    }

    @Test
    void defaultsAndSettingsAreReadable() {
        ChainClient client = ChainClient.create("http://127.0.0.1:8888/", "https://node.example/api");
        ChainClientConfig c = client.config();
        assertThat(c.endpoints()).containsExactly(URI.create("http://127.0.0.1:8888"), URI.create("https://node.example/api"));
        assertThat(c.connectTimeout()).isEqualTo(ChainClient.DEFAULT_CONNECT_TIMEOUT);
        assertThat(c.responseTimeout()).isEqualTo(ChainClient.DEFAULT_RESPONSE_TIMEOUT);
        assertThat(c.maxConnections()).isEqualTo(ChainClient.DEFAULT_MAX_CONNECTIONS);
        assertThat(c.maxIdleTime()).isEqualTo(ChainClient.DEFAULT_MAX_IDLE_TIME);
        assertThat(c.readRetry()).isEqualTo(RetryPolicy.DEFAULT_READ);
        assertThat(c.broadcastRetry()).isEqualTo(RetryPolicy.DEFAULT_BROADCAST);
        assertThat(c.statusPolling()).isEqualTo(PollPolicy.DEFAULT);
        assertThat(client.toString()).contains("http://127.0.0.1:8888");
        client.disposeLater().block(Clients.VERIFY);
        assertThat(client.isDisposed()).isTrue();
    }

    @Test
    void mutateCopiesAndLeavesTheOriginalAlone() {
        ChainClient a = ChainClient.builder().endpoint("http://127.0.0.1:1").header("X-Key", "k").build();
        ChainClient b = a.mutate().responseTimeout(Duration.ofSeconds(1)).endpoint("http://127.0.0.1:2").build();
        assertThat(a.config().responseTimeout()).isEqualTo(ChainClient.DEFAULT_RESPONSE_TIMEOUT);
        assertThat(a.config().endpoints()).hasSize(1);
        assertThat(b.config().responseTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.config().endpoints()).hasSize(2);
        assertThat(b.config().headers()).containsEntry("X-Key", "k");
        a.dispose();
        b.dispose();
    }

    @Test
    void anEndpointWithABasePath() {
        try (MockNode node = MockNode.start()) {
            node.on("/proxy/eos/v1/chain/get_info", MockNode.recorded(ChainClientReadTest.GET_INFO));
            ChainClient client = ChainClient.builder().endpoint(node.url() + "/proxy/eos/").build();
            StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
            client.dispose();
        }
    }

    @Test
    void aGivenPoolIsUsedAndNotClosed() {
        ConnectionProvider provider = ConnectionProvider.create("shared", 2);
        try (MockNode node = MockNode.start()) {
            node.chain("get_info", MockNode.recorded(ChainClientReadTest.GET_INFO));
            ChainClient client = ChainClient.builder().endpoint(node.url()).connectionProvider(provider).build();
            StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
            client.disposeLater().block(Clients.VERIFY);
            assertThat(provider.isDisposed()).isFalse();
            assertThat(client.config().maxConnections()).isNull();
        } finally {
            provider.disposeLater().block(Clients.VERIFY);
        }
    }

    @Test
    void aGivenHttpClientKeepsItsSettingsAndGetsOurs() {
        try (MockNode node = MockNode.start()) {
            node.chain("get_info", MockNode.recorded(ChainClientReadTest.GET_INFO));
            HttpClient http = HttpClient.create().headers(h -> h.set("X-Custom", "1"));
            ChainClient client = ChainClient.builder().endpoint(node.url()).httpClient(http).header("X-Key", "k").build();
            StepVerifier.create(client.getInfo()).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
            MockNode.Request r = node.requests().get(0);
            assertThat(r.headers().get("X-Custom")).isEqualTo("1");
            assertThat(r.headers().get("X-Key")).isEqualTo("k");
            assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
            client.dispose();
        }
    }

    @Test
    void callNeedsAnAbsolutePath() {
        ChainClient client = ChainClient.create("http://127.0.0.1:1");
        assertThatThrownBy(() -> client.call("v1/chain/get_info", null, Object.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.call("/v1/chain/get_info?x=1", null, Object.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getBlock(-1)).hasMessageContaining("blockNum");
        client.dispose();
    }

    @Test
    void whichApiErrorsAreTransient() {
        URI url = URI.create("http://127.0.0.1/v1/chain/get_info");
        ChainErrorBody generic = new ChainErrorBody(500, "Internal Service Error",
                new ChainError(0, "exception", "unspecified", List.of()), null);
        ChainErrorBody named = new ChainErrorBody(500, "Internal Service Error",
                new ChainError(3050003, "eosio_assert_message_exception", "assertion failure",
                        List.of(new ChainErrorDetail("overdrawn balance", null, null, null))), null);
        for (int status : new int[] {408, 429, 502, 503, 504}) {
            assertThat(new ChainApiException(url, status, null, "x").isTransient()).as("HTTP %d", status).isTrue();
        }
        assertThat(new ChainApiException(url, 500, generic, null).isTransient()).isTrue();
        assertThat(new ChainApiException(url, 500, null, "oops").isTransient()).isTrue();
        assertThat(new ChainApiException(url, 500, named, null).isTransient()).isFalse();
        assertThat(new ChainApiException(url, 400, null, "x").isTransient()).isFalse();
        assertThat(new ChainApiException(url, 404, generic, null).isTransient()).isFalse();
        assertThat(new ChainApiException(url, 500, named, null))
                .hasMessage(url + ": HTTP 500 eosio_assert_message_exception (3050003): assertion failure; overdrawn balance");
    }
}
