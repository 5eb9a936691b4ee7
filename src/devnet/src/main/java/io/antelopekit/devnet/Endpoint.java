package io.antelopekit.devnet;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.NettyPipeline;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * One HTTP endpoint of a devnet: its server, bound and unbound on one port, the connections it
 * accepted (so that a stop closes them, as a node going down does), and its {@link HttpApi}
 * (which holds its lag). Every endpoint of a devnet shares the chain and the event loops.
 *
 * <p>Start and stop may race: the latest call wins. A stop during a bind disposes the server
 * once the bind completes.
 */
final class Endpoint {

    private final int index;
    private final String host;
    private final HttpServer http;
    final HttpApi api;
    /** The connections open now; each removes itself when it closes. */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    /** False once a stop began: a connection accepted after that is closed at once. */
    private volatile boolean accepting;
    /** The port: the one asked for until the first bind, the bound one after. */
    private volatile int port;

    // guarded by this
    private DisposableServer server;
    private Mono<Void> binding;
    private long generation;
    private boolean closed;

    Endpoint(int index, String host, int port, HttpApi api, LoopResources loops, long maxBodySize) {
        this.index = index;
        this.host = host;
        this.port = port;
        this.api = api;
        this.http = HttpServer.create().runOn(loops).host(host)
                .doOnChannelInit((observer, channel, remote) -> track(channel, maxBodySize))
                .handle(api::handle);
    }

    /** Once per accepted connection (not per request). */
    private void track(Channel channel, long maxBodySize) {
        // right after the codec: a body over the limit is refused as it streams in, before it is held
        channel.pipeline().addAfter(NettyPipeline.HttpCodec, BodyLimit.NAME, new BodyLimit(maxBodySize));
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        // added before checking: a stop either sees it in the set or is seen here
        if (!accepting) {
            channel.close();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://" + host + ":" + port;
    }

    synchronized boolean isRunning() {
        return server != null && !server.isDisposed();
    }

    /** Binds now, waiting for it: startup code only. */
    void bindNow(Duration timeout) {
        accepting = true;
        DisposableServer s = http.port(port).bindNow(timeout);
        synchronized (this) {
            server = s;
            port = s.port();
        }
    }

    /** Binds when subscribed (without blocking); completes once listening. Does nothing when already running. */
    Mono<Void> start() {
        return Mono.defer(() -> {
            Sinks.One<Void> done;
            long gen;
            int onPort;
            synchronized (this) {
                if (closed) {
                    return Mono.error(new DevnetException("devnet endpoint " + index + " (" + url()
                            + ") cannot start: the devnet is stopped"));
                }
                if (server != null && !server.isDisposed()) {
                    return Mono.empty();
                }
                if (binding != null) {
                    return binding;
                }
                done = Sinks.one();
                binding = done.asMono();
                gen = generation;
                onPort = port;
                accepting = true;
            }
            // subscribed here, not by the caller: a caller's cancel must not leave a bind half done
            http.port(onPort).bind().subscribe(s -> bound(s, gen, done), e -> failed(e, gen, onPort, done));
            return done.asMono();
        });
    }

    private void bound(DisposableServer s, long gen, Sinks.One<Void> done) {
        boolean keep;
        synchronized (this) {
            keep = gen == generation && !closed;
            if (keep) {
                server = s;
                port = s.port();
                binding = null;
            }
        }
        if (!keep) {
            s.dispose(); // stopped while binding: the stop wins
        }
        done.tryEmitEmpty();
    }

    private void failed(Throwable e, long gen, int onPort, Sinks.One<Void> done) {
        synchronized (this) {
            if (gen == generation) {
                binding = null;
            }
        }
        done.tryEmitError(new DevnetException("cannot start devnet endpoint " + index + " on " + host + ":" + onPort
                + ": " + e.getMessage(), e));
    }

    /**
     * Closes the listening socket and every open connection; completes once they are closed.
     * Does nothing more when stopped.
     */
    Mono<Void> stop() {
        return Mono.defer(() -> {
            DisposableServer s = detach(false);
            List<Mono<Void>> closing = new ArrayList<>(connections.size() + 1);
            if (s != null) {
                s.dispose();
                closing.add(s.onDispose());
            }
            for (Channel c : connections) {
                closing.add(closed(c.close()));
            }
            return Mono.when(closing);
        });
    }

    /** Stops for good (the devnet stops), waiting up to {@code timeout}: a blocking call. */
    void stopNow(Duration timeout) {
        DisposableServer s = detach(true);
        if (s != null && !s.isDisposed()) {
            s.disposeNow(timeout);
        }
        List<ChannelFuture> closing = new ArrayList<>(connections.size());
        for (Channel c : connections) {
            closing.add(c.close());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized DisposableServer detach(boolean forGood) {
        accepting = false;
        generation++;
        binding = null;
        closed |= forGood;
        DisposableServer s = server;
        server = null;
        return s;
    }

    private static Mono<Void> closed(ChannelFuture f) {
        return Mono.create(sink -> f.addListener(x -> sink.success()));
    }

    @Override
    public String toString() {
        return url();
    }
}
