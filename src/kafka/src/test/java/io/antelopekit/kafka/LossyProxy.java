package io.antelopekit.kafka;

import io.netty.buffer.Unpooled;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Between a client and a node on 127.0.0.1: forwards every request, except that the next
 * broadcasts ({@code send_transaction2}) can be made to lose their answer, either after the node
 * took the transaction ({@link Loss#AFTER_FORWARD}) or before it saw it ({@link Loss#BEFORE_FORWARD});
 * the client gets a 503 either way.
 */
final class LossyProxy implements AutoCloseable {

    /** How the next broadcast's answer is lost. */
    enum Loss { AFTER_FORWARD, BEFORE_FORWARD }

    private static final String BROADCAST = "/v1/chain/send_transaction2";

    private final Queue<Loss> next = new ConcurrentLinkedQueue<>();
    private final ConnectionProvider pool = ConnectionProvider.builder("lossy-proxy").maxConnections(64)
            .pendingAcquireMaxCount(-1).build();
    private final DisposableServer server;

    LossyProxy(String target) {
        HttpClient upstream = HttpClient.create(pool).baseUrl(target);
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    String path = req.uri();
                    Loss loss = path.equals(BROADCAST) ? next.poll() : null;
                    return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
                        if (loss == Loss.BEFORE_FORWARD) {
                            return res.status(503).sendString(Mono.just("unavailable")).then();
                        }
                        Mono<Map.Entry<Integer, byte[]>> forwarded = upstream.post().uri(path)
                                .send(Mono.just(Unpooled.wrappedBuffer(body)))
                                .responseSingle((r, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                                        .map(bytes -> Map.entry(r.status().code(), bytes)));
                        if (loss == Loss.AFTER_FORWARD) {
                            return forwarded.then(res.status(503).sendString(Mono.just("unavailable")).then());
                        }
                        return forwarded.flatMap(answer -> res.status(answer.getKey()).header("Content-Type", "application/json")
                                .sendByteArray(Mono.just(answer.getValue())).then());
                    });
                })
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Loses the answers of the next broadcasts, one loss each, in this order. */
    void lose(Loss... losses) {
        next.addAll(java.util.List.of(losses));
    }

    @Override
    public void close() {
        server.disposeNow();
        pool.dispose();
    }
}
