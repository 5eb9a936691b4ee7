package io.antelopekit.devnet;

import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Checksum256;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * The node's state history endpoint ({@code state_history_plugin}'s
 * {@code state-history-endpoint}): a WebSocket server that first sends the SHiP ABI as text,
 * then answers binary {@code request}s with binary {@code result}s as the node's session does.
 * Requests are handled on the I/O thread under the chain's monitor (no waiting); results are
 * queued to the connection and written as it can take them.
 */
final class ShipServer {

    /**
     * The ABI the node sends first, verbatim ({@code state_history_plugin_abi} of spring's
     * {@code libraries/state_history/abi.cpp}); in a folder of its own, apart from the contracts'
     * {@code *.abi.json} the contract generator reads.
     */
    static final String ABI = readAbi();
    /** The node's largest WebSocket message it reads (beast's default, unbounded in practice): 64 MiB here. */
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final Chain chain;
    private final String host;
    private final HttpServer http;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private volatile DisposableServer server;
    private volatile int boundPort = -1;

    ShipServer(Chain chain, String host, int port, LoopResources loops) {
        this.chain = chain;
        this.host = host;
        this.http = HttpServer.create().runOn(loops).host(host).port(port)
                // a request that is no WebSocket upgrade is refused with a 400, as beast's accept refuses it
                .handle((req, res) -> !"websocket".equalsIgnoreCase(req.requestHeaders().get("upgrade"))
                        ? res.status(400).send()
                        : res.header("server", "state_history/antelopekit-devnet").sendWebsocket(this::session,
                                WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME).build()));
    }

    private static String readAbi() {
        try (InputStream in = ShipServer.class.getResourceAsStream("ship/ship.abi.json")) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/antelopekit/devnet/ship/ship.abi.json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void bindNow(Duration timeout) {
        server = http.bindNow(timeout);
        boundPort = server.port();
    }

    int port() {
        return boundPort;
    }

    /** Closes every session and its connection and stops listening; the port is kept for {@link #start()}. */
    Mono<Void> stop() {
        return Mono.defer(() -> {
            for (Session s : sessions) {
                s.close();
                if (s.channel != null) {
                    s.channel.close();
                }
            }
            DisposableServer current = server;
            if (current == null || current.isDisposed()) {
                return Mono.empty();
            }
            current.dispose();
            return current.onDispose();
        });
    }

    /** Listens again on the same port; nothing when it listens already. */
    Mono<Void> start() {
        return Mono.defer(() -> {
            DisposableServer current = server;
            if (current != null && !current.isDisposed()) {
                return Mono.empty();
            }
            return http.port(boundPort).bind().doOnNext(bound -> server = bound).then();
        });
    }

    boolean isRunning() {
        DisposableServer current = server;
        return current != null && !current.isDisposed();
    }

    String url() {
        return "ws://" + host + ":" + port();
    }

    void stopNow(Duration timeout) {
        for (Session s : sessions) {
            s.close();
        }
        if (server != null && !server.isDisposed()) {
            server.disposeNow(timeout);
        }
    }

    private Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        Session s = new Session();
        sessions.add(s);
        in.withConnection(c -> s.channel = c.channel());
        Flux<WebSocketFrame> frames = Flux.concat(Mono.just(new TextWebSocketFrame(ABI)), s.out.asFlux());
        Mono<Void> reading = in.aggregateFrames(MAX_FRAME).receiveFrames()
                .doOnNext(s::onFrame)
                .then();
        return Mono.when(reading.doFinally(x -> s.close()), out.sendObject(frames).then())
                .doFinally(x -> {
                    s.close();
                    sessions.remove(s);
                });
    }

    /**
     * One connection, as the node's {@code session}: the current blocks request (its
     * {@code start_block_num} is the cursor, its {@code max_messages_in_flight} the credits the
     * client gave), status requests waiting, and what it sends next.
     */
    private final class Session {
        final Sinks.Many<WebSocketFrame> out = Sinks.many().unicast().onBackpressureBuffer();
        final Runnable wake = this::onBlock;
        volatile Channel channel;
        // guarded by chain
        long cursor;
        long end;
        long credits;
        /** The highest block sent, 0 before any. */
        long lastSent;
        boolean irreversibleOnly;
        boolean fetchBlock;
        boolean fetchTraces;
        boolean fetchDeltas;
        /** {@code null}: a v0 blocks request; else whether a v1 request asked for finality data. */
        Boolean v1Finality;
        final List<Boolean> statusRequests = new ArrayList<>();
        boolean closed;

        Session() {
            synchronized (chain) {
                chain.stateHistory().listen(wake);
            }
        }

        void onFrame(WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(frame.content());
            synchronized (chain) {
                try {
                    request(new BinaryReader(bytes));
                } catch (RuntimeException e) {
                    // the node's fc::raw::unpack throws: the session ends, the socket is closed, no answer
                    closeAbruptly();
                    return;
                }
                pump();
            }
        }

        private void request(BinaryReader r) {
            long index = r.readVarUInt32();
            switch ((int) index) {
                case 0 -> statusRequests.add(false);
                case 4 -> statusRequests.add(true);
                case 1, 3 -> {
                    long start = r.readUInt32();
                    long endNum = r.readUInt32();
                    long max = r.readUInt32();
                    long n = r.readVarUInt32();
                    List<long[]> havePositions = new ArrayList<>();
                    List<Checksum256> haveIds = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        havePositions.add(new long[] {r.readUInt32()});
                        haveIds.add(Checksum256.decode(r));
                    }
                    boolean irr = r.readBoolean();
                    boolean block = r.readBoolean();
                    boolean traces = r.readBoolean();
                    boolean deltas = r.readBoolean();
                    Boolean finality = index == 3 ? r.readBoolean() : null;
                    for (int i = 0; i < havePositions.size(); i++) {
                        long num = havePositions.get(i)[0];
                        if (start <= num) {
                            continue;
                        }
                        Chain.Block b = chain.blockAt(num);
                        if (b == null || !b.id().equals(haveIds.get(i))) {
                            start = Math.min(start, num);
                        }
                    }
                    cursor = start;
                    end = endNum;
                    credits = max;
                    irreversibleOnly = irr;
                    fetchBlock = block;
                    fetchTraces = traces;
                    fetchDeltas = deltas;
                    v1Finality = finality;
                }
                case 2 -> credits = (credits + r.readUInt32()) & 0xFFFFFFFFL;
                default -> throw new IllegalArgumentException("unknown request variant index " + index);
            }
        }

        /**
         * A block was added: when it replaces one this session sent already (a fork), the session
         * sends again from it, as the node's session moves its cursor back to a block applied
         * below it. Under the chain's monitor.
         */
        private void onBlock() {
            long num = chain.head().num();
            if (lastSent >= num && cursor > num) {
                cursor = num;
            }
            pump();
        }

        /** Sends what can go now: status results first, then blocks while credits last. Under the chain's monitor. */
        void pump() {
            if (closed) {
                return;
            }
            if (!statusRequests.isEmpty()) {
                byte[] v0 = status(false);
                byte[] v1 = status(true);
                for (boolean isV1 : statusRequests) {
                    emit(isV1 ? v1 : v0);
                }
                statusRequests.clear();
            }
            while (true) {
                long latest = irreversibleOnly ? chain.lib().num() : chain.head().num();
                if (credits == 0 || cursor > latest || cursor >= end) {
                    return;
                }
                emit(blocksResult(cursor));
                lastSent = Math.max(lastSent, cursor);
                cursor++;
                credits--;
            }
        }

        private byte[] status(boolean v1) {
            StateHistory h = chain.stateHistory();
            BinaryWriter w = new BinaryWriter(160);
            w.writeVarUInt32(v1 ? 3 : 0);
            position(w, chain.head());
            position(w, chain.lib());
            w.writeInt32((int) h.beginBlock()).writeInt32((int) h.endBlock());
            w.writeInt32((int) h.beginBlock()).writeInt32((int) h.endBlock());
            chain.chainId.encode(w);
            if (v1) {
                w.writeInt32(0).writeInt32(0); // no finality data log
            }
            return w.toByteArray();
        }

        private byte[] blocksResult(long num) {
            StateHistory h = chain.stateHistory();
            BinaryWriter w = new BinaryWriter(1024);
            w.writeVarUInt32(v1Finality != null ? 2 : 1);
            position(w, chain.head());
            position(w, chain.lib());
            Chain.Block b = chain.blockAt(num);
            StateHistory.Entry e = h.get(num);
            w.writeBoolean(b != null);
            if (b == null) {
                // the node sends the result without this block (it does not know it)
                w.writeBoolean(false).writeBoolean(false).writeBoolean(false).writeBoolean(false);
                if (v1Finality != null) {
                    w.writeBoolean(false);
                }
                return w.toByteArray();
            }
            w.writeInt32((int) num);
            b.id().encode(w);
            Chain.Block prev = chain.blockAt(num - 1);
            w.writeBoolean(prev != null);
            if (prev != null) {
                w.writeInt32((int) prev.num());
                prev.id().encode(w);
            }
            byte[] block = !fetchBlock ? null : e != null ? e.signedBlock() : StateHistory.signedBlock(b);
            optionalBytes(w, block);
            optionalBytes(w, fetchTraces && e != null ? e.traces() : null);
            optionalBytes(w, fetchDeltas && e != null ? e.deltas() : null);
            if (v1Finality != null) {
                w.writeBoolean(false); // no finality data log
            }
            return w.toByteArray();
        }

        private void position(BinaryWriter w, Chain.Block b) {
            w.writeInt32((int) b.num());
            b.id().encode(w);
        }

        private void optionalBytes(BinaryWriter w, byte[] bytes) {
            w.writeBoolean(bytes != null);
            if (bytes != null) {
                w.writeBytesWithLength(bytes);
            }
        }

        private void emit(byte[] message) {
            ByteBuf buf = Unpooled.wrappedBuffer(message);
            if (out.tryEmitNext(new BinaryWebSocketFrame(buf)).isFailure()) {
                buf.release();
            }
        }

        private void closeAbruptly() {
            close();
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }

        void close() {
            synchronized (chain) {
                if (closed) {
                    return;
                }
                closed = true;
                chain.stateHistory().unlisten(wake);
            }
            out.tryEmitComplete();
        }
    }
}
