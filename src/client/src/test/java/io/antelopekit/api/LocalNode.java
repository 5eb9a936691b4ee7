package io.antelopekit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * A real Reactor Netty HTTP server on 127.0.0.1 (a free port) answering {@code /v1/chain/...}
 * with canned node JSON: per endpoint, either a script of bodies (the last repeating) or a body
 * computed from the request's JSON. It records every request, and makes {@link Transport}s to
 * itself over a pool of one connection, so requests reach it in the order they are made.
 */
final class LocalNode implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received: its path and JSON body. */
    record Request(String path, JsonNode body) {
    }

    private final Map<String, Function<JsonNode, String>> answers = new ConcurrentHashMap<>();
    private final Queue<Request> received = new ConcurrentLinkedQueue<>();
    private final DisposableServer server;
    private final ConnectionProvider pool = ConnectionProvider.create("local-node-test", 1);

    LocalNode() {
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow(Duration.ofSeconds(10));
    }

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString().defaultIfEmpty("{}").flatMap(text -> {
            JsonNode body;
            try {
                body = JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            received.add(new Request(req.uri(), body));
            Function<JsonNode, String> answer = answers.get(req.uri());
            if (answer == null) {
                return res.status(404).send().then();
            }
            return res.status(200).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just(answer.apply(body))).then();
        });
    }

    /** Answers {@code /v1/chain/<endpoint>} with {@code bodies} in turn, repeating the last. */
    LocalNode chain(String endpoint, String... bodies) {
        AtomicInteger next = new AtomicInteger();
        return chain(endpoint, request -> bodies[Math.min(next.getAndIncrement(), bodies.length - 1)]);
    }

    /** Answers {@code /v1/chain/<endpoint>} with a body computed from the request's JSON. */
    LocalNode chain(String endpoint, Function<JsonNode, String> answer) {
        answers.put("/v1/chain/" + endpoint, answer);
        return this;
    }

    /** The JSON bodies of the requests to {@code /v1/chain/<endpoint>} so far, in order. */
    List<JsonNode> requests(String endpoint) {
        String path = "/v1/chain/" + endpoint;
        return received.stream().filter(r -> r.path().equals(path)).map(Request::body).collect(Collectors.toList());
    }

    /** A transport to this node, one connection, no retries unless the caller's policy says so. */
    Transport transport() {
        return new Transport(HttpClient.create(pool), List.of(URI.create("http://127.0.0.1:" + server.port())),
                Duration.ofSeconds(5), 1 << 20, ClientMetrics.NONE);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
        server.disposeNow(Duration.ofSeconds(5));
    }
}
