package io.antelopekit.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.antelopekit.chain.Hex;
import io.antelopekit.esr.ReplayStore;
import io.antelopekit.storage.CorruptStorageException;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.storage.StorageException;
import io.antelopekit.storage.internal.KeyedChange;
import io.antelopekit.storage.internal.QueuedChange;
import io.antelopekit.storage.internal.Wtf8;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A {@link ReactiveSessionStorage} in Redis, through Lettuce's reactive API, for the instances of
 * a service that share their users' sessions. Each stored key is one Redis string under the
 * store's key prefix, holding the text as UTF-8 (readable with {@code redis-cli}).
 *
 * <pre>{@code
 * RedisSessionStorage storage = RedisSessionStorage.builder()
 *         .uri("redis://redis.internal:6379/0")
 *         .application("wallet-bot")                // keys under "antelopekit:wallet-bot:"
 *         .expiry(Duration.ofDays(30))              // optional; refreshed on every write
 *         .build();
 * SessionKit kit = SessionKit.builder().appName("wallet-bot")...storage(storage).build();
 * ...
 * storage.close().subscribe();                      // closes the connection it opened
 * }</pre>
 *
 * <p><b>Connection.</b> Give the builder exactly one of: a Redis URI (the store creates a
 * {@link RedisClient}, connects on the first operation and shuts the client down on
 * {@link #close()}; the client rejects commands while it is disconnected, so an operation fails
 * at once instead of waiting for Redis to come back); the application's {@link RedisClient} (the
 * store opens, and closes, one connection of its own with it; the client stays the
 * application's); or the application's {@link StatefulRedisConnection} of any codec (shared as it
 * is and never closed by the store). Lettuce is an optional dependency of this library: this class
 * is the only one that uses it, and the application that uses this class adds
 * {@code io.lettuce:lettuce-core}.
 *
 * <p><b>Keys.</b> Every key the store reads or writes is the key prefix followed by the key of
 * the session kit ({@code session}, {@code sessions}). There is no silent default that two
 * applications on one Redis would share: the builder requires either
 * {@link Builder#application(String) application("name")}, which gives the prefix
 * {@code antelopekit:name:}, or an explicit {@link Builder#keyPrefix(String) keyPrefix}.
 *
 * <p><b>Listing.</b> {@link #keys(String) keys(prefix)} lists the store's keys of a prefix from an
 * index the store keeps beside them, under its prefix: a sorted set of its keys
 * ({@code <keyPrefix>\0keys}, read by prefix with {@code ZRANGEBYLEX}) and a sorted set of those
 * with a time to live by the time they expire ({@code <keyPrefix>\0expiry}). The scripts that
 * write and delete keys change the index in the same step; a key Redis expires leaves it when a
 * listing meets it, or when a later write looks at the few entries whose time is up (each write
 * looks at no more than 16), so keys that expire unread do not pile up in it. A listing never
 * scans the database ({@code SCAN} would walk every key of every application on the server, for
 * each listing). The keys starting with the NUL character are reserved for the index;
 * {@link Builder#listKeys(boolean) listKeys(false)} turns it off.
 *
 * <p><b>Atomic updates across instances.</b> {@link #update} is optimistic: it reads the value
 * ({@code GET}), applies the change in Java, and writes the result with a small Lua script that
 * sets (or deletes) the key only if it still holds exactly the bytes that were read, in one
 * step on the server (compare-and-set); if another writer came between, it reads again and
 * re-applies the change, after a short random pause, up to
 * {@link Builder#maxUpdateAttempts(int) maxUpdateAttempts} times, then fails with a transient
 * {@link StorageException}. The value itself is the version: a change is a function of the value
 * alone, so a value changed and changed back in between gives the same result, and no version
 * counter is needed. This was chosen over {@code WATCH}/{@code MULTI}/{@code EXEC}, whose watch is
 * state of a connection: every update in flight would need a connection of its own, where the
 * script needs none and runs on the connection shared with the application. {@link #updateAll}
 * works the same way over several keys: one script compares them all and sets them all, or
 * nothing, and keeps the index of keys in step. On Redis Cluster the keys of a script must share
 * a hash slot: give the store a key prefix with a hash tag, {@code "{app}:"} (without the index,
 * {@code listKeys(false)}, the script of a single key works without one). Within one store, the
 * changes of one key (or of one set of keys) queue and those queued together are applied in
 * order and written with one compare-and-set, so only other instances, and changes of an
 * overlapping set of keys, make an update retry. {@link #write} and {@link #remove} go the same
 * way, so neither overwrites a value it could not read.
 *
 * <p><b>Errors.</b> Every failure is a {@link StorageException} whose message names the
 * operation and the full Redis key, never the stored value (it may hold wallet data).
 * {@link StorageException#isTransient()} is {@code true} when retrying may help: Redis
 * unreachable or not answering within the {@link Builder#commandTimeout(Duration) command
 * timeout}, a server loading its data or failing over, an update that kept meeting other
 * writers. A key that holds something else than text this store can read (another Redis type,
 * bytes that are not UTF-8) is a {@link CorruptStorageException}; such a value is never
 * overwritten or deleted by this store: repair or delete it by hand. For these errors,
 * {@link StorageException#file()} gives the full Redis key (as a path of one name).
 *
 * <p><b>Expiry.</b> With {@link Builder#expiry(Duration)}, every write and every update (also
 * one that leaves the value as it was) sets the key's time to live again; reads do not. Without
 * it, keys do not expire, and a write clears a time to live set by someone else. An
 * {@link #updateAll(Set, UnaryOperator, Map) updateAll with times to live} gives the keys it
 * names their own ({@code SET ... PX}, in the same script), whatever the store's expiry: a
 * session kit of one key per session gives each session its own lifetime this way.
 *
 * <p><b>Threads.</b> Every operation is cold and never blocks its caller's thread. Commands are
 * handed to Lettuce on Reactor's bounded elastic scheduler (Lettuce takes a short internal lock
 * to write a command, which may wait when other threads write on the same connection), and so is
 * opening the store's own connection (a blocking call) and closing it; answers arrive on
 * Lettuce's event loops. Results are delivered on Reactor's parallel scheduler, so work
 * downstream never runs on (and never stalls) the event loop of a connection shared with the
 * application. An update's change function runs on a Lettuce event loop and must not block.
 * Instances are safe for concurrent use.
 */
public final class RedisSessionStorage implements ReactiveSessionStorage {

    /** The start of the key prefix that {@link Builder#application(String)} makes. */
    public static final String DEFAULT_KEY_PREFIX_ROOT = "antelopekit:";

    /** How long a Redis command may take, connecting included, unless the builder says otherwise. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    /** How many read/compare-and-set rounds an update makes at most, unless the builder says otherwise. */
    public static final int DEFAULT_MAX_UPDATE_ATTEMPTS = 50;

    private static final byte[] REPLAY_MARK = {'1'};

    /** At most this many queued changes of one key share one compare-and-set. */
    static final int MAX_BATCH = 256;

    /**
     * Changes the data keys together if each still holds what was read, else nothing. ARGV[1] is
     * "1" when the store keeps its index of keys (then KEYS[1] is the index of keys, a sorted set
     * of the store's keys by name, KEYS[2] the index of expiries, the keys with a time to live by
     * the epoch ms they expire at, and the data keys follow), "0" when not (the data keys are
     * KEYS[1..n]); ARGV[2] is now in epoch ms (the client's clock: it only schedules the pruning of
     * the index); ARGV[3] the key prefix. Then six arguments per data key i, from ARGV[6i-2]: "-"
     * when the key was absent or "=" when it held the next argument; then "set" (to the fourth
     * argument), "del", or "keep" (left as it is, but still compared); the time to live in ms of a
     * key set ("0": none); the key's name in the index (the store's key). Returns 1 when done, 0
     * when a key held something else (nothing is changed then). A key of another type fails with
     * Redis's WRONGTYPE error (from GET) or, when absence was expected, reads as a change (0).
     * Each run then looks at no more than 16 index entries whose time is up, and removes those
     * whose key Redis has expired, so the index does not keep keys that no one reads again.
     */
    static final String CAS_SCRIPT = String.join("\n",
            "local x = 0",
            "if ARGV[1] == '1' then x = 2 end",
            "for i = x + 1, #KEYS do",
            "  local a = 6 * (i - x) - 2",
            "  if ARGV[a] == '-' then",
            "    if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end",
            "  elseif redis.call('GET', KEYS[i]) ~= ARGV[a + 1] then",
            "    return 0",
            "  end",
            "end",
            "for i = x + 1, #KEYS do",
            "  local a = 6 * (i - x) - 2",
            "  local op = ARGV[a + 2]",
            "  if op == 'del' then",
            "    redis.call('DEL', KEYS[i])",
            "    if x == 2 then",
            "      redis.call('ZREM', KEYS[1], ARGV[a + 5])",
            "      redis.call('ZREM', KEYS[2], ARGV[a + 5])",
            "    end",
            "  elseif op == 'set' then",
            "    local ttl = tonumber(ARGV[a + 4])",
            "    if ttl == 0 then",
            "      redis.call('SET', KEYS[i], ARGV[a + 3])",
            "    else",
            "      redis.call('SET', KEYS[i], ARGV[a + 3], 'PX', ttl)",
            "    end",
            "    if x == 2 then",
            "      redis.call('ZADD', KEYS[1], 0, ARGV[a + 5])",
            "      if ttl == 0 then",
            "        redis.call('ZREM', KEYS[2], ARGV[a + 5])",
            "      else",
            "        redis.call('ZADD', KEYS[2], tonumber(ARGV[2]) + ttl, ARGV[a + 5])",
            "      end",
            "    end",
            "  end",
            "end",
            "if x == 2 then",
            "  local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2], 'LIMIT', 0, 16)",
            "  for _, m in ipairs(due) do",
            "    local left = redis.call('PTTL', ARGV[3] .. m)",
            "    if left == -2 then",
            "      redis.call('ZREM', KEYS[1], m)",
            "      redis.call('ZREM', KEYS[2], m)",
            "    elseif left == -1 then",
            "      redis.call('ZREM', KEYS[2], m)",
            "    else",
            "      redis.call('ZADD', KEYS[2], tonumber(ARGV[2]) + left, m)",
            "    end",
            "  end",
            "end",
            "return 1");

    private static final byte[] CAS_SCRIPT_BYTES = CAS_SCRIPT.getBytes(StandardCharsets.UTF_8);
    static final String CAS_SHA = sha1Hex(CAS_SCRIPT_BYTES);

    /**
     * One page of the keys of a prefix: KEYS[1] the index of keys, KEYS[2] the index of expiries;
     * ARGV[1] and ARGV[2] the range of names (as ZRANGEBYLEX takes them), ARGV[3] the page's size,
     * ARGV[4] the key prefix. Returns the number of index entries looked at, the last of them
     * (where the next page starts) and the names whose key exists; the names whose key Redis has
     * expired (or someone deleted) are removed from the index on the way.
     */
    static final String KEYS_SCRIPT = String.join("\n",
            "local page = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))",
            "local out = {tostring(#page), page[#page] or ''}",
            "for _, m in ipairs(page) do",
            "  if redis.call('EXISTS', ARGV[4] .. m) == 1 then",
            "    out[#out + 1] = m",
            "  else",
            "    redis.call('ZREM', KEYS[1], m)",
            "    redis.call('ZREM', KEYS[2], m)",
            "  end",
            "end",
            "return out");

    private static final byte[] KEYS_SCRIPT_BYTES = KEYS_SCRIPT.getBytes(StandardCharsets.UTF_8);
    static final String KEYS_SHA = sha1Hex(KEYS_SCRIPT_BYTES);

    /** How many index entries one page of {@link #keys} looks at. */
    static final int KEYS_PAGE = 512;

    /** The end of the names of the index that holds every key (the start of the reserved keys). */
    static final String INDEX_KEYS = "\u0000keys";
    static final String INDEX_EXPIRY = "\u0000expiry";

    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;
    private static final byte[] NONE = new byte[0];

    // configuration
    private final RedisURI uri;
    private final RedisClient appClient;
    private final String keyPrefix;
    private final long expiryMillis;
    private final boolean indexed;
    private final byte[] indexKeys;
    private final byte[] indexExpiry;
    private final Duration commandTimeout;
    private final int maxUpdateAttempts;
    private final String description;

    // lifecycle, guarded by `lifecycle` (short sections only, never around a blocking call)
    private final Object lifecycle = new Object();
    private volatile RedisReactiveCommands<byte[], byte[]> commands;
    private volatile boolean closed;
    private CompletableFuture<RedisReactiveCommands<byte[], byte[]>> connecting;
    private RedisClient ownClient;
    private StatefulRedisConnection<byte[], byte[]> ownConnection;
    private CompletableFuture<Void> closing;

    /**
     * The key sets with a change being applied (the Redis keys, sorted); each holds the changes of
     * exactly those keys waiting for the next round.
     */
    private final ConcurrentHashMap<List<String>, ArrayDeque<QueuedChange>> lanes = new ConcurrentHashMap<>();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private RedisSessionStorage(Builder b) {
        this.uri = b.uri;
        this.appClient = b.client;
        this.keyPrefix = b.keyPrefix;
        this.expiryMillis = b.expiry == null ? 0 : b.expiry.toMillis();
        this.indexed = b.listKeys;
        this.indexKeys = Wtf8.encode(keyPrefix + INDEX_KEYS);
        this.indexExpiry = Wtf8.encode(keyPrefix + INDEX_EXPIRY);
        this.commandTimeout = b.commandTimeout;
        this.maxUpdateAttempts = b.maxUpdateAttempts;
        if (b.connection != null) {
            // every command is dispatched with this store's own codec (bytes), whatever the connection's
            this.commands = (RedisReactiveCommands) b.connection.reactive();
        }
        String source = uri != null ? uri.toString() // Lettuce masks the password
                : appClient != null ? "application's RedisClient" : "application's connection";
        this.description = "RedisSessionStorage[" + source + ", prefix \"" + keyPrefix + "\""
                + (expiryMillis > 0 ? ", expiry " + b.expiry : "") + (indexed ? "" : ", no index") + "]";
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The prefix of every key this store reads and writes. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * The Redis key that holds {@code key}: the key prefix followed by {@code key}.
     *
     * @throws IllegalArgumentException when {@code key} starts with the NUL character: those keys
     *     are reserved for the store's index
     */
    public String redisKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.isEmpty() && key.charAt(0) == '\u0000') {
            throw new IllegalArgumentException("keys that start with the NUL character are reserved for the store's index");
        }
        return keyPrefix + key;
    }

    @Override
    public Mono<String> read(String key) {
        String redisKey = redisKey(key);
        return Mono.defer(() -> get(Wtf8.encode(redisKey)).map(bytes -> decode(redisKey, bytes)))
                .onErrorMap(e -> failure("read", List.of(redisKey), e))
                .publishOn(Schedulers.parallel());
    }

    @Override
    public Mono<Void> write(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return change("write", Set.of(key), KeyedChange.set(key, value)).then();
    }

    @Override
    public Mono<Void> remove(String key) {
        Objects.requireNonNull(key, "key");
        return change("remove", Set.of(key), KeyedChange.set(key, null)).then();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here {@code change} runs on a Lettuce event loop, once per read/compare-and-set round:
     * again when another instance changed the key in between (see the class documentation).
     *
     * @throws StorageException (in the {@code Mono}) a transient one when the key kept changing
     *     under this update for {@link Builder#maxUpdateAttempts(int) maxUpdateAttempts} rounds
     */
    @Override
    public Mono<String> update(String key, UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return change("update", Set.of(key), KeyedChange.ofOne(key, change))
                .flatMap(values -> Mono.justOrEmpty(values.get(key)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here, as {@link #update}, optimistic: the keys are read, {@code change} runs on a Lettuce
     * event loop, and one script sets and deletes them all only if every one still holds what was
     * read (again after a conflict); an update that changes nothing still runs it, to compare
     * them (the keys are read with one {@code GET} each, not at one instant). Redis runs a script
     * as one step and persists and replicates its writes together. On Redis Cluster all the keys of one update must be in one hash slot:
     * give the store a key prefix with a hash tag, such as {@code keyPrefix("{wallet-bot}:")}
     * (otherwise Redis refuses it with a {@code CROSSSLOT} error).
     *
     * @throws StorageException (in the {@code Mono}) a transient one when the keys kept changing
     *     under this update for {@link Builder#maxUpdateAttempts(int) maxUpdateAttempts} rounds
     */
    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change) {
        Objects.requireNonNull(change, "change");
        return change("update", keys, change);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here as {@link #updateAll(Set, UnaryOperator)}: the keys of {@code ttl} that the update
     * leaves present are written with {@code SET ... PX} in the same script (also when their value
     * stays as it was), whatever the store's {@link Builder#expiry(Duration) expiry}; Redis expires
     * them on its own clock.
     */
    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Duration> ttl) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        return change("update", checked, change, KeyedChange.ttl(checked, ttl));
    }

    @Override
    public boolean canExpireKeys() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here from the store's index of its keys (unless the builder turned it off with
     * {@link Builder#listKeys(boolean) listKeys(false)}): a sorted set {@code <keyPrefix>\0keys}
     * that the scripts which write and delete keys keep up to date, read by prefix
     * ({@code ZRANGEBYLEX}) in pages of {@value #KEYS_PAGE}, each page one script that leaves out
     * (and drops from the index) the keys Redis has expired. The cost is that of the keys of the
     * prefix: never a scan of the database. Keys written before the index existed (by an older
     * version of this store, or by another client) are listed once they are written again.
     */
    @Override
    public Flux<String> keys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!indexed) {
            return ReactiveSessionStorage.super.keys(prefix);
        }
        byte[] encoded = Wtf8.encode(prefix);
        byte[] min = prefix.isEmpty() ? new byte[] {'-'} : concat(new byte[] {'['}, encoded, new byte[0]);
        byte[] max = prefix.isEmpty() ? new byte[] {'+'} : concat(new byte[] {'('}, encoded, new byte[] {(byte) 0xFF});
        return Mono.defer(() -> keysPage(min, max))
                .expand(page -> page.last == null ? Mono.empty()
                        : keysPage(concat(new byte[] {'('}, page.last, new byte[0]), max))
                .concatMapIterable(page -> page.keys)
                .onErrorMap(e -> failure("list", keyPrefix + prefix + "*", e))
                .publishOn(Schedulers.parallel());
    }

    @Override
    public boolean canListKeys() {
        return indexed;
    }

    /** One page of {@link #keys}: the keys found, and where the next page starts (null: none). */
    private record KeysPage(List<String> keys, byte[] last) {
    }

    private Mono<KeysPage> keysPage(byte[] min, byte[] max) {
        return script(KEYS_SHA, KEYS_SCRIPT_BYTES, () -> new ValueListOutput<>(CODEC), Flux<byte[]>::collectList, args -> args
                .add(2).addKey(indexKeys).addKey(indexExpiry)
                .add(min).add(max).add(KEYS_PAGE).add(Wtf8.encode(keyPrefix)))
                .map(reply -> {
                    int looked = Integer.parseInt(new String(reply.get(0), StandardCharsets.US_ASCII));
                    List<String> found = new ArrayList<>(reply.size() - 2);
                    for (int i = 2; i < reply.size(); i++) {
                        found.add(decode(keyPrefix + INDEX_KEYS, reply.get(i)));
                    }
                    return new KeysPage(found, looked < KEYS_PAGE ? null : reply.get(1));
                });
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    /**
     * A {@link ReplayStore} on this store's connection, for the
     * {@link io.antelopekit.esr.IdentityProofVerifier} of a service with several instances: a
     * proof accepted by one instance is remembered under {@code <keyPrefix>replay:<key>} until it
     * expires (one atomic {@code SET ... NX PXAT}), so a copy replayed to any instance is refused.
     * Failures are {@link StorageException}s naming the key.
     *
     * <pre>{@code
     * IdentityProofVerifier.builder().chain(chainId, client).scope(scope)
     *         .replayStore(redisStorage.replayStore())
     * }</pre>
     *
     * @return the replay store (it lives as long as this storage)
     */
    public ReplayStore replayStore() {
        return (key, expiresAt) -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expiresAt, "expiresAt");
            String redisKey = keyPrefix + "replay:" + key;
            SetArgs args = SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli());
            return Mono.defer(() -> call(c -> c.set(Wtf8.encode(redisKey), REPLAY_MARK, args)))
                    .map("OK"::equals)
                    .defaultIfEmpty(false)
                    .onErrorMap(e -> failure("mark as seen", redisKey, e))
                    .publishOn(Schedulers.parallel());
        };
    }

    /**
     * Closes what this store opened: with a URI, its connection and client; with the
     * application's client, its own connection. The application's connection or client stays
     * open. Afterwards every operation fails with a (non-transient) {@link StorageException}.
     * Idempotent; every call completes when the closing is done.
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            StatefulRedisConnection<byte[], byte[]> connection;
            RedisClient client;
            CompletableFuture<Void> done;
            synchronized (lifecycle) {
                if (closing != null) {
                    return Mono.fromFuture(closing, true);
                }
                closing = done = new CompletableFuture<>();
                closed = true;
                connection = ownConnection;
                client = ownClient;
            }
            CompletableFuture<Void> connectionClosed = connection == null
                    ? CompletableFuture.completedFuture(null) : connection.closeAsync();
            connectionClosed
                    .handle((ok, error) -> error)
                    .thenCompose(error -> client == null ? CompletableFuture.completedFuture(error)
                            : client.shutdownAsync().handle((ok, e) -> error != null ? error : e))
                    .whenComplete((error, unexpected) -> {
                        Throwable e = error != null ? error : unexpected;
                        if (e == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(failure("close", keyPrefix + "*", e));
                        }
                    });
            return Mono.fromFuture(done, true);
        }).subscribeOn(Schedulers.boundedElastic()); // closing takes Lettuce's internal locks too
    }

    @Override
    public String toString() {
        return description;
    }

    // ------------------------------------------------------------------ changes, queued per key

    private Mono<Map<String, String>> change(String op, Set<String> keys, UnaryOperator<Map<String, String>> function) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        return change(op, checked, function, Map.of());
    }

    private Mono<Map<String, String>> change(String op, SortedSet<String> checked,
            UnaryOperator<Map<String, String>> function, Map<String, Long> ttl) {
        List<String> lane = checked.stream().map(this::redisKey).toList();
        return Mono.<Map<String, String>>create(sink -> {
            QueuedChange c = new QueuedChange(op, checked, function, ttl, null, sink);
            sink.onCancel(c::cancel);
            List<QueuedChange> start = new ArrayList<>(1);
            lanes.compute(lane, (k, waiting) -> {
                if (waiting == null) {
                    start.add(c); // the keys are idle: this change starts a round now
                    return new ArrayDeque<>();
                }
                waiting.add(c);
                return waiting;
            });
            if (!start.isEmpty()) {
                run(lane, start);
            }
        }).publishOn(Schedulers.parallel());
    }

    private void run(List<String> lane, List<QueuedChange> batch) {
        SortedSet<String> keys = batch.get(0).keys;
        Mono.defer(() -> attempt(lane, keys, batch, 1))
                .subscribe(null, error -> finished(lane, batch, error), () -> finished(lane, batch, null));
    }

    /** One round: read the keys, apply the changes in order, compare-and-set them all; again on a conflict. */
    private Mono<Void> attempt(List<String> lane, SortedSet<String> keys, List<QueuedChange> batch, int round) {
        for (QueuedChange c : batch) {
            c.value = null;
            c.error = null;
        }
        if (closed) {
            return Mono.error(new Closed());
        }
        return Flux.fromIterable(lane)
                .flatMapSequential(redisKey -> get(Wtf8.encode(redisKey)).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .onErrorMap(e -> wrongType(e) ? new Corrupt(redisKey, "it holds a value of another Redis type "
                                + "than string (" + firstLine(e.getMessage()) + ")") : e))
                .collectList()
                .flatMap(read -> {
                    List<String> names = List.copyOf(keys);
                    Map<String, String> old = new HashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        byte[] bytes = read.get(i).orElse(null);
                        if (bytes != null) {
                            old.put(names.get(i), decode(lane.get(i), bytes));
                        }
                    }
                    Map<String, String> values = old;
                    // the time to live each key gets from the batch: ms, 0 when written without
                    // one, absent when no change wrote it (or the last one removed it)
                    Map<String, Long> lives = new HashMap<>();
                    boolean live = false;
                    for (QueuedChange c : batch) {
                        if (c.cancelled()) {
                            continue;
                        }
                        live = true;
                        Map<String, String> before = values;
                        try {
                            values = KeyedChange.apply(keys, values, c.change);
                            c.value = values;
                        } catch (Throwable t) {
                            Exceptions.throwIfJvmFatal(t);
                            c.error = t; // this change fails alone; the ones after it see the values before it
                            continue;
                        }
                        for (String name : names) {
                            String value = values.get(name);
                            Long life = c.ttl.get(name);
                            if (value == null) {
                                lives.remove(name);
                            } else if (life != null) {
                                lives.put(name, life);
                            } else if (!value.equals(before.get(name))) {
                                lives.put(name, 0L);
                            }
                        }
                    }
                    List<Op> ops = new ArrayList<>(names.size());
                    boolean unchanged = true;
                    for (String name : names) {
                        Op op = op(old.get(name), values.get(name), lives.get(name));
                        ops.add(op);
                        unchanged &= op.action == Action.KEEP;
                    }
                    // one GET is one state; the GETs of several keys are not: a change that wrote
                    // nothing still compares them all, so what it saw (and returns) was one state
                    if (!live || unchanged && lane.size() == 1) {
                        return Mono.empty();
                    }
                    return compareAndSet(lane, names, read, ops).flatMap(swapped -> {
                        if (swapped) {
                            return Mono.empty();
                        }
                        if (round >= maxUpdateAttempts) {
                            return Mono.error(new Exhausted(round));
                        }
                        return Mono.delay(backoff(round), Schedulers.parallel())
                                .then(Mono.defer(() -> attempt(lane, keys, batch, round + 1)));
                    });
                });
    }

    /** A random pause of 1 ms up to about 100 ms, growing with the rounds, so writers fall out of step. */
    private static Duration backoff(int round) {
        long bound = 2 + Math.min(100L, 1L << Math.min(round, 7));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, bound));
    }

    private void finished(List<String> lane, List<QueuedChange> batch, Throwable error) {
        if (error != null) {
            for (QueuedChange c : batch) {
                if (c.error == null) {
                    c.error = failure(c.label, lane, error);
                }
            }
        }
        List<QueuedChange> next = new ArrayList<>();
        lanes.compute(lane, (k, waiting) -> {
            if (waiting == null || waiting.isEmpty()) {
                return null; // idle again
            }
            for (QueuedChange c; next.size() < MAX_BATCH && (c = waiting.poll()) != null; ) {
                next.add(c);
            }
            return waiting;
        });
        if (!next.isEmpty()) {
            run(lane, next);
        }
        for (QueuedChange c : batch) {
            c.emit();
        }
    }


    // ------------------------------------------------------------------ commands

    private Mono<byte[]> get(byte[] key) {
        return call(c -> c.<byte[]>dispatch(CommandType.GET, new ValueOutput<>(CODEC), new CommandArgs<>(CODEC).addKey(key)));
    }

    private enum Action { SET, DEL, KEEP }

    /** What the script does to one key: its action, the value set and its time to live in ms (0: none). */
    private record Op(Action action, String value, long ttl) {
    }

    /**
     * The script's action on a key that held {@code old} and is left holding {@code value}, with
     * {@code life} from the batch (see {@code attempt}): the store's expiry applies to a key
     * written without a time to live, and refreshes one left as it was.
     */
    private Op op(String old, String value, Long life) {
        if (value == null) {
            return new Op(old == null ? Action.KEEP : Action.DEL, null, 0);
        }
        if (life != null && life > 0) {
            return new Op(Action.SET, value, life);
        }
        if (life != null || !value.equals(old) || expiryMillis > 0) {
            return new Op(Action.SET, value, expiryMillis);
        }
        return new Op(Action.KEEP, null, 0);
    }

    /** Runs {@link #CAS_SCRIPT}; true when it swapped the values. */
    private Mono<Boolean> compareAndSet(List<String> lane, List<String> names, List<Optional<byte[]>> read, List<Op> ops) {
        return script(CAS_SHA, CAS_SCRIPT_BYTES, () -> new IntegerOutput<>(CODEC), Flux<Long>::next, args -> {
            args.add(lane.size() + (indexed ? 2 : 0));
            if (indexed) {
                args.addKey(indexKeys).addKey(indexExpiry);
            }
            for (String redisKey : lane) {
                args.addKey(Wtf8.encode(redisKey));
            }
            args.add(indexed ? "1" : "0").add(System.currentTimeMillis()).add(Wtf8.encode(keyPrefix));
            for (int i = 0; i < names.size(); i++) {
                byte[] expected = read.get(i).orElse(null);
                Op op = ops.get(i);
                args.add(expected == null ? "-" : "=").add(expected == null ? NONE : expected)
                        .add(op.action.name().toLowerCase(Locale.ROOT))
                        .add(op.value == null ? NONE : Wtf8.encode(op.value))
                        .add(op.ttl)
                        .add(Wtf8.encode(names.get(i)));
            }
        }).map(result -> result == 1L);
    }

    /**
     * Runs a script by its digest, loading it with EVAL when the server does not know it (yet, or
     * any more); {@code args} adds what follows the script (the number of keys, the keys, the
     * arguments), {@code output} makes the output of each command, {@code result} gathers what
     * the command emits (a list output emits its elements one by one).
     */
    private <T, R> Mono<R> script(String sha, byte[] script, Supplier<CommandOutput<byte[], byte[], ?>> output,
            Function<Flux<T>, Mono<R>> result, Consumer<CommandArgs<byte[], byte[]>> args) {
        return call(c -> result.apply(Flux.from(c.<T>dispatch(CommandType.EVALSHA, output.get(),
                        scriptArgs(sha.getBytes(StandardCharsets.US_ASCII), args)))))
                .onErrorResume(RedisNoScriptException.class, e -> call(c -> result.apply(Flux.from(
                        c.<T>dispatch(CommandType.EVAL, output.get(), scriptArgs(script, args))))));
    }

    private static CommandArgs<byte[], byte[]> scriptArgs(byte[] head, Consumer<CommandArgs<byte[], byte[]>> args) {
        CommandArgs<byte[], byte[]> out = new CommandArgs<>(CODEC).add(head);
        args.accept(out);
        return out;
    }

    /**
     * One command on the connection (opened first if needed), bounded by the command timeout. The
     * command is handed to Lettuce on a bounded elastic thread: Lettuce 7 takes a short
     * {@code ReentrantLock} ({@code SharedLock}) for every command it writes, and waiting for it
     * when another thread writes on the same connection is a blocking call, allowed there but
     * not on an event loop or a parallel thread.
     */
    private <T> Mono<T> call(Function<RedisReactiveCommands<byte[], byte[]>, org.reactivestreams.Publisher<T>> command) {
        return connection()
                .flatMap(c -> Mono.from(command.apply(c)).subscribeOn(Schedulers.boundedElastic()))
                .timeout(commandTimeout, Schedulers.parallel());
    }

    private Mono<RedisReactiveCommands<byte[], byte[]>> connection() {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new Closed());
            }
            RedisReactiveCommands<byte[], byte[]> c = commands;
            if (c != null) {
                return Mono.just(c);
            }
            CompletableFuture<RedisReactiveCommands<byte[], byte[]>> f;
            boolean start = false;
            synchronized (lifecycle) {
                f = connecting;
                if (f == null || f.isCompletedExceptionally()) {
                    f = connecting = new CompletableFuture<>();
                    start = true;
                }
            }
            if (start) {
                CompletableFuture<RedisReactiveCommands<byte[], byte[]>> mine = f;
                try {
                    Schedulers.boundedElastic().schedule(() -> connect(mine));
                } catch (RejectedExecutionException e) {
                    mine.completeExceptionally(e);
                }
            }
            return Mono.fromFuture(f, true);
        });
    }

    /** Opens this store's own connection; blocking, on a bounded elastic thread. */
    private void connect(CompletableFuture<RedisReactiveCommands<byte[], byte[]>> result) {
        RedisClient client;
        synchronized (lifecycle) {
            if (closed) {
                result.completeExceptionally(new Closed());
                return;
            }
            if (appClient != null) {
                client = appClient;
            } else {
                if (ownClient == null) {
                    ownClient = RedisClient.create(uri);
                    ownClient.setOptions(ClientOptions.builder()
                            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                            .build());
                }
                client = ownClient;
            }
        }
        StatefulRedisConnection<byte[], byte[]> connection;
        try {
            connection = client.connect(CODEC);
        } catch (Throwable t) {
            Exceptions.throwIfJvmFatal(t);
            result.completeExceptionally(t);
            return;
        }
        boolean keep;
        synchronized (lifecycle) {
            keep = !closed;
            if (keep) {
                ownConnection = connection;
                commands = connection.reactive();
            }
        }
        if (keep) {
            result.complete(connection.reactive());
        } else {
            connection.closeAsync();
            result.completeExceptionally(new Closed());
        }
    }

    // ------------------------------------------------------------------ values and failures

    private static String decode(String redisKey, byte[] bytes) {
        try {
            return Wtf8.decode(bytes);
        } catch (Wtf8.MalformedException e) {
            throw new Corrupt(redisKey, "it holds bytes that are not UTF-8 text (the first bad byte is at offset "
                    + e.offset + " of " + bytes.length + ")");
        }
    }

    private static boolean wrongType(Throwable e) {
        return e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("WRONGTYPE");
    }

    private StorageException failure(String op, String redisKey, Throwable raw) {
        return failure(op, List.of(redisKey), raw);
    }

    /**
     * The failure as this store reports it: already one of ours, or translated, naming {@code op}
     * and the keys (the exception's key is the one at fault, else the first).
     */
    private StorageException failure(String op, List<String> redisKeys, Throwable raw) {
        Throwable e = Exceptions.unwrap(raw);
        if (e instanceof StorageException s) {
            return s;
        }
        String redisKey = e instanceof Corrupt c ? c.redisKey : redisKeys.get(0);
        String what = "cannot " + op + " Redis " + (redisKeys.size() == 1 ? "key " : "keys ")
                + redisKeys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "))
                + " (" + description + "): ";
        if (e instanceof Corrupt c) {
            return corrupt(what + (redisKeys.size() == 1 ? "" : "\"" + c.redisKey + "\": "), redisKey, c.getMessage(), null);
        }
        if (wrongType(e)) {
            return corrupt(what, redisKey, "it holds a value of another Redis type than string ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (e instanceof RedisCommandExecutionException x && String.valueOf(x.getMessage()).startsWith("CROSSSLOT")) {
            return new RedisStorageException(redisKey, what + "Redis Cluster refused keys of different hash slots in "
                    + "one update (" + firstLine(x.getMessage()) + "); give the store a key prefix with a hash tag, "
                    + "such as \"{app}:\"", false, x);
        }
        if (e instanceof Closed) {
            return new RedisStorageException(redisKey, what + "the storage is closed", false, null);
        }
        if (e instanceof Exhausted x) {
            return new RedisStorageException(redisKey, what + "gave up after " + x.rounds
                    + " attempts: another writer changed the " + (redisKeys.size() == 1 ? "key" : "keys")
                    + " between each read and write", true, null);
        }
        if (e instanceof TimeoutException || e instanceof RedisCommandTimeoutException) {
            return new RedisStorageException(redisKey, what + "Redis did not answer within " + millis(commandTimeout),
                    true, e);
        }
        if (e instanceof RedisLoadingException || e instanceof RedisBusyException || e instanceof RedisReadOnlyException) {
            return new RedisStorageException(redisKey, what + "Redis is not ready (" + firstLine(e.getMessage()) + ")",
                    true, e);
        }
        if (e instanceof RedisCommandExecutionException) {
            String m = String.valueOf(e.getMessage());
            boolean retry = m.startsWith("TRYAGAIN") || m.startsWith("MASTERDOWN") || m.startsWith("CLUSTERDOWN")
                    || m.startsWith("OOM");
            return new RedisStorageException(redisKey, what + "Redis refused the command (" + firstLine(m) + ")", retry, e);
        }
        if (e instanceof RedisConnectionException || e instanceof RedisCommandInterruptedException
                || e instanceof RedisException || e instanceof IOException) {
            boolean refusedLogin = false;
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                refusedLogin |= t instanceof RedisCommandExecutionException; // e.g. WRONGPASS, NOAUTH on connect
            }
            return new RedisStorageException(redisKey, what + "Redis is unreachable (" + firstLine(e.getMessage()) + ")",
                    !refusedLogin, e);
        }
        return new RedisStorageException(redisKey, what + e, false, e);
    }

    private static CorruptStorageException corrupt(String what, String redisKey, String problem, Throwable cause) {
        return new CorruptStorageException(RedisStorageException.keyAsPath(redisKey), -1, -1, what + problem
                + "; it was left unchanged and no change is written to it: repair or delete it", cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toMillis() / 1000 + " s" : d.toMillis() + " ms";
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** The stored bytes are not text this store can read; translated to a {@link CorruptStorageException}. */
    private static final class Corrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String redisKey;

        Corrupt(String redisKey, String message) {
            super(message, null, false, false);
            this.redisKey = redisKey;
        }
    }

    /** The store was closed. */
    private static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("closed", null, false, false);
        }
    }

    /** An update met a concurrent change in every round. */
    private static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int rounds;

        Exhausted(int rounds) {
            super("exhausted", null, false, false);
            this.rounds = rounds;
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures a {@link RedisSessionStorage}: exactly one of {@link #uri(String)},
     * {@link #client(RedisClient)}, {@link #connection(StatefulRedisConnection)}, and one of
     * {@link #application(String)}, {@link #keyPrefix(String)}. Nothing connects before the first
     * operation of the built store.
     */
    public static final class Builder {

        private RedisURI uri;
        private RedisClient client;
        private StatefulRedisConnection<?, ?> connection;
        private String keyPrefix;
        private Duration expiry;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int maxUpdateAttempts = DEFAULT_MAX_UPDATE_ATTEMPTS;
        private boolean listKeys = true;

        private Builder() {
        }

        /**
         * Redis at {@code uri} ({@code redis://[[user]:password@]host[:port][/database]},
         * {@code rediss://} for TLS): the store creates its client, connects on the first
         * operation and closes both on {@link RedisSessionStorage#close()}.
         *
         * @throws IllegalArgumentException when {@code uri} is not a Redis URI (the message does
         *     not repeat it: it may hold a password)
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            try {
                return uri(RedisURI.create(uri));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("uri is not a Redis URI (redis://[[user]:password@]host[:port][/database])");
            }
        }

        /** Redis at {@code uri}; as {@link #uri(String)}. */
        public Builder uri(RedisURI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * The application's client (created with the URI to use): the store opens one connection
         * of its own with it (on the first operation) and closes only that connection.
         */
        public Builder client(RedisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The application's connection, of any codec: the store sends its commands on it (with its
         * own codec) and never closes it.
         */
        public Builder connection(StatefulRedisConnection<?, ?> connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /**
         * Keys under {@code antelopekit:<application>:}; use the session kit's app name.
         *
         * @throws IllegalArgumentException when {@code application} is blank or holds a control character
         */
        public Builder application(String application) {
            Objects.requireNonNull(application, "application");
            if (application.isBlank()) {
                throw new IllegalArgumentException("application must not be blank");
            }
            checkNoControl("application", application);
            this.keyPrefix = DEFAULT_KEY_PREFIX_ROOT + application + ":";
            return this;
        }

        /**
         * Keys under {@code keyPrefix} exactly, e.g. {@code "myapp:sessions:"}.
         *
         * @throws IllegalArgumentException when {@code keyPrefix} is empty or holds a control character
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (keyPrefix.isEmpty()) {
                throw new IllegalArgumentException("keyPrefix must not be empty (two applications would share their keys)");
            }
            checkNoControl("keyPrefix", keyPrefix);
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * A time to live of every key, set again on each write; {@code null} (the default) for
         * none.
         *
         * @throws IllegalArgumentException when {@code expiry} is shorter than one millisecond
         */
        public Builder expiry(Duration expiry) {
            if (expiry != null && expiry.toMillis() < 1) {
                throw new IllegalArgumentException("expiry must be at least 1 ms, was " + expiry);
            }
            this.expiry = expiry;
            return this;
        }

        /**
         * How long one Redis command may take, waiting for the connection included; default
         * {@link RedisSessionStorage#DEFAULT_COMMAND_TIMEOUT}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * How many read/compare-and-set rounds an update makes before it fails; default
         * {@link RedisSessionStorage#DEFAULT_MAX_UPDATE_ATTEMPTS}.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxUpdateAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxUpdateAttempts must be at least 1, was " + attempts);
            }
            this.maxUpdateAttempts = attempts;
            return this;
        }

        /**
         * Whether the store keeps an index of its keys, so that
         * {@link RedisSessionStorage#keys(String) keys(prefix)} lists them without scanning the
         * database (default true; a session kit of one key per session needs it). The index is
         * two sorted sets under the key prefix, {@code <keyPrefix>\0keys} and
         * {@code <keyPrefix>\0expiry}, changed by the same scripts that change the keys; on Redis
         * Cluster every script then touches them too, so the key prefix needs a hash tag
         * ({@code "{app}:"}). {@code false}: no index, and {@code keys} is unsupported (as before
         * this option existed).
         */
        public Builder listKeys(boolean listKeys) {
            this.listKeys = listKeys;
            return this;
        }

        /**
         * The store; connects nothing yet.
         *
         * @throws IllegalStateException when not exactly one of uri, client, connection was given,
         *     or no application or key prefix
         */
        public RedisSessionStorage build() {
            int sources = (uri != null ? 1 : 0) + (client != null ? 1 : 0) + (connection != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalStateException("give exactly one of uri, client, connection; "
                        + (sources == 0 ? "none was given" : sources + " were given"));
            }
            if (keyPrefix == null) {
                throw new IllegalStateException("give application(\"name\") (keys under \"" + DEFAULT_KEY_PREFIX_ROOT
                        + "name:\") or keyPrefix(...): applications sharing a Redis must not share keys");
            }
            return new RedisSessionStorage(this);
        }

        private static void checkNoControl(String name, String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isISOControl(s.charAt(i))) {
                    throw new IllegalArgumentException(name + " holds a control character at index " + i);
                }
            }
        }
    }
}
