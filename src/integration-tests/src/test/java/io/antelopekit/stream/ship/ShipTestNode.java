package io.antelopekit.stream.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Checksum256;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A state history node for tests: a Reactor Netty WebSocket server on 127.0.0.1 that speaks the
 * protocol as the node's {@code state_history_plugin} does (the ABI as its first, text, message;
 * then {@code request}s answered with {@code result}s, blocks sent while credits last), encoded
 * with {@link Abi} and the node's ABI (a copy in the test resources).
 */
final class ShipTestNode implements AutoCloseable {

    /** The node's ABI, as it sends it (read once, not on an event loop). */
    static final String ABI_TEXT = SHIP_ABI_TEXT();
    static final Abi SHIP_ABI = abi();

    private static Abi abi() {
        try {
            // without its tables: their names (account_metadata, ...) are longer than a name, and encoding needs none
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(ABI_TEXT);
            tree.remove("tables");
            return Abi.fromJson(tree.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String SHIP_ABI_TEXT() {
        try (InputStream in = ShipTestNode.class.getResourceAsStream("ship-abi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A block id: its number in the first 4 bytes, as the node's, and the fork it is on. */
    static Checksum256 id(long num, int fork) {
        byte[] b = new byte[32];
        b[0] = (byte) (num >>> 24);
        b[1] = (byte) (num >>> 16);
        b[2] = (byte) (num >>> 8);
        b[3] = (byte) num;
        b[31] = (byte) fork;
        return Checksum256.of(b);
    }

    static final String SIGNATURE = io.antelopekit.crypto.Signature.of(io.antelopekit.crypto.KeyType.K1, new byte[65]).toString();

    /** What one connection sees: its requests, and the blocks it sent. */
    static final class Connection {
        final List<JsonNode> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        /** Blocks the node may still send before the client acknowledges more. */
        final AtomicLong credits = new AtomicLong();

        /** Waits (on the test thread) until the node has sent {@code n} blocks on this connection. */
        void awaitSent(int n) {
            synchronized (this) {
                while (sent.get() < n) {
                    try {
                        wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }

        private void sentOne() {
            sent.incrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** The fork a connection's chain is on, for each block number: 0 unless set. */
    volatile LongFunction<Integer> forkOf = n -> 0;
    volatile long head = 100;
    volatile long lib = 100;
    /** Closes a connection after it sent this many blocks (0: never). */
    volatile int dropAfter;
    /** Replaces the answer to a get_blocks request on a connection: (connection index, encoded block) to what is sent. */
    volatile BiFunction<Integer, byte[], byte[]> tamper = (i, b) -> b;
    /** The first message; the ABI unless set. */
    volatile WebSocketFrame firstMessage;
    /** Builds a block's traces and deltas (the result's fields), by number. */
    volatile LongFunction<Map<String, Object>> contents = n -> Map.of();

    final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    ShipTestNode() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> res.sendWebsocket((in, out) -> {
                    Connection c = new Connection();
                    int index = connections.size();
                    connections.add(c);
                    Sinks.Many<WebSocketFrame> outgoing = Sinks.many().unicast().onBackpressureBuffer();
                    outgoing.tryEmitNext(firstMessage != null ? firstMessage.retainedDuplicate()
                            : new TextWebSocketFrame(ABI_TEXT));
                    long[] cursor = {0, 0};  // next block, end
                    Runnable pump = () -> {
                        while (c.credits.get() > 0 && cursor[0] < cursor[1] && cursor[0] <= head) {
                            if (dropAfter > 0 && c.sent.get() >= dropAfter && index == 0) {
                                outgoing.tryEmitComplete();
                                return;
                            }
                            byte[] msg;
                            try {
                                msg = tamper.apply(index, blockResult(cursor[0]));
                            } catch (RuntimeException e) {
                                e.printStackTrace();
                                throw e;
                            }
                            cursor[0]++;
                            c.credits.decrementAndGet();
                            int inFlight = c.sent.get() + 1 - c.acked.get();
                            c.maxInFlight.accumulateAndGet(inFlight, Math::max);
                            outgoing.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(msg)));
                            c.sentOne();
                        }
                    };
                    in.aggregateFrames().receiveFrames().subscribe(f -> {
                        JsonNode r = SHIP_ABI.decode("request", ByteBufUtil.getBytes(f.content()));
                        c.requests.add(r);
                        JsonNode v = r.get(1);
                        switch (r.get(0).asText()) {
                            case "get_status_request_v0" -> outgoing.tryEmitNext(new BinaryWebSocketFrame(
                                    Unpooled.wrappedBuffer(statusResult())));
                            case "get_blocks_request_v0" -> {
                                long start = v.get("start_block_num").asLong();
                                for (JsonNode have : v.get("have_positions")) {
                                    long n = have.get("block_num").asLong();
                                    if (n < start && !have.get("block_id").asText().equals(id(n, forkOf.apply(n)).toString())) {
                                        start = n;
                                    }
                                }
                                cursor[0] = start;
                                cursor[1] = v.get("end_block_num").asLong();
                                c.credits.set(v.get("max_messages_in_flight").asLong());
                                pump.run();
                            }
                            case "get_blocks_ack_request_v0" -> {
                                c.acked.addAndGet(v.get("num_messages").asInt());
                                c.credits.addAndGet(v.get("num_messages").asLong());
                                pump.run();
                            }
                            default -> throw new IllegalStateException("unknown request " + r);
                        }
                    }, e -> outgoing.tryEmitComplete(), outgoing::tryEmitComplete);
                    return out.sendObject(outgoing.asFlux()).then();
                }))
                .bindNow();
    }

    String endpoint() {
        return "ws://127.0.0.1:" + server.port();
    }

    private Map<String, Object> position(long n) {
        return Map.of("block_num", n, "block_id", id(n, forkOf.apply(n)).toString());
    }

    byte[] statusResult() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("head", position(head));
        s.put("last_irreversible", position(lib));
        s.put("trace_begin_block", 1);
        s.put("trace_end_block", head + 1);
        s.put("chain_state_begin_block", 1);
        s.put("chain_state_end_block", head + 1);
        s.put("chain_id", id(0, 7).toString());
        return SHIP_ABI.encode("result", List.of("get_status_result_v0", s));
    }

    byte[] blockResult(long n) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("timestamp", "2026-01-01T00:00:00.500");
        header.put("producer", "eosio");
        header.put("confirmed", 0);
        header.put("previous", id(n - 1, forkOf.apply(n - 1)).toString());
        header.put("transaction_mroot", Checksum256.ZERO.toString());
        header.put("action_mroot", Checksum256.ZERO.toString());
        header.put("schedule_version", 0);
        header.put("new_producers", null);
        header.put("header_extensions", List.of());
        header.put("producer_signature", SIGNATURE);
        header.put("transactions", List.of());
        header.put("block_extensions", List.of());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("head", position(head));
        r.put("last_irreversible", position(lib));
        r.put("this_block", position(n));
        r.put("prev_block", n > 1 ? position(n - 1) : null);
        r.put("block", hex(SHIP_ABI.encode("signed_block", header)));
        Map<String, Object> more = contents.apply(n);
        r.put("traces", more.containsKey("traces") ? hex(SHIP_ABI.encode("transaction_trace[]", more.get("traces"))) : null);
        r.put("deltas", more.containsKey("deltas") ? hex(SHIP_ABI.encode("table_delta[]", more.get("deltas"))) : null);
        return SHIP_ABI.encode("result", List.of("get_blocks_result_v0", r));
    }

    static String hex(byte[] b) {
        return ByteBufUtil.hexDump(b);
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
