package io.antelopekit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real Reactor Netty HTTP server on 127.0.0.1 (a free port) that plays a chain node: each path
 * answers with a script of replies (recorded node answers or injected faults), the last one
 * repeating. It records every request it receives. Everything it sends is prepared before it
 * starts, so its handlers never block.
 */
final class MockNode implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the server received it, and when ({@link System#nanoTime()}). */
    record Request(String path, String body, HttpHeaders headers, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the server does with one request. */
    @FunctionalInterface
    interface Reply {
        Publisher<Void> send(Request request, HttpServerResponse response);
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Queue<Request> received = new ConcurrentLinkedQueue<>();
    private final DisposableServer server;

    private MockNode() {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::handle)
                .bindNow(Duration.ofSeconds(10));
    }

    static MockNode start() {
        return new MockNode();
    }

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            Request r = new Request(req.uri(), body, req.requestHeaders().copy(), System.nanoTime());
            received.add(r);
            Script script = scripts.get(req.uri());
            Reply reply = script == null ? json(404, "{\"code\":404,\"message\":\"Not Found\",\"error\":{\"code\":0,"
                    + "\"name\":\"exception\",\"what\":\"unspecified\",\"details\":[{\"message\":\"Unknown Endpoint\"}]}}")
                    : script.next();
            return Mono.from(reply.send(r, res));
        });
    }

    /** The base URL, such as {@code http://127.0.0.1:38211}. */
    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Answers requests to {@code path} with {@code replies} in turn, repeating the last. */
    MockNode on(String path, Reply... replies) {
        scripts.put(path, new Script(List.of(replies)));
        return this;
    }

    /** Answers {@code /v1/chain/<endpoint>}. */
    MockNode chain(String endpoint, Reply... replies) {
        return on("/v1/chain/" + endpoint, replies);
    }

    /** Every request received so far, in order. */
    List<Request> requests() {
        return List.copyOf(received);
    }

    /** The requests to {@code /v1/chain/<endpoint>}. */
    List<Request> requests(String endpoint) {
        String path = "/v1/chain/" + endpoint;
        return received.stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    /** How many requests arrived. */
    int count() {
        return received.size();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    private static final class Script {
        final List<Reply> replies;
        final AtomicInteger next = new AtomicInteger();

        Script(List<Reply> replies) {
            this.replies = replies;
        }

        Reply next() {
            int i = next.getAndIncrement();
            return replies.get(Math.min(i, replies.size() - 1));
        }
    }

    // ---------------------------------------------------------------- replies

    /** A JSON body with a status. */
    static Reply json(int status, String body) {
        return (req, res) -> res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(body));
    }

    /** A recorded node answer, replayed with its status and exact body. */
    static Reply recorded(String file) {
        Recorded r = Recorded.of(file);
        return json(r.status(), r.text());
    }

    /** A 200 JSON body sent in chunks of {@code size} characters, without a content length. */
    static Reply chunked(String body, int size) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < body.length(); i += size) {
            parts.add(body.substring(i, Math.min(body.length(), i + size)));
        }
        return (req, res) -> res.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.TRANSFER_ENCODING, "chunked")
                .sendString(reactor.core.publisher.Flux.fromIterable(parts));
    }

    /** A body computed from the request. */
    static Reply dynamic(Function<Request, Reply> f) {
        return (req, res) -> f.apply(req).send(req, res);
    }

    /** Resets the connection (TCP RST) without answering. */
    static Reply reset() {
        return (req, res) -> {
            res.withConnection(c -> {
                c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                c.channel().close();
            });
            return Mono.empty();
        };
    }

    /** {@code reply}, sent after {@code delay}. */
    static Reply delayed(Duration delay, Reply reply) {
        return (req, res) -> Mono.delay(delay).then(Mono.from(reply.send(req, res)));
    }

    /** Never answers. */
    static Reply stall() {
        return (req, res) -> Mono.never();
    }

    /** Sends the headers and part of a body, then never the rest. */
    static Reply stallMidBody(String start) {
        return (req, res) -> res.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(start.length() + 100))
                .sendString(Mono.just(start).concatWith(Mono.never()));
    }

    /** A 200 answer whose JSON is cut short. */
    static Reply malformed() {
        return json(200, "{\"server_version\":\"d02f3f4\",\"chain_id\":\"73e4385a2708e6d7");
    }
}
