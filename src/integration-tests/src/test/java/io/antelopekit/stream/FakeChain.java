package io.antelopekit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real Reactor Netty server on 127.0.0.1 that plays a node whose chain the test rewrites: forks
 * (blocks replaced from some number on), a head and last irreversible block set by hand, and
 * failures injected for given blocks. Answers are the devnet's JSON shapes (templates taken from a
 * devnet block and get_info) with the numbers and ids changed.
 */
final class FakeChain implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode blockTemplate;
    private final ObjectNode infoTemplate;
    private final Map<Long, Checksum256> ids = new ConcurrentHashMap<>();
    private final Map<Long, Queue<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> asked = new ConcurrentHashMap<>();
    private volatile JsonNode transactions;
    private volatile String rawAbi;
    private final Queue<Integer> abiFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger abiAsked = new AtomicInteger();
    private volatile long head;
    private volatile long lib;
    private final DisposableServer server;

    FakeChain(JsonNode blockTemplate, JsonNode infoTemplate) {
        this.blockTemplate = (ObjectNode) blockTemplate.deepCopy();
        this.blockTemplate.putArray("transactions");
        this.infoTemplate = (ObjectNode) infoTemplate.deepCopy();
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow(Duration.ofSeconds(10));
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** An id for block {@code num} on branch {@code branch}, with the number in its first 4 bytes as a node's. */
    static Checksum256 id(String branch, long num) {
        byte[] h = Checksum256.hash((branch + num).getBytes(StandardCharsets.UTF_8)).bytes();
        ByteBuffer.wrap(h).putInt((int) num);
        return Checksum256.of(h);
    }

    /** Blocks {@code from..to} of {@code branch}; the head moves to {@code to} and lib to {@code lib}. */
    FakeChain branch(String branch, long from, long to, long lib) {
        for (long n = from; n <= to; n++) {
            ids.put(n, id(branch, n));
        }
        ids.keySet().removeIf(n -> n > to);
        this.head = to;
        this.lib = lib;
        return this;
    }

    /** The next {@code statuses.length} requests for block {@code num} fail with these HTTP statuses. */
    void fail(long num, Integer... statuses) {
        failures.computeIfAbsent(num, n -> new ConcurrentLinkedQueue<>()).addAll(java.util.List.of(statuses));
    }

    /** Every block carries these transactions (a devnet block's {@code transactions} array). */
    void transactions(JsonNode transactions) {
        this.transactions = transactions;
    }

    /** {@code get_raw_abi} answers with this body (status 200). */
    void rawAbi(String body) {
        this.rawAbi = body;
    }

    /** The next requests for an ABI fail with these HTTP statuses. */
    void failAbi(Integer... statuses) {
        abiFailures.addAll(java.util.List.of(statuses));
    }

    int abiAsked() {
        return abiAsked.get();
    }

    int asked(long num) {
        AtomicInteger n = asked.get(num);
        return n == null ? 0 : n.get();
    }

    private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString().defaultIfEmpty("{}").flatMap(body -> {
            try {
                if (req.uri().endsWith("/get_info")) {
                    ObjectNode info = infoTemplate.deepCopy();
                    long h = head;
                    long l = lib;
                    info.put("head_block_num", h).put("head_block_id", ids.get(h).toString())
                            .put("last_irreversible_block_num", l).put("last_irreversible_block_id", ids.get(l).toString());
                    return send(res, 200, info.toString());
                }
                if (req.uri().endsWith("/get_raw_abi")) {
                    abiAsked.incrementAndGet();
                    Integer status = abiFailures.poll();
                    if (status != null) {
                        return send(res, status, "{\"message\":\"busy\"}");
                    }
                    return rawAbi == null ? send(res, 404, "{\"message\":\"no abi\"}") : send(res, 200, rawAbi);
                }
                if (req.uri().endsWith("/get_block")) {
                    long num = JSON.readTree(body).path("block_num_or_id").asLong();
                    asked.computeIfAbsent(num, n -> new AtomicInteger()).incrementAndGet();
                    Queue<Integer> q = failures.get(num);
                    Integer status = q == null ? null : q.poll();
                    if (status != null) {
                        return status == 500 ? send(res, 500, unknownBlock(num)) : send(res, status, "{\"message\":\"busy\"}");
                    }
                    Checksum256 id = ids.get(num);
                    if (id == null || num > head) {
                        return send(res, 500, unknownBlock(num));
                    }
                    ObjectNode b = blockTemplate.deepCopy();
                    Checksum256 previous = ids.getOrDefault(num - 1, Checksum256.ZERO);
                    b.put("id", id.toString()).put("block_num", num).put("previous", previous.toString());
                    if (transactions != null) {
                        b.set("transactions", transactions);
                    }
                    return send(res, 200, b.toString());
                }
                return send(res, 404, "{\"code\":404,\"message\":\"Not Found\"}");
            } catch (Exception e) {
                return send(res, 400, "{\"message\":\"" + e.getMessage() + "\"}");
            }
        });
    }

    private static String unknownBlock(long num) {
        return "{\"code\":500,\"message\":\"Internal Service Error\",\"error\":{\"code\":3100002,"
                + "\"name\":\"unknown_block_exception\",\"what\":\"Unknown block\",\"details\":[{\"message\":"
                + "\"Could not find block: " + num + "\",\"file\":\"chain_plugin.cpp\",\"line_number\":2000,"
                + "\"method\":\"get_block\"}]}}";
    }

    private static Mono<Void> send(HttpServerResponse res, int status, String body) {
        return res.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
