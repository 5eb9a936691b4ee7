package io.antelopekit.redis;

import io.antelopekit.redis.RedisSessionStorageTest.RedisServer;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.test.ExpiringKeysContract;
import io.antelopekit.test.KeysContract;
import io.antelopekit.test.MutableClock;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Redis store's listing by prefix (its index of keys, kept by the scripts that write) and its
 * times to live per key, against a real {@code redis-server} started on a free port, with
 * BlockHound on. Redis expires keys on its own clock: the expiry tests wait, with a time to live
 * of one second.
 */
@ExtendWith(BlockHoundSupport.class)
class RedisSessionStorageKeysTest implements KeysContract, ExpiringKeysContract {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path serverDir;

    static RedisServer redis;
    static RedisClient inspector;
    static StatefulRedisConnection<String, String> raw;

    final List<RedisSessionStorage> opened = new ArrayList<>();
    private int applications;

    @BeforeAll
    static void startRedis() throws Exception {
        java.util.logging.Logger.getLogger("").getHandlers(); // see RedisSessionStorageTest
        redis = RedisServer.start(serverDir, false);
        inspector = RedisClient.create(redis.uri());
        raw = inspector.connect();
    }

    @AfterAll
    static void stopRedis() {
        if (inspector != null) {
            inspector.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void empty() {
        raw.sync().flushall();
    }

    @AfterEach
    void closeAll() {
        Flux.fromIterable(opened).flatMap(RedisSessionStorage::close).then().block(TIMEOUT);
    }

    RedisSessionStorage storage(RedisSessionStorage.Builder b) {
        RedisSessionStorage s = b.build();
        opened.add(s);
        return s;
    }

    RedisSessionStorage storage(String application) {
        return storage(RedisSessionStorage.builder().uri(redis.uri()).application(application));
    }

    @Override
    public ReactiveSessionStorage newStorage() {
        return storage("keys" + ++applications);
    }

    /** Redis keeps its own time: the clock is not used, {@link #pass} waits. */
    @Override
    public ReactiveSessionStorage newStorage(MutableClock clock) {
        return storage("expiry" + ++applications);
    }

    @Override
    public Duration ttl() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void pass(MutableClock clock, Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // Redis expires keys on its own clock: only real time passes for it
    }

    static <T> T await(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel()).block(TIMEOUT);
    }

    static List<String> index(String keyPrefix, String name) {
        try (StatefulRedisConnection<byte[], byte[]> bytes = inspector.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> cli = bytes.sync();
            byte[] key = (keyPrefix + name).getBytes(StandardCharsets.UTF_8);
            return cli.zrange(key, 0, -1).stream().map(b -> new String(b, StandardCharsets.UTF_8)).sorted().toList();
        }
    }

    @Test
    void theIndexIsTwoSortedSetsUnderThePrefixKeptByTheScriptsThatWrite() {
        RedisSessionStorage storage = storage("indexed");
        await(storage.write("a", "1").then(storage.write("b", "2")));
        await(storage.updateAll(Set.of("c"), values -> Map.of("c", "3"), Map.of("c", Duration.ofMinutes(5))));

        assertThat(new HashSet<>(raw.sync().keys("*"))).isEqualTo(Set.of("antelopekit:indexed:a", "antelopekit:indexed:b",
                "antelopekit:indexed:c", "antelopekit:indexed:\u0000keys", "antelopekit:indexed:\u0000expiry"));
        assertThat(index("antelopekit:indexed:", "\u0000keys")).containsExactly("a", "b", "c");
        assertThat(index("antelopekit:indexed:", "\u0000expiry")).containsExactly("c");
        double due = raw.sync().zscore("antelopekit:indexed:\u0000expiry", "c");
        assertThat(due - System.currentTimeMillis()).isBetween(4 * 60_000.0, 5 * 60_000.0);
        assertThat(raw.sync().pttl("antelopekit:indexed:c")).isBetween(4 * 60_000L, 5 * 60_000L);

        // written without a time to live, it leaves the index of expiries; removed, both
        await(storage.write("c", "lasting"));
        assertThat(raw.sync().pttl("antelopekit:indexed:c")).isEqualTo(-1L);
        assertThat(index("antelopekit:indexed:", "\u0000expiry")).isEmpty();
        await(storage.remove("a").then(storage.remove("b")).then(storage.remove("c")));
        assertThat(raw.sync().keys("*")).isEmpty();
    }

    @Test
    void keysExpiredByRedisLeaveTheListingAndTheIndex() throws InterruptedException {
        RedisSessionStorage storage = storage("pruned");
        await(storage.updateAll(Set.of("p/1", "p/2", "p/3"), values -> Map.of("p/1", "1", "p/2", "2", "p/3", "3"),
                Map.of("p/1", Duration.ofMillis(300), "p/2", Duration.ofMillis(300))));
        Thread.sleep(500); // Redis expires keys on its own clock
        assertThat(raw.sync().exists("antelopekit:pruned:p/1")).isZero();
        assertThat(index("antelopekit:pruned:", "\u0000keys")).containsExactly("p/1", "p/2", "p/3");

        // listing leaves them out, and drops them from the index
        assertThat(KeysContract.keys(storage, "p/")).containsExactly("p/3");
        assertThat(index("antelopekit:pruned:", "\u0000keys")).containsExactly("p/3");
        assertThat(index("antelopekit:pruned:", "\u0000expiry")).isEmpty();
    }

    /** A service that never lists still has its index pruned: each write looks at a few expired entries. */
    @Test
    void writesPruneTheIndexOfKeysThatExpiredWithoutAListing() throws InterruptedException {
        RedisSessionStorage storage = storage("writes");
        for (int i = 0; i < 20; i++) {
            String key = "s" + i;
            await(storage.updateAll(Set.of(key), values -> Map.of(key, "v"), Map.of(key, Duration.ofMillis(300))));
        }
        await(storage.updateAll(Set.of("long"), values -> Map.of("long", "v"), Map.of("long", Duration.ofMinutes(5))));
        Thread.sleep(500); // Redis expires keys on its own clock
        await(storage.write("other", "1"));
        await(storage.write("other", "2"));
        assertThat(index("antelopekit:writes:", "\u0000keys")).containsExactly("long", "other");
        assertThat(index("antelopekit:writes:", "\u0000expiry")).containsExactly("long");
    }

    @Test
    void withoutAnIndexNothingButTheKeysIsWrittenAndKeysIsUnsupported() {
        RedisSessionStorage storage = storage(RedisSessionStorage.builder().uri(redis.uri()).application("plain")
                .listKeys(false));
        assertThat(storage.canListKeys()).isFalse();
        assertThat(storage.toString()).contains("no index");
        await(storage.write("a", "1"));
        await(storage.updateAll(Set.of("b"), values -> Map.of("b", "2"), Map.of("b", Duration.ofMinutes(1))));
        assertThat(new HashSet<>(raw.sync().keys("*"))).isEqualTo(Set.of("antelopekit:plain:a", "antelopekit:plain:b"));
        assertThat(raw.sync().pttl("antelopekit:plain:b")).isBetween(1L, 60_000L);
        StepVerifier.create(storage.keys("")).expectError(UnsupportedOperationException.class).verify(TIMEOUT);
    }

    @Test
    void theIndexNamesAreReservedKeys() {
        RedisSessionStorage storage = storage("reserved");
        assertThatThrownBy(() -> storage.read("\u0000keys")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> storage.write("\u0000expiry", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.updateAll(Set.of("a", "\u0000x"), values -> values))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A key the index does not know (written before it existed) is listed once written again. */
    @Test
    void aKeyWrittenBeforeTheIndexIsListedOnceWrittenAgain() {
        raw.sync().set("antelopekit:legacy:sessions", "[]");
        RedisSessionStorage storage = storage("legacy");
        assertThat(KeysContract.keys(storage, "")).isEmpty();
        assertThat(await(storage.read("sessions"))).isEqualTo("[]");
        await(storage.update("sessions", old -> "[1]"));
        assertThat(KeysContract.keys(storage, "")).containsExactly("sessions");
    }

    @Test
    void aPageIsOneScriptOfBoundedWork() {
        RedisSessionStorage storage = storage("paged");
        int n = RedisSessionStorage.KEYS_PAGE * 2 + 5;
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            values.put(String.format("k%05d", i), "v");
        }
        await(storage.updateAll(values.keySet(), old -> values));
        assertThat(raw.sync().zcount("antelopekit:paged:\u0000keys", Range.unbounded())).isEqualTo(n);
        assertThat(KeysContract.keys(storage, "k00000")).hasSize(1); // the script is loaded
        long before = commands("evalsha");
        assertThat(KeysContract.keys(storage, "k")).hasSize(n);
        assertThat(commands("evalsha") - before).isEqualTo(3);
    }

    /** How many times Redis ran {@code command} so far. */
    static long commands(String command) {
        String stats = raw.sync().info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(("cmdstat_" + command + ":calls=").length(), line.indexOf(',')));
            }
        }
        return 0;
    }
}
