package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.session.internal.RandomIds;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives the callbacks wallets send after signing an ESR signing request: each request is
 * {@link #register() registered} under an unguessable id, its {@link Pending#url() callback URL}
 * goes into the request, and {@link Pending#await(Duration)} completes with the wallet's JSON.
 *
 * <pre>{@code
 * CallbackReceiver.builder().host("127.0.0.1").port(0).start().flatMap(receiver -> {
 *     CallbackReceiver.Pending pending = receiver.register();
 *     request.setCallback(pending.url(), true);          // background: the wallet POSTs JSON
 *     return pending.await(Duration.ofMinutes(2))
 *             .map(payload -> payload.get("tx").asText()); // sig, tx, sa, sp, rbn, rid, ex, req, cid, bn
 * }).subscribe(tx -> log.info("signed {}", tx), error -> log.warn("no answer", error));
 * }</pre>
 *
 * <p><b>Two ways to receive.</b> {@link Builder#start()} binds a Reactor Netty server of its own
 * that answers at {@code <path>/<id>} ({@value #DEFAULT_PATH} by default):
 * <ul>
 *   <li>{@code POST} with a JSON object as body (a background callback: ESR's payload),
 *       {@code Content-Type} {@code application/json}, {@code *+json} or {@code text/plain}
 *       (what a browser sends without a preflight) or none;</li>
 *   <li>{@code GET} with query parameters (a foreground callback: the wallet opens the URL with
 *       {@code {{sig}}}, {@code {{tx}}}... filled in, see {@link Pending#urlTemplate()}): the
 *       payload is an object of the parameters as strings, empty ones left out; the answer is a
 *       short HTML page for the user's browser;</li>
 *   <li>{@code OPTIONS}: the CORS preflight ({@code 204}).</li>
 * </ul>
 * Answers: {@code 200} delivered; {@code 404} unknown id, or one whose callback already came
 * (a second callback is refused like an unknown id: a caller cannot tell a used id from one never
 * issued); {@code 400} a body that is not a JSON object, a {@code GET} without parameters, or a
 * payload the registration's {@link #register(java.util.function.Predicate) check} refused (it
 * keeps waiting);
 * {@code 413} a body over {@link Builder#maxBodySize(int)}; {@code 415} another content type;
 * {@code 405} another method. Every answer carries {@code Access-Control-Allow-Origin}, so a web
 * page may post. {@link #detached(String)} has no server: the application's own route (WebFlux,
 * for instance) hands callbacks to {@link #deliver(String, JsonNode)}.
 *
 * <p><b>Registrations.</b> Ids are 128 bits from a seeded DRBG {@code SecureRandom}, 22 URL-safe
 * characters. A callback that arrives before {@code await} is subscribed is kept for it. A
 * registration leaves the table when its callback arrives, when its {@code await} times out
 * ({@link CallbackTimeoutException}) or is cancelled, on {@link Pending#cancel()}, when nobody
 * awaited it within {@link Builder#expireAfter(Duration)}, or when the receiver closes (waiters
 * then fail with a {@link CancelledException}). Nothing blocks: delivery runs on the thread that
 * delivers (the server's event loop), and the awaiting side continues there.
 *
 * <p>Thread-safe. The payload is what the wallet sent and is not verified here: check its
 * signatures (the signing request's resolution) before trusting it.
 */
public final class CallbackReceiver {

    /** The server's default path before the id. */
    public static final String DEFAULT_PATH = "/esr-callback";

    /** The default limit of a callback body (and of a {@code GET} request line), in bytes: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;

    /** How long a registration nobody awaits stays, by default: 30 minutes. */
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofMinutes(30);

    /**
     * The query of {@link Pending#urlTemplate()}: ESR's callback parameters as {@code {{name}}}
     * placeholders the wallet fills in.
     */
    static final String TEMPLATE_QUERY = "?sig={{sig}}&tx={{tx}}&bn={{bn}}&sa={{sa}}&sp={{sp}}&rbn={{rbn}}"
            + "&rid={{rid}}&ex={{ex}}&req={{req}}&cid={{cid}}";

    private final Registrations registrations;
    private final String baseUrl;
    private final DisposableServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CallbackReceiver(Registrations registrations, String baseUrl, DisposableServer server) {
        this.registrations = registrations;
        this.baseUrl = baseUrl;
        this.server = server;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A receiver without a server: callback URLs are {@code baseUrl + "/" + id}, and the
     * application's route for them calls {@link #deliver(String, JsonNode)}. Reads the OS's
     * entropy once when the first receiver is made: make it at startup, not on an event loop.
     *
     * @param baseUrl an absolute {@code http} or {@code https} URL without query or fragment
     * @throws IllegalArgumentException when {@code baseUrl} is not such a URL
     */
    public static CallbackReceiver detached(String baseUrl) {
        return builder().publicUrl(baseUrl).detached();
    }

    /**
     * Registers a new request waiting for its callback.
     *
     * @throws IllegalStateException when the receiver is closed
     */
    public Pending register() {
        return register(payload -> true);
    }

    /**
     * Registers a new request waiting for a callback that {@code accepts}: a callback it refuses
     * is answered {@code 400} (and {@link #deliver} gives {@code false}) and the registration
     * keeps waiting, so a malformed or forged answer posted to the id does not use up the
     * request the user's wallet is about to answer. The check runs on the thread that delivers
     * (the server's event loop): CPU work only, such as parsing the payload and recovering keys.
     * A check that throws refuses.
     *
     * @throws IllegalStateException when the receiver is closed
     */
    public Pending register(java.util.function.Predicate<? super JsonNode> accepts) {
        Objects.requireNonNull(accepts, "accepts");
        if (closed.get()) {
            throw new IllegalStateException("this CallbackReceiver is closed: no new registrations");
        }
        Pending p = registrations.add(id -> new Pending(registrations, id, baseUrl + "/" + id, accepts));
        if (closed.get()) { // closed meanwhile: its dropAll may have missed this one
            registrations.drop(p, new CancelledException("the callback receiver closed"));
            throw new IllegalStateException("this CallbackReceiver is closed: no new registrations");
        }
        return p;
    }

    /**
     * Hands in the callback for {@code id} (from the application's own route, or a test).
     *
     * @param id the id, the last segment of the callback URL
     * @param payload what the wallet sent (ESR's payload object, or the {@code GET} parameters)
     * @return {@code true} when a registration took it; {@code false} for an unknown id, one
     *     whose callback already came, one cancelled, timed out or expired, or a payload its
     *     check refused (it keeps waiting then)
     */
    public boolean deliver(String id, JsonNode payload) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        return registrations.deliver(id, payload) == Registrations.Delivery.DELIVERED;
    }

    /** The start of every callback URL: the public URL, or the server's {@code http://host:port/path}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The server's bound address; empty for a detached receiver. */
    public Optional<InetSocketAddress> address() {
        return server == null ? Optional.empty() : Optional.of((InetSocketAddress) server.address());
    }

    /** How many registrations wait for their callback now. */
    public int registrations() {
        return registrations.size();
    }

    /** Whether {@link #close()} or {@link #stop()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the receiver when subscribed: no new registrations, every waiter fails with a
     * {@link CancelledException}, the server (if any) stops accepting. Completes once the server
     * is closed. Idempotent.
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            if (closed.compareAndSet(false, true)) {
                registrations.dropAll("the callback receiver closed before the callback arrived");
                if (server != null) {
                    server.dispose();
                }
            }
            return server == null ? Mono.empty() : server.onDispose();
        });
    }

    /** Starts {@link #close()} without waiting for it. */
    public void stop() {
        close().subscribe(null, e -> { });
    }

    @Override
    public String toString() {
        return "CallbackReceiver[baseUrl=" + baseUrl + ", server=" + (server != null) + ", registrations="
                + registrations.size() + (closed.get() ? ", closed" : "") + "]";
    }

    /**
     * One request waiting for its callback: its id and URL, and the wait. Completes once:
     * with the payload, a timeout, a cancel, or the receiver's close; a later {@code await}
     * gets the same outcome at once.
     */
    public static final class Pending {

        private static final int WAITING = 0;
        private static final int DELIVERED = 1;
        private static final int FAILED = 2;

        private final Registrations registrations;
        private final String id;
        private final String url;
        private final long registeredAt;
        private final Sinks.One<JsonNode> outcome = Sinks.one();
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final java.util.function.Predicate<? super JsonNode> accepts;
        private volatile boolean awaited;

        Pending(Registrations registrations, String id, String url, java.util.function.Predicate<? super JsonNode> accepts) {
            this.registrations = registrations;
            this.id = id;
            this.url = url;
            this.accepts = accepts;
            this.registeredAt = registrations.now();
        }

        /** Whether the registration's check takes {@code payload} (a check that throws refuses). */
        boolean accepts(JsonNode payload) {
            try {
                return accepts.test(payload);
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** The id: 22 URL-safe characters, unguessable. */
        public String id() {
            return id;
        }

        /** The callback URL: {@code baseUrl + "/" + id}; for a background callback (a {@code POST} of JSON). */
        public String url() {
            return url;
        }

        /**
         * The callback URL with ESR's parameters as placeholders in its query
         * ({@code ?sig={{sig}}&tx={{tx}}&bn={{bn}}&sa={{sa}}&sp={{sp}}&rbn={{rbn}}&rid={{rid}}&ex={{ex}}&req={{req}}&cid={{cid}}}):
         * for a foreground callback, which the wallet opens with a {@code GET} after filling them in.
         */
        public String urlTemplate() {
            return url + TEMPLATE_QUERY;
        }

        /**
         * Waits for the callback, when subscribed.
         *
         * @param timeout how long to wait, above zero
         * @return the payload; a {@link CallbackTimeoutException} after {@code timeout} (the
         *     registration is removed); a {@link CancelledException} when the registration was
         *     cancelled, expired or its receiver closed. Cancelling the subscription removes the
         *     registration.
         * @throws IllegalArgumentException when {@code timeout} is not above zero
         */
        public Mono<JsonNode> await(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout " + timeout + " is not above zero");
            }
            return Mono.defer(() -> {
                awaited = true;
                return outcome.asMono()
                        .timeout(timeout, Mono.defer(() -> timedOut(timeout)))
                        // after the cancel went upstream, so the failure reaches no cancelled subscriber
                        .doFinally(signal -> {
                            if (signal == SignalType.CANCEL) {
                                registrations.drop(this, new CancelledException("the wait for callback " + id + " was cancelled"));
                            }
                        });
            });
        }

        private Mono<JsonNode> timedOut(Duration timeout) {
            CallbackTimeoutException e = new CallbackTimeoutException(id, timeout);
            // delivered (or failed) just now: that outcome, not the timeout
            return registrations.drop(this, e) ? Mono.error(e) : outcome.asMono();
        }

        /** Removes the registration; a waiter fails with a {@link CancelledException}. Idempotent. */
        public void cancel() {
            registrations.drop(this, new CancelledException("callback registration " + id + " was cancelled"));
        }

        /** Whether the callback, a timeout, a cancel or the close has come. */
        public boolean isDone() {
            return state.get() != WAITING;
        }

        boolean complete(JsonNode payload) {
            if (!state.compareAndSet(WAITING, DELIVERED)) {
                return false;
            }
            outcome.tryEmitValue(payload);
            return true;
        }

        boolean fail(Throwable reason) {
            if (!state.compareAndSet(WAITING, FAILED)) {
                return false;
            }
            outcome.tryEmitError(reason);
            return true;
        }

        boolean expired(long now, long expireNanos) {
            return !awaited && state.get() == WAITING && now - registeredAt > expireNanos;
        }

        @Override
        public String toString() {
            int s = state.get();
            return "Pending[id=" + id + ", url=" + url + ", " + (s == WAITING ? "waiting" : s == DELIVERED ? "delivered" : "failed") + "]";
        }
    }

    /**
     * Builds a {@link CallbackReceiver}: with its own server ({@link #start()}) or without
     * ({@link #detached()}). Not thread-safe.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String path = DEFAULT_PATH;
        private String publicUrl;
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private Duration expireAfter = DEFAULT_EXPIRE_AFTER;
        private String allowOrigin = "*";
        private java.util.function.LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /** The address the server binds: {@code 127.0.0.1} by default; {@code 0.0.0.0} for phones on the network. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The server's port: 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in [0, 65535]");
            }
            this.port = port;
            return this;
        }

        /**
         * The server's path before the id ({@value CallbackReceiver#DEFAULT_PATH} by default;
         * {@code "/"} for ids at the root): segments of letters, digits, {@code - . _ ~}.
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (!p.isEmpty() && (!p.startsWith("/") || !p.matches("(/[A-Za-z0-9._~-]+)+"))) {
                throw new IllegalArgumentException("path '" + path + "' is not like /esr-callback: segments of"
                        + " letters, digits, '-', '.', '_' and '~' after a '/'");
            }
            this.path = p;
            return this;
        }

        /**
         * The start of the callback URLs instead of the server's own address, the id appended
         * after a {@code /}: the address phones reach when the server is behind a proxy (which
         * forwards {@code <publicUrl>/<id>} to {@code <path>/<id>}), or, for a detached receiver,
         * the application's route.
         *
         * @throws IllegalArgumentException when it is not an absolute {@code http} or
         *     {@code https} URL without query and fragment
         */
        public Builder publicUrl(String publicUrl) {
            Objects.requireNonNull(publicUrl, "publicUrl");
            String url = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new IllegalArgumentException("publicUrl '" + publicUrl
                            + "' is not an absolute http(s) URL without query and fragment");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("publicUrl '" + publicUrl + "' is not a URL: " + e.getMessage(), e);
            }
            this.publicUrl = url;
            return this;
        }

        /**
         * The largest callback body the server reads, in bytes ({@value CallbackReceiver#DEFAULT_MAX_BODY_SIZE}
         * by default); larger ones get {@code 413}. Also bounds a {@code GET}'s request line.
         */
        public Builder maxBodySize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodySize " + bytes + " is below 1");
            }
            this.maxBodySize = bytes;
            return this;
        }

        /** How long a registration nobody awaits is kept (30 minutes by default). */
        public Builder expireAfter(Duration expireAfter) {
            Objects.requireNonNull(expireAfter, "expireAfter");
            if (expireAfter.isZero() || expireAfter.isNegative()) {
                throw new IllegalArgumentException("expireAfter " + expireAfter + " is not above zero");
            }
            this.expireAfter = expireAfter;
            return this;
        }

        /**
         * The time in nanoseconds that expiry counts on ({@link System#nanoTime()} by default):
         * a test's ticker, moved by hand instead of waiting.
         */
        Builder ticker(java.util.function.LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The server's {@code Access-Control-Allow-Origin} ({@code *} by default: any web page may post). */
        public Builder allowOrigin(String origin) {
            this.allowOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /**
         * Binds the server when subscribed (and seeds the id generator, off the caller's thread).
         *
         * @return the running receiver; the bind's error when the address is taken or invalid
         */
        public Mono<CallbackReceiver> start() {
            String host = this.host;
            int port = this.port;
            String path = this.path;
            String publicUrl = this.publicUrl;
            int maxBodySize = this.maxBodySize;
            Duration expireAfter = this.expireAfter;
            String allowOrigin = this.allowOrigin;
            java.util.function.LongSupplier ticker = this.ticker;
            return Mono.fromRunnable(RandomIds::warmUp).subscribeOn(Schedulers.boundedElastic())
                    .then(Mono.defer(() -> {
                        Registrations registrations = new Registrations(expireAfter, ticker);
                        CallbackHttp http = new CallbackHttp(registrations, path, maxBodySize, allowOrigin);
                        return HttpServer.create().host(host).port(port)
                                .httpRequestDecoder(spec -> spec.maxInitialLineLength(Math.max(4096, maxBodySize + 1024)))
                                .handle(http::handle)
                                .bind()
                                .map(server -> new CallbackReceiver(registrations,
                                        publicUrl != null ? publicUrl : serverUrl((InetSocketAddress) server.address(), path),
                                        server));
                    }));
        }

        /**
         * A receiver without a server, for an application that routes the callbacks itself.
         *
         * @throws IllegalStateException without a {@link #publicUrl(String)}
         */
        public CallbackReceiver detached() {
            if (publicUrl == null) {
                throw new IllegalStateException("a detached CallbackReceiver needs publicUrl(...): the URL of"
                        + " the application's callback route");
            }
            RandomIds.warmUp();
            return new CallbackReceiver(new Registrations(expireAfter, ticker), publicUrl, null);
        }

        private static String serverUrl(InetSocketAddress address, String path) {
            String host;
            if (address.getAddress() == null) {
                host = address.getHostString();
            } else if (address.getAddress().isAnyLocalAddress()) {
                // bound to every interface: the loopback is one of them; publicUrl names the others
                host = address.getAddress() instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1";
            } else {
                host = address.getAddress().getHostAddress();
                if (host.indexOf(':') >= 0) {
                    int zone = host.indexOf('%');
                    host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
                }
            }
            return "http://" + host + ":" + address.getPort() + path;
        }
    }
}
