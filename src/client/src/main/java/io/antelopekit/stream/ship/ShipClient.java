package io.antelopekit.stream.ship;

import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Name;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * A state history (SHiP) client: a node's {@code state_history_plugin} over WebSocket.
 *
 * <pre>{@code
 * ShipClient ship = ShipClient.builder("ws://127.0.0.1:8080").window(32).build();
 * ship.blocks(ShipRequest.from(1000).irreversibleOnly(true))
 *         .subscribe(b -> b.traces().forEach(t -> log.info("{} {}", b.num(), t.id())));
 * }</pre>
 *
 * <p>Each call opens its own connection, reads the node's ABI (its first message) and decodes
 * everything through it; the contracts' action data and table rows are decoded through the ABIs
 * of {@link Builder#abis(Function)}. Nothing goes on the wire before subscription.
 *
 * <p><b>Flow control.</b> {@link #blocks(ShipRequest)} asks the node for at most
 * {@link Builder#window(int) window} messages in flight and acknowledges each block as it is
 * handed to the subscriber, so the node never runs more than the window ahead of the consumer: a
 * slow subscriber slows the node's sending.
 *
 * <p><b>Reconnects.</b> When the connection fails or closes before the request's end, the
 * stream reconnects after a backoff, to the next endpoint of the list, and asks for the block after
 * the last one emitted, with the emitted blocks that may still be undone as {@code have_positions}:
 * a node on another fork starts where the forks part, and the first block it sends says how many
 * emitted blocks it {@link ShipBlock#undone() undoes}. A message that does not decode or breaks the
 * protocol ends the stream with a {@link ShipProtocolException}; a connection that cannot be made
 * (after {@link Builder#maxReconnects(long)} tries in a row) with a {@link ShipConnectionException}.
 *
 * <p>Immutable and thread-safe; the streams run on Reactor Netty's threads and never block.
 */
public final class ShipClient {

    /** Messages the node may send ahead of the consumer, by default. */
    public static final int DEFAULT_WINDOW = 16;
    /** The first reconnect's wait, by default (doubling up to {@link #DEFAULT_MAX_BACKOFF}). */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    /** The longest wait between reconnects, by default. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long connecting, the node's ABI and a status answer may take, by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest message accepted, by default. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024 * 1024;
    /** How many emitted blocks that may be undone a stream remembers, by default. */
    public static final int DEFAULT_FORK_WINDOW = 1024;

    private final List<URI> endpoints;
    private final int window;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final long maxReconnects;
    private final Duration timeout;
    private final int maxMessageSize;
    private final Function<Name, Mono<Optional<Abi>>> abis;
    private final HttpClient http;
    /** The endpoint the next connection uses (moved on after each failure). */
    private final AtomicInteger next = new AtomicInteger();

    private ShipClient(Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.window = b.window;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxReconnects = b.maxReconnects;
        this.timeout = b.timeout;
        this.maxMessageSize = b.maxMessageSize;
        this.abis = b.abis;
        this.http = HttpClient.create(ConnectionProvider.newConnection())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** A builder for these endpoints ({@code ws://host:port}), tried in turn. */
    public static Builder builder(String... endpoints) {
        Builder b = new Builder();
        for (String e : endpoints) {
            b.endpoint(e);
        }
        return b;
    }

    /** The node's status; tried once on each endpoint in turn. */
    public Mono<ShipStatus> status() {
        return Mono.defer(() -> {
            URI uri = endpoint();
            return connect(uri, (codec, messages, send) -> {
                send.accept(codec.statusRequest());
                return messages.next().map(codec::status).switchIfEmpty(Mono.error(() -> closed(uri))).flux();
            }).next().timeout(timeout, Mono.error(() -> new ShipConnectionException(uri + " gave no status in " + timeout,
                    new TimeoutException())));
        }).doOnError(ShipConnectionException.class, e -> next.incrementAndGet())
                .retryWhen(Retry.max(endpoints.size() - 1L).filter(ShipConnectionException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /**
     * The blocks {@code request} asks for, in order, each with what it asked for decoded; ends
     * after the block before {@link ShipRequest#endBlock()} (never for an open end).
     */
    public Flux<ShipBlock> blocks(ShipRequest request) {
        Objects.requireNonNull(request, "request");
        return Flux.defer(() -> {
            ShipWalk walk = new ShipWalk(request, DEFAULT_FORK_WINDOW);
            return Flux.defer(() -> walk.done() ? Flux.<ShipBlock>empty() : session(endpoint(), walk))
                    .doOnError(ShipConnectionException.class, e -> next.incrementAndGet())
                    .retryWhen(Retry.backoff(maxReconnects, minBackoff).maxBackoff(maxBackoff).transientErrors(true)
                            .filter(ShipConnectionException.class::isInstance)
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        });
    }

    /** One connection's part of a walk: its blocks, each acknowledged as the subscriber takes it. */
    private Flux<ShipBlock> session(URI uri, ShipWalk walk) {
        ShipRequest request = walk.request();
        return connect(uri, (codec, messages, send) -> {
            send.accept(codec.blocksRequest(request, window));
            return messages.<ShipCodec.Raw>handle((m, sink) -> {
                ShipCodec.Raw raw = codec.blocksResult(m);
                if (raw.position() == null) {
                    // the node has no such block: nothing to emit, but it took a credit
                    send.accept(codec.ack(1));
                } else {
                    sink.next(raw);
                }
            }).concatMap(this::withContracts, 0)
                    .map(b -> walk.accept(b, uri))
                    .doOnNext(b -> send.accept(codec.ack(1)))
                    .takeUntil(b -> walk.done())
                    .concatWith(Mono.defer(() -> walk.done() ? Mono.empty() : Mono.error(closed(uri))));
        });
    }

    private Mono<ShipBlock> withContracts(ShipCodec.Raw raw) {
        var contracts = raw.contracts();
        if (abis == null || contracts.isEmpty()) {
            return Mono.just(ShipCodec.withContracts(raw, Map.of()));
        }
        return Flux.fromIterable(contracts)
                .concatMap(c -> abis.apply(c).defaultIfEmpty(Optional.empty()).map(abi -> Map.entry(c, abi)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(known -> ShipCodec.withContracts(raw, known));
    }

    /** What a connection does once the node's ABI is read: sends with {@code send}, reads {@code messages}. */
    private interface Exchange<T> {
        Flux<T> run(ShipCodec codec, Flux<byte[]> messages, java.util.function.Consumer<byte[]> send);
    }

    /**
     * A connection to {@code uri}: reads the ABI, then runs {@code exchange} on the binary
     * messages. Failures of the transport become {@link ShipConnectionException}s, anything but a
     * binary message after the ABI a {@link ShipProtocolException}.
     */
    private <T> Flux<T> connect(URI uri, Exchange<T> exchange) {
        return http.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(maxMessageSize).build())
                .uri(uri)
                .handle((in, out) -> {
                    Sinks.Many<byte[]> outgoing = Sinks.many().unicast().onBackpressureBuffer();
                    Disposable sending = out.sendObject(outgoing.asFlux().map(b -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(b))))
                            .then().subscribe(null, e -> { });
                    Flux<Message> messages = in.aggregateFrames(maxMessageSize).receiveFrames()
                            .filter(f -> !(f instanceof PingWebSocketFrame) && !(f instanceof PongWebSocketFrame))
                            .takeWhile(f -> !(f instanceof CloseWebSocketFrame))
                            .map(Message::of)
                            .timeout(Mono.delay(timeout), m -> Mono.never());
                    return messages.switchOnFirst((first, all) -> {
                        if (!first.hasValue()) {
                            return all.thenMany(Flux.error(closed(uri)));
                        }
                        Message abi = first.get();
                        if (!abi.text()) {
                            return Flux.error(new ShipProtocolException("the first message of " + uri
                                    + " is binary, not the state history ABI", null));
                        }
                        ShipCodec codec = ShipCodec.fromAbi(new String(abi.bytes(), StandardCharsets.UTF_8), uri);
                        Flux<byte[]> binary = all.skip(1).map(m -> {
                            if (m.text()) {
                                throw new ShipProtocolException(uri + " sent a text message after its ABI", null);
                            }
                            return m.bytes();
                        });
                        return exchange.run(codec, binary, b -> outgoing.tryEmitNext(b));
                    }, false).doFinally(s -> {
                        outgoing.tryEmitComplete();
                        sending.dispose();
                    });
                })
                .onErrorMap(e -> !(e instanceof AntelopeException), e -> e instanceof TimeoutException
                        ? new ShipConnectionException(uri + " sent nothing in " + timeout, e)
                        : new ShipConnectionException("the connection to " + uri + " failed: " + e, e));
    }

    private static ShipConnectionException closed(URI uri) {
        return new ShipConnectionException(uri + " closed the connection", null);
    }

    private URI endpoint() {
        return endpoints.get(Math.floorMod(next.get(), endpoints.size()));
    }

    /** A whole WebSocket message, copied out of its buffer. */
    private record Message(boolean text, byte[] bytes) {
        static Message of(WebSocketFrame f) {
            ByteBuf content = f.content();
            return new Message(f instanceof TextWebSocketFrame, ByteBufUtil.getBytes(content));
        }
    }

    @Override
    public String toString() {
        return "ShipClient" + endpoints;
    }

    /** Configures a {@link ShipClient}; not thread-safe. */
    public static final class Builder {
        private final List<URI> endpoints = new ArrayList<>();
        private int window = DEFAULT_WINDOW;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private long maxReconnects = Long.MAX_VALUE;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Function<Name, Mono<Optional<Abi>>> abis;

        private Builder() {
        }

        /** Adds an endpoint, {@code ws://host:port} or {@code wss://...}. */
        public Builder endpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpoint is not a URI: " + endpoint, e);
            }
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be ws://host:port or wss://host:port: " + endpoint);
            }
            endpoints.add(uri);
            return this;
        }

        /** Messages the node may send ahead of the consumer (its {@code max_messages_in_flight}); 16 by default. */
        public Builder window(int messages) {
            if (messages < 1 || messages > 65536) {
                throw new IllegalArgumentException("window must be 1..65536: " + messages);
            }
            this.window = messages;
            return this;
        }

        /** The wait before reconnecting: from {@code min}, doubling up to {@code max}; 100 ms to 5 s by default. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("backoff must be positive and max at least min: " + min + ", " + max);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** Reconnects in a row (without a block between) before giving up; unlimited by default, 0 for none. */
        public Builder maxReconnects(long reconnects) {
            if (reconnects < 0) {
                throw new IllegalArgumentException("maxReconnects must not be negative: " + reconnects);
            }
            this.maxReconnects = reconnects;
            return this;
        }

        /** How long connecting, the node's ABI and a status answer may take; 10 s by default. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The largest message accepted; 256 MiB by default. */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1024: " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Where the contracts' ABIs come from, to decode action data and table rows (empty: no
         * ABI, the data stay undecoded); none by default. Asked once per contract and block: cache
         * in the function (a {@code BlockStream} passes its own).
         */
        public Builder abis(Function<Name, Mono<Optional<Abi>>> abis) {
            this.abis = Objects.requireNonNull(abis, "abis");
            return this;
        }

        /**
         * @throws IllegalStateException without an endpoint
         */
        public ShipClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("a ShipClient needs at least one endpoint");
            }
            return new ShipClient(this);
        }
    }
}
