package io.antelopekit.redis;

import io.antelopekit.signin.SignInStore;
import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.signin.SignInOutcome;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link SignInStore} in Redis (through Lettuce), shared by the instances of a service: the
 * wallet's callback may reach one instance while the browser watches on another.
 *
 * <p>An attempt is two Redis strings of JSON under the key prefix, with the attempt's id as a
 * hash tag (both in one slot of a Redis Cluster): {@code <prefix>{id}} (the attempt, written with
 * {@code SET ... NX PX}, kept until {@link #KEEP_AFTER_EXPIRY} after it expires) and
 * {@code <prefix>{id}:outcome}. {@link #complete} is a Lua script that sets the outcome with
 * {@code NX} only while the attempt exists, with the attempt's remaining time to live;
 * {@link #consume} a script that reads and deletes both. {@link #watch} polls every
 * {@link Builder#pollInterval(Duration) poll interval} (250 ms by default).
 *
 * <pre>{@code
 * RedisSignInStore store = RedisSignInStore.builder().uri("redis://redis.internal:6379/0").build();
 * WalletSignIn signIn = WalletSignIn.builder()...store(store).build();
 * ...
 * store.close().subscribe();   // closes the connection it opened
 * }</pre>
 *
 * <p>Lettuce is an optional dependency: this is the only class of the package that uses it.
 * Commands are handed to Lettuce on Reactor's bounded elastic scheduler (Lettuce takes a short
 * lock to write a command) and results delivered on the parallel scheduler, never on the
 * connection's event loop. Opening the store's own connection happens there too, at first use.
 */
public final class RedisSignInStore implements SignInStore, Disposable {

    /** The key prefix by default: {@value}. */
    public static final String DEFAULT_KEY_PREFIX = "antelopekit:signin:";

    /** How often {@link #watch} reads an attempt by default: 250 ms. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    /** Sets KEYS[2] to ARGV[1] with NX, for the remaining time to live of KEYS[1], if KEYS[1] exists. */
    static final String COMPLETE_SCRIPT = String.join("\n",
            "local ttl = redis.call('PTTL', KEYS[1])",
            "if ttl <= 0 then return 0 end",
            "if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ttl) then return 1 end",
            "return 0");

    /** Reads and deletes KEYS[1] and KEYS[2] if KEYS[2] (the outcome) exists. */
    static final String CONSUME_SCRIPT = String.join("\n",
            "local o = redis.call('GET', KEYS[2])",
            "if not o then return {} end",
            "local a = redis.call('GET', KEYS[1])",
            "redis.call('DEL', KEYS[1], KEYS[2])",
            "if not a then return {} end",
            "return {a, o}");

    private final RedisURI uri;
    private final RedisClient appClient;
    private final String keyPrefix;
    private final Duration pollInterval;
    private final Clock clock;
    private final Mono<RedisReactiveCommands<String, String>> commands;
    private volatile StatefulRedisConnection<String, String> ownConnection;
    private volatile RedisClient ownClient;

    private RedisSignInStore(Builder b) {
        this.uri = b.uri;
        this.appClient = b.client;
        this.keyPrefix = b.keyPrefix;
        this.pollInterval = b.pollInterval;
        this.clock = b.clock;
        if (b.connection != null) {
            this.commands = Mono.just(b.connection.reactive());
        } else {
            this.commands = Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic()).cache(
                    c -> Duration.ofNanos(Long.MAX_VALUE), e -> Duration.ZERO, () -> Duration.ZERO);
        }
    }

    /** A new builder: give a URI, a client or a connection. */
    public static Builder builder() {
        return new Builder();
    }

    private RedisReactiveCommands<String, String> connect() {
        synchronized (this) {
            if (ownConnection == null) {
                RedisClient client = appClient;
                if (client == null) {
                    ownClient = RedisClient.create(uri);
                    client = ownClient;
                }
                ownConnection = client.connect();
            }
            return ownConnection.reactive();
        }
    }

    /** The key prefix. */
    public String keyPrefix() {
        return keyPrefix;
    }

    String attemptKey(String id) {
        return keyPrefix + "{" + id + "}";
    }

    String outcomeKey(String id) {
        return keyPrefix + "{" + id + "}:outcome";
    }

    private <T> Mono<T> run(java.util.function.Function<RedisReactiveCommands<String, String>, Mono<T>> command) {
        return commands.flatMap(c -> command.apply(c).subscribeOn(Schedulers.boundedElastic()))
                .publishOn(Schedulers.parallel());
    }

    @Override
    public Mono<Void> create(SignInAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return Mono.defer(() -> {
            long ttl = Duration.between(clock.instant(), attempt.expiresAt().plus(KEEP_AFTER_EXPIRY)).toMillis();
            if (ttl <= 0) {
                return Mono.error(new IllegalArgumentException("sign-in attempt " + attempt.id() + " expired at "
                        + attempt.expiresAt()));
            }
            String key = attemptKey(attempt.id());
            String json = SignInJson.attempt(attempt);
            return run(c -> c.set(key, json, SetArgs.Builder.nx().px(ttl)).defaultIfEmpty("nil"))
                    .flatMap(r -> "OK".equals(r) ? Mono.<Void>empty()
                            : Mono.error(new IllegalArgumentException("sign-in attempt " + attempt.id()
                                    + " exists already (key \"" + key + "\")")));
        });
    }

    @Override
    public Mono<SignInAttempt> get(String id) {
        Objects.requireNonNull(id, "id");
        return Mono.defer(() -> {
            String a = attemptKey(id);
            String o = outcomeKey(id);
            return run(c -> c.mget(a, o).collectList()).flatMap(values -> {
                String attempt = value(values, 0);
                return attempt == null ? Mono.empty() : Mono.just(SignInJson.read(a, attempt, value(values, 1)));
            });
        });
    }

    private static String value(List<KeyValue<String, String>> values, int i) {
        if (values.size() <= i) {
            return null;
        }
        KeyValue<String, String> kv = values.get(i);
        return kv.hasValue() ? kv.getValue() : null;
    }

    @Override
    public Mono<Boolean> complete(String id, SignInOutcome outcome) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        return Mono.defer(() -> {
            String[] keys = {attemptKey(id), outcomeKey(id)};
            String json = SignInJson.outcome(outcome);
            return run(c -> c.<Long>eval(COMPLETE_SCRIPT, ScriptOutputType.INTEGER, keys, json).next())
                    .map(r -> r == 1L);
        });
    }

    @Override
    public Mono<SignInAttempt> consume(String id) {
        Objects.requireNonNull(id, "id");
        return Mono.defer(() -> {
            String[] keys = {attemptKey(id), outcomeKey(id)};
            return run(c -> c.<List<Object>>eval(CONSUME_SCRIPT, ScriptOutputType.MULTI, keys).next())
                    .flatMap(list -> list.size() < 2 ? Mono.empty()
                            : Mono.just(SignInJson.read(keys[0], String.valueOf(list.get(0)),
                                    String.valueOf(list.get(1)))));
        });
    }

    @Override
    public Flux<SignInAttempt> watch(String id) {
        Objects.requireNonNull(id, "id");
        return get(id).map(Optional::of).defaultIfEmpty(Optional.empty())
                .repeatWhen(again -> again.delayElements(pollInterval))
                .takeWhile(Optional::isPresent)
                .map(Optional::get)
                .distinctUntilChanged()
                .takeUntil(a -> a.outcome() != null);
    }

    /** Closes the connection (and client) this store opened; an application's are left open. */
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            StatefulRedisConnection<String, String> c;
            RedisClient client;
            synchronized (this) {
                c = ownConnection;
                client = ownClient;
                ownConnection = null;
                ownClient = null;
            }
            if (c != null) {
                c.close();
            }
            if (client != null) {
                client.shutdown();
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Starts {@link #close()} without waiting for it. */
    @Override
    public void dispose() {
        close().subscribe(null, e -> { });
    }

    @Override
    public String toString() {
        String source = uri != null ? uri.toString() : appClient != null ? "application's RedisClient"
                : "application's connection";
        return "RedisSignInStore[" + source + ", prefix \"" + keyPrefix + "\"]";
    }

    /** Configures a {@link RedisSignInStore}: exactly one of a URI, a client or a connection. */
    public static final class Builder {
        private RedisURI uri;
        private RedisClient client;
        private StatefulRedisConnection<String, String> connection;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Redis at {@code uri} ({@code redis://host:port/db}); the store opens a client and a
         * connection at first use and closes them on {@link RedisSignInStore#close()}.
         *
         * @throws IllegalArgumentException if it is not a Redis URI (the message does not repeat it)
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            try {
                this.uri = RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the Redis URI is not valid (redis://host:port/db expected)");
            }
            return this;
        }

        /** The application's client: the store opens (and closes) one connection of its own with it. */
        public Builder client(RedisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The application's connection, shared as it is and never closed by the store. */
        public Builder connection(StatefulRedisConnection<String, String> connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** The start of every key (default {@value #DEFAULT_KEY_PREFIX}). */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (keyPrefix.isEmpty() || keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
                throw new IllegalArgumentException("keyPrefix \"" + keyPrefix + "\" is empty or holds '{' or '}'");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * How often {@link RedisSignInStore#watch} reads an attempt (default
         * {@link #DEFAULT_POLL_INTERVAL}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder pollInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval " + interval + " is not positive");
            }
            this.pollInterval = interval;
            return this;
        }

        /** The clock expirations are measured by (default: the system's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalStateException if not exactly one of a URI, a client or a connection was given
         */
        public RedisSignInStore build() {
            int sources = (uri != null ? 1 : 0) + (client != null ? 1 : 0) + (connection != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalStateException("give exactly one of uri, client or connection (got " + sources + ")");
            }
            return new RedisSignInStore(this);
        }
    }
}
