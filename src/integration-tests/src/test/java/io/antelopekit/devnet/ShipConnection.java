package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Hex;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A SHiP client for the tests: a Reactor Netty WebSocket connection whose incoming messages are
 * queued (the ABI text first, then binary results) and whose requests are encoded with the ABI
 * the server sent.
 */
final class ShipConnection implements AutoCloseable {

    /** What arrives: a text or binary message, or the end of the connection. */
    record Message(String text, byte[] binary, boolean closed) {
    }

    private final BlockingQueue<Message> in = new LinkedBlockingQueue<>();
    private final Sinks.Many<WebSocketFrame> out = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable connection;
    final String abiText;
    final Abi abi;

    ShipConnection(String url) {
        connection = HttpClient.create()
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(64 * 1024 * 1024).build())
                .uri(url)
                .handle((wsIn, wsOut) -> {
                    wsIn.aggregateFrames(64 * 1024 * 1024).receiveFrames()
                            .doOnNext(f -> in.add(f instanceof TextWebSocketFrame t ? new Message(t.text(), null, false)
                                    : new Message(null, ByteBufUtil.getBytes(f.content()), false)))
                            .doFinally(s -> in.add(new Message(null, null, true)))
                            .subscribe();
                    return wsOut.sendObject(out.asFlux()).neverComplete();
                })
                .subscribe(x -> { }, e -> in.add(new Message(null, null, true)));
        Message first = next();
        this.abiText = first.text();
        this.abi = withoutTables(abiText);
    }

    /**
     * The ABI without its {@code tables}: their names ({@code account_metadata}, ...) are not
     * account names, which {@link Abi} refuses; the node's own {@code ship_abi_without_tables()}
     * drops them too. The types are all a client needs.
     */
    static Abi withoutTables(String json) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                    DevnetHttp.MAPPER.readTree(json);
            tree.putArray("tables");
            return Abi.fromJson(DevnetHttp.MAPPER.writeValueAsString(tree));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The next message, failing after 10 s. */
    Message next() {
        try {
            Message m = in.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no SHiP message within 10 s");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message if one comes within {@code wait}, else {@code null}. */
    Message poll(Duration wait) {
        try {
            return in.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next result decoded as the ABI's {@code result} variant: {@code ["type", {...}]}. */
    JsonNode result() {
        Message m = next();
        if (m.closed()) {
            throw new AssertionError("the SHiP connection closed");
        }
        return abi.decode("result", m.binary());
    }

    /** Sends a request, the ABI's {@code request} variant given as {@code ["type", fields]}. */
    void send(String type, Map<String, Object> fields) {
        sendRaw(abi.encode("request", java.util.List.of(type, fields)));
    }

    void sendRaw(byte[] bytes) {
        out.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** A blocks request v0. */
    void getBlocks(long start, long end, long maxInFlight, java.util.List<Map<String, Object>> have) {
        send("get_blocks_request_v0", Map.of("start_block_num", start, "end_block_num", end,
                "max_messages_in_flight", maxInFlight, "have_positions", have, "irreversible_only", false,
                "fetch_block", true, "fetch_traces", true, "fetch_deltas", true));
    }

    /** Decodes {@code bytes} (hex, as the ABI gives a {@code bytes} field) as {@code type}. */
    JsonNode decode(String type, JsonNode hex) {
        return abi.decode(type, Hex.decode(hex.asText()));
    }

    @Override
    public void close() {
        out.tryEmitComplete();
        connection.dispose();
    }
}
