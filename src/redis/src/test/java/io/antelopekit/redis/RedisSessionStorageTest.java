package io.antelopekit.redis;

import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.storage.internal.Wtf8;
import io.antelopekit.storage.CorruptStorageException;
import io.antelopekit.storage.StorageException;
import io.antelopekit.test.AtomicUpdateAllContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.LoginOptions;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.SessionKit;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Redis store against a real {@code redis-server} this class starts on a free port of
 * 127.0.0.1 (and stops). Operations are subscribed from Reactor's parallel (non-blocking)
 * threads with BlockHound on, which also watches Lettuce's event loops (a test proves it), so a
 * blocking call of the store on either fails the test.
 */
@ExtendWith(BlockHoundSupport.class)
class RedisSessionStorageTest implements AtomicUpdateAllContract {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path serverDir;

    static RedisServer redis;
    static RedisClient inspector;
    static StatefulRedisConnection<String, String> raw;
    static StatefulRedisConnection<byte[], byte[]> rawBytes;

    final List<RedisSessionStorage> opened = new ArrayList<>();
    final List<RedisClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        // the JDK's logging sets up its handlers once, under a lock: done here, it never waits on an
        // event loop when Lettuce logs its first reconnect there (Netty logs through java.util.logging)
        java.util.logging.Logger.getLogger("").getHandlers();
        redis = RedisServer.start(serverDir, false);
        inspector = RedisClient.create(redis.uri());
        raw = inspector.connect();
        rawBytes = inspector.connect(ByteArrayCodec.INSTANCE);
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
        raw.sync().scriptFlush();
    }

    @AfterEach
    void closeAll() {
        Flux.fromIterable(opened).flatMap(RedisSessionStorage::close).then().block(TIMEOUT);
        clients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(5)));
    }

    // ------------------------------------------------------------------ helpers

    private int applications;

    @Override
    public ReactiveSessionStorage newStorage() {
        return storage("contract" + ++applications);
    }

    /** Two stores on one application's keys, each with its own connection: they meet only in Redis. */
    @Override
    public ReactiveSessionStorage[] twoInstancesOnNewData() {
        String application = "contract" + ++applications;
        return new ReactiveSessionStorage[] {storage(application), storage(application)};
    }

    /** Subscribes on a non-blocking thread: BlockHound fails the test if the store blocks there. */
    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    static <T> T await(Mono<T> mono) {
        return onEventLoop(mono).block(TIMEOUT);
    }

    RedisSessionStorage track(RedisSessionStorage storage) {
        opened.add(storage);
        return storage;
    }

    /** A store that owns its client and connection, for {@code application}. */
    RedisSessionStorage storage(String application) {
        return track(RedisSessionStorage.builder().uri(redis.uri()).application(application).build());
    }

    RedisClient appClient(String uri) {
        RedisClient client = RedisClient.create(uri);
        clients.add(client);
        return client;
    }

    static void expectStorageError(Mono<?> operation, Class<? extends StorageException> type, Consumer<Throwable> check) {
        StepVerifier.create(onEventLoop(operation))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(type);
                    check.accept(e);
                })
                .verify(TIMEOUT);
    }

    // ------------------------------------------------------------------ the interface's contract

    @Test
    void writesReadsReplacesAndRemoves() {
        ReactiveSessionStorage storage = storage("basic");
        StepVerifier.create(onEventLoop(storage.read("session"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "{\"actor\":\"alice\"}").then(storage.read("session"))))
                .expectNext("{\"actor\":\"alice\"}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "{}").then(storage.read("session"))))
                .expectNext("{}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("session").then(storage.read("session"))))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("absent"))).expectComplete().verify(TIMEOUT);
        assertThat(raw.sync().keys("*")).isEmpty();
    }

    @Test
    void replayStoreAcceptsEachKeyOnceAcrossInstancesUntilItExpires() {
        RedisSessionStorage one = storage("replay");
        RedisSessionStorage two = storage("replay");
        java.time.Instant later = java.time.Instant.now().plusSeconds(60);
        // 50 proofs, each presented to both instances at once: exactly one of the two accepts it
        List<Boolean> results = await(Flux.range(0, 100)
                .flatMap(i -> (i % 2 == 0 ? one : two).replayStore().markSeen("proof-" + (i / 2), later))
                .collectList());
        assertThat(results).hasSize(100);
        assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(50);
        assertThat(raw.sync().keys("antelopekit:replay:replay:*")).hasSize(50);
        long ttl = raw.sync().pttl("antelopekit:replay:replay:proof-7");
        assertThat(ttl).isPositive().isLessThanOrEqualTo(60_000);
        StepVerifier.create(onEventLoop(two.replayStore().markSeen("proof-7", later)))
                .expectNext(false).expectComplete().verify(TIMEOUT);
        // a record whose time is up is forgotten at once
        java.time.Instant past = java.time.Instant.now().minusSeconds(1);
        StepVerifier.create(onEventLoop(one.replayStore().markSeen("old", past)
                        .zipWhen(first -> two.replayStore().markSeen("old", past))))
                .assertNext(both -> assertThat(both.getT1() && both.getT2()).isTrue()).expectComplete().verify(TIMEOUT);
        // other stores' keys are not touched
        assertThat(raw.sync().keys("antelopekit:replay:session*")).isEmpty();
    }

    @Test
    void anyTextRoundTripsAndPlainTextIsStoredAsUtf8() {
        RedisSessionStorage storage = storage("text");
        List<String> values = List.of("", "plain", "quote \" backslash \\ slash /", "lines\n\r\ttab",
                "control \u0000\u0001\u001f\u007f", "unicode äöü 漢字 \uD83D\uDE00", "separators \u2028\u2029",
                "lone surrogates \uD800 and \uDC00 end\uD83D", "[{\"nested\":\"json\"}]");
        for (int i = 0; i < values.size(); i++) {
            await(storage.write("k" + i, values.get(i)));
        }
        for (int i = 0; i < values.size(); i++) {
            assertThat(await(storage.read("k" + i))).as("value %d", i).isEqualTo(values.get(i));
        }
        // readable by any Redis client: the bytes are UTF-8
        assertThat(rawBytes.sync().get(bytes("antelopekit:text:k5"))).isEqualTo(bytes("unicode äöü 漢字 \uD83D\uDE00"));
        assertThat(raw.sync().get("antelopekit:text:k1")).isEqualTo("plain");
        assertThat(raw.sync().get("antelopekit:text:k0")).isEmpty();

        await(storage.write("wharf--session \"x\"\n äö", "v"));
        assertThat(await(storage("text").read("wharf--session \"x\"\n äö"))).isEqualTo("v");
        assertThat(raw.sync().get("antelopekit:text:wharf--session \"x\"\n äö")).isEqualTo("v");
    }

    @Test
    void persistsAcrossInstancesAndEveryKindOfConnection() {
        await(storage("shared").write("session", "one").then(storage("shared").write("sessions", "[]")));
        RedisSessionStorage overClient = track(RedisSessionStorage.builder().client(appClient(redis.uri()))
                .application("shared").build());
        StatefulRedisConnection<String, String> connection = appClient(redis.uri()).connect();
        RedisSessionStorage overConnection = track(RedisSessionStorage.builder().connection(connection)
                .keyPrefix("antelopekit:shared:").build());
        for (ReactiveSessionStorage s : List.of(storage("shared"), overClient, overConnection)) {
            assertThat(await(s.read("session"))).as(s.toString()).isEqualTo("one");
            assertThat(await(s.read("sessions"))).as(s.toString()).isEqualTo("[]");
        }
    }

    @Test
    void nothingHappensBeforeSubscriptionAndTheConnectionOpensOnTheFirstOperation() throws InterruptedException {
        awaitConnectedClients(2); // this class's two inspecting connections
        int clientsBefore = connectedClients();
        RedisSessionStorage storage = storage("lazy");
        Mono<Void> write = storage.write("k", "v");
        Mono<String> update = storage.update("k", old -> { throw new AssertionError("called before subscription"); });
        Mono<Void> remove = storage.remove("k");
        Mono<String> read = storage.read("k");
        Mono<Void> close = storage.close();
        assertThat(connectedClients()).isEqualTo(clientsBefore);
        assertThat(raw.sync().exists("antelopekit:lazy:k")).isZero();

        await(write);
        assertThat(connectedClients()).isEqualTo(clientsBefore + 1);
        assertThat(raw.sync().get("antelopekit:lazy:k")).isEqualTo("v");
        assertThat(await(read)).isEqualTo("v");
        StepVerifier.create(onEventLoop(update)).expectError(AssertionError.class).verify(TIMEOUT);
        assertThat(await(read)).isEqualTo("v");
        assertThat(await(remove.then(read))).isNull();
        assertThat(connectedClients()).isEqualTo(clientsBefore + 1);
        await(close);
        awaitConnectedClients(clientsBefore);
    }

    @Test
    void anUpdateToNullRemovesAFailedUpdateKeepsTheValueAndAnUnchangedValueIsNotWritten() {
        RedisSessionStorage storage = storage("update");
        await(storage.write("k", "v"));
        StepVerifier.create(onEventLoop(storage.update("k", old -> { throw new IllegalStateException("no"); })))
                .expectError(IllegalStateException.class).verify(TIMEOUT);
        assertThat(await(storage.read("k"))).isEqualTo("v");

        // without an expiry, a SET would clear this time to live: it survives, so nothing was written
        raw.sync().pexpire("antelopekit:update:k", 600_000);
        assertThat(await(storage.update("k", old -> old))).isEqualTo("v");
        assertThat(raw.sync().pttl("antelopekit:update:k")).isPositive();

        StepVerifier.create(onEventLoop(storage.update("k", old -> null))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.read("k"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("absent", old -> old))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("n", old -> old == null ? "first" : "again")))
                .expectNext("first").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("n", old -> old == null ? "first" : "again")))
                .expectNext("again").expectComplete().verify(TIMEOUT);
    }

    @Test
    void changesQueuedTogetherEachSeeTheOneBeforeAndAFailingOneFailsAlone() {
        RedisSessionStorage storage = storage("queue");
        List<Mono<String>> updates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            updates.add(storage.update("list", old -> {
                if (n == 7) {
                    throw new IllegalArgumentException("change 7 refuses");
                }
                return (old == null ? "" : old + ",") + n;
            }).onErrorResume(IllegalArgumentException.class, e -> Mono.just("failed " + e.getMessage())));
        }
        List<String> results = Flux.merge(updates.stream().map(RedisSessionStorageTest::onEventLoop).toList())
                .collectList().block(TIMEOUT);
        assertThat(results).hasSize(50).contains("failed change 7 refuses");
        String list = await(storage.read("list"));
        Set<String> items = Set.of(list.split(","));
        assertThat(items).hasSize(49).doesNotContain("7");
        assertThat(results).contains(list);
    }

    // ------------------------------------------------------------------ concurrency across connections

    @Test
    void concurrentUpdatesFromTwoConnectionsLoseNoIncrement() {
        RedisSessionStorage a = storage("count");
        RedisSessionStorage b = track(RedisSessionStorage.builder().connection(appClient(redis.uri()).connect())
                .application("count").build());
        int perStore = 200;
        AtomicInteger calls = new AtomicInteger();
        Flux<String> fromA = Flux.range(0, perStore).flatMap(i -> onEventLoop(a.update("counter", increment(calls))), 64);
        Flux<String> fromB = Flux.range(0, perStore).flatMap(i -> onEventLoop(b.update("counter", increment(calls))), 64);
        List<String> results = Flux.merge(fromA, fromB).collectList().block(TIMEOUT);

        // every update returns the value it wrote: 1..400, each once
        assertThat(results.stream().map(Integer::valueOf).collect(Collectors.toSet()))
                .isEqualTo(IntStream.rangeClosed(1, 2 * perStore).boxed().collect(Collectors.toSet()));
        assertThat(await(a.read("counter"))).isEqualTo(String.valueOf(2 * perStore));
        assertThat(raw.sync().get("antelopekit:count:counter")).isEqualTo(String.valueOf(2 * perStore));
        assertThat(calls.get()).isGreaterThanOrEqualTo(2 * perStore);
    }

    static java.util.function.UnaryOperator<String> increment(AtomicInteger calls) {
        return old -> {
            calls.incrementAndGet();
            return String.valueOf(old == null ? 1 : Integer.parseInt(old) + 1);
        };
    }

    @Test
    void concurrentWritesOfDifferentKeysFromTwoStoresAllLand() {
        RedisSessionStorage a = storage("many");
        RedisSessionStorage b = storage("many");
        Flux.range(0, 100).flatMap(i -> onEventLoop((i % 2 == 0 ? a : b).write("k" + i, "v" + i)), 64).blockLast(TIMEOUT);
        for (int i = 0; i < 100; i++) {
            assertThat(await(a.read("k" + i))).isEqualTo("v" + i);
        }
        assertThat(raw.sync().keys("*")).hasSize(101).allMatch(k -> k.startsWith("antelopekit:many:k")
                || k.equals("antelopekit:many:\u0000keys")); // and the index of keys
    }

    @Test
    void anUpdateThatKeepsMeetingAnotherWriterGivesUpWithATransientErrorAfterItsAttempts() {
        StatefulRedisConnection<String, String> connection = appClient(redis.uri()).connect();
        RedisSessionStorage storage = track(RedisSessionStorage.builder().connection(connection).application("busy")
                .maxUpdateAttempts(3).build());
        await(storage.write("k", "start"));
        AtomicInteger calls = new AtomicInteger();
        // another writer changes the key between every read and compare-and-set: its SET goes out on
        // the same connection just before the store's script, so Redis runs it first
        Mono<String> update = storage.update("k", old -> {
            connection.async().set("antelopekit:busy:k", "other " + calls.incrementAndGet());
            return "mine";
        });
        expectStorageError(update, StorageException.class, e -> {
            assertThat(((StorageException) e).isTransient()).isTrue();
            assertThat(e.getMessage()).contains("cannot update Redis key \"antelopekit:busy:k\"")
                    .contains("gave up after 3 attempts").doesNotContain("mine").doesNotContain("other 1")
                    .doesNotContain("start");
        });
        assertThat(calls.get()).isEqualTo(3);
        assertThat(raw.sync().get("antelopekit:busy:k")).isEqualTo("other 3");
        // without the other writer the next update succeeds
        assertThat(await(storage.update("k", old -> old + "+1"))).isEqualTo("other 3+1");
    }

    @Test
    void anUpdateOfSeveralKeysMeetingAnotherWriterOnOneOfThemWritesNoneAndGivesUp() {
        StatefulRedisConnection<String, String> connection = appClient(redis.uri()).connect();
        RedisSessionStorage storage = track(RedisSessionStorage.builder().connection(connection).application("busyall")
                .maxUpdateAttempts(3).build());
        await(storage.write("x", "x0").then(storage.write("y", "y0")));
        AtomicInteger calls = new AtomicInteger();
        // another writer changes only x between every read and compare-and-set
        Mono<java.util.Map<String, String>> update = storage.updateAll(Set.of("x", "y"), values -> {
            connection.async().set("antelopekit:busyall:x", "other " + calls.incrementAndGet());
            return java.util.Map.of("x", "mine", "y", "mine");
        });
        expectStorageError(update, StorageException.class, e -> {
            assertThat(((StorageException) e).isTransient()).isTrue();
            assertThat(e.getMessage()).contains("cannot update Redis keys \"antelopekit:busyall:x\", \"antelopekit:busyall:y\"")
                    .contains("gave up after 3 attempts").doesNotContain("mine");
        });
        assertThat(calls.get()).isEqualTo(3);
        // y, whose value never changed under the update, was not written either
        assertThat(raw.sync().get("antelopekit:busyall:x")).isEqualTo("other 3");
        assertThat(raw.sync().get("antelopekit:busyall:y")).isEqualTo("y0");
        assertThat(await(storage.updateAll(Set.of("x", "y"), values -> java.util.Map.of("x", values.get("x") + "+1", "y", "y1"))))
                .isEqualTo(java.util.Map.of("x", "other 3+1", "y", "y1"));
    }

    @Test
    void anUpdateOfSeveralKeysWithACorruptOneNamesItAndWritesNone() {
        RedisSessionStorage storage = storage("corruptall");
        await(storage.write("a", "1"));
        raw.sync().hset("antelopekit:corruptall:b", "field", "value");
        rawBytes.sync().set("antelopekit:corruptall:c".getBytes(StandardCharsets.UTF_8), new byte[] {'x', (byte) 0xff});
        for (String bad : List.of("b", "c")) {
            expectStorageError(storage.updateAll(Set.of("a", bad), values -> java.util.Map.of("a", "2", bad, "2")),
                    CorruptStorageException.class, e -> {
                        assertThat(e.getMessage()).contains("\"antelopekit:corruptall:" + bad + "\": it holds");
                        assertThat(((StorageException) e).file().toString()).isEqualTo("antelopekit:corruptall:" + bad);
                    });
        }
        assertThat(raw.sync().get("antelopekit:corruptall:a")).isEqualTo("1");
        assertThat(raw.sync().type("antelopekit:corruptall:b")).isEqualTo("hash");
        assertThat(rawBytes.sync().get("antelopekit:corruptall:c".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new byte[] {'x', (byte) 0xff});
    }

    @Test
    void anUpdateOfSeveralKeysSetsTheExpiryOfEveryKeyItKeeps() {
        RedisSessionStorage storage = track(RedisSessionStorage.builder().uri(redis.uri()).application("ttlall")
                .expiry(Duration.ofMinutes(10)).build());
        await(storage.updateAll(Set.of("a", "b"), values -> java.util.Map.of("a", "1", "b", "2")));
        raw.sync().persist("antelopekit:ttlall:a");
        await(storage.updateAll(Set.of("a", "b"), values -> java.util.Map.of("a", "1")));
        assertThat(raw.sync().pttl("antelopekit:ttlall:a")).isPositive().isLessThanOrEqualTo(600_000);
        assertThat(raw.sync().exists("antelopekit:ttlall:b")).isZero();
    }

    @Test
    void twoSessionKitsOnOneRedisLogInDifferentAccountsConcurrentlyAndKeepEverySession() throws Exception {
        Devnet devnet = Devnet.builder().manualBlockProduction().start();
        List<SessionKit> kits = new ArrayList<>();
        try {
            ChainDefinition chain = new ChainDefinition(devnet.chainId(), List.of(devnet.url()), "Devnet", null, "4,EOS");
            for (int k = 0; k < 2; k++) {
                kits.add(SessionKit.builder().appName("kits").chains(chain).ui(HeadlessUserInterface.create())
                        .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                        .storage(storage("kits")).build());
            }
            int perKit = 25;
            Set<String> expected = new HashSet<>();
            List<Mono<String>> logins = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                SessionKit kit = kits.get(k);
                for (int i = 0; i < perKit; i++) {
                    String actor = "kit" + (char) ('a' + k) + "user" + (char) ('a' + i);
                    expected.add(actor);
                    LoginOptions options = LoginOptions.builder().chain(chain).permissionLevel(actor + "@active").build();
                    logins.add(onEventLoop(kit.login(options).map(r -> r.session().actor().toString())));
                }
            }
            List<String> loggedIn = Flux.merge(logins).collectList().block(TIMEOUT);
            assertThat(new HashSet<>(loggedIn)).isEqualTo(expected);

            for (SessionKit kit : kits) {
                List<SerializedSession> sessions = kit.getSessions().collectList().block(TIMEOUT);
                assertThat(sessions.stream().map(SerializedSession::actor).collect(Collectors.toSet())).isEqualTo(expected);
                assertThat(sessions).hasSize(2 * perKit);
            }
            JsonNode list = JSON.readTree(raw.sync().get("antelopekit:kits:" + SessionKit.SESSIONS_KEY));
            assertThat(list.size()).isEqualTo(2 * perKit);
            int defaults = 0;
            for (JsonNode s : list) {
                defaults += s.path("default").asBoolean(false) ? 1 : 0;
            }
            assertThat(defaults).as("one default session per chain").isEqualTo(1);
            assertThat(JSON.readTree(raw.sync().get("antelopekit:kits:" + SessionKit.SESSION_KEY)).path("actor").asText())
                    .isIn(expected);
        } finally {
            kits.forEach(SessionKit::dispose);
            devnet.stop();
        }
    }

    // ------------------------------------------------------------------ keys and expiry

    @Test
    void keyPrefixesIsolateApplicationsAndEveryKeyIsUnderItsPrefix() {
        RedisSessionStorage one = storage("one");
        RedisSessionStorage two = storage("two");
        RedisSessionStorage custom = track(RedisSessionStorage.builder().uri(redis.uri()).keyPrefix("tenant/7/").build());
        assertThat(one.keyPrefix()).isEqualTo("antelopekit:one:");
        assertThat(custom.redisKey("session")).isEqualTo("tenant/7/session");
        await(one.write("session", "1").then(two.write("session", "2")).then(custom.write("session", "3")));
        await(one.update("sessions", old -> "[1]").then(two.update("sessions", old -> old == null ? "[2]" : "seen " + old)));
        assertThat(await(one.read("session"))).isEqualTo("1");
        assertThat(await(two.read("session"))).isEqualTo("2");
        assertThat(await(custom.read("session"))).isEqualTo("3");
        assertThat(await(two.read("sessions"))).isEqualTo("[2]");
        assertThat(new HashSet<>(raw.sync().keys("*"))).isEqualTo(Set.of("antelopekit:one:session", "antelopekit:two:session",
                "tenant/7/session", "antelopekit:one:sessions", "antelopekit:two:sessions",
                // each store's index of its keys
                "antelopekit:one:\u0000keys", "antelopekit:two:\u0000keys", "tenant/7/\u0000keys"));

        await(one.remove("session"));
        assertThat(await(one.read("session"))).isNull();
        assertThat(await(two.read("session"))).isEqualTo("2");
        assertThat(await(custom.read("session"))).isEqualTo("3");
    }

    @Test
    void anExpiryIsSetByEveryWriteAndUpdateButNotByReads() {
        RedisSessionStorage storage = track(RedisSessionStorage.builder().uri(redis.uri()).application("ttl")
                .expiry(Duration.ofMinutes(10)).build());
        String key = "antelopekit:ttl:session";
        await(storage.write("session", "v"));
        assertThat(raw.sync().pttl(key)).isBetween(1L, 600_000L).isGreaterThan(60_000L);

        raw.sync().pexpire(key, 60_000);
        await(storage.write("session", "w"));
        assertThat(raw.sync().pttl(key)).isGreaterThan(60_000L);

        raw.sync().pexpire(key, 60_000);
        assertThat(await(storage.update("session", old -> old))).isEqualTo("w"); // unchanged, still refreshed
        assertThat(raw.sync().pttl(key)).isGreaterThan(60_000L);

        raw.sync().pexpire(key, 60_000);
        assertThat(await(storage.update("session", old -> old + "x"))).isEqualTo("wx");
        assertThat(raw.sync().pttl(key)).isGreaterThan(60_000L);

        raw.sync().pexpire(key, 60_000);
        assertThat(await(storage.read("session"))).isEqualTo("wx");
        assertThat(raw.sync().pttl(key)).isBetween(1L, 60_000L);

        // without an expiry, keys do not expire and a write clears a time to live
        RedisSessionStorage lasting = storage("ttl");
        await(lasting.write("session", "y"));
        assertThat(raw.sync().pttl(key)).isEqualTo(-1L);
    }

    @Test
    void anExpiredKeyIsGone() {
        RedisSessionStorage storage = track(RedisSessionStorage.builder().uri(redis.uri()).application("short")
                .expiry(Duration.ofMillis(200)).build());
        await(storage.write("session", "v"));
        String gone = onEventLoop(storage.read("session").defaultIfEmpty("gone")
                .filter("gone"::equals)
                .repeatWhenEmpty(100, tries -> tries.delayElements(Duration.ofMillis(100))))
                .block(TIMEOUT);
        assertThat(gone).isEqualTo("gone");
        assertThat(raw.sync().exists("antelopekit:short:session")).isZero();
    }

    // ------------------------------------------------------------------ malformed data

    @Test
    void aKeyOfAnotherTypeIsCorruptNamesTheKeyAndIsNeverOverwritten() {
        RedisSessionStorage storage = storage("typed");
        String key = "antelopekit:typed:session";
        raw.sync().hset(key, "privateKey", "PVT_K1_secretmaterial");
        for (String op : List.of("read", "write", "update", "remove")) {
            Mono<?> operation = switch (op) {
                case "read" -> storage.read("session");
                case "write" -> storage.write("session", "new");
                case "update" -> storage.update("session", old -> "[]");
                default -> storage.remove("session");
            };
            expectStorageError(operation, CorruptStorageException.class, e -> {
                assertThat(e.getMessage()).as(op).contains("cannot " + op + " Redis key \"" + key + "\"")
                        .contains("another Redis type").contains("left unchanged")
                        .doesNotContain("secret").doesNotContain("PVT_K1");
                assertThat(((StorageException) e).isTransient()).isFalse();
                assertThat(((StorageException) e).file()).isEqualTo(Path.of(key));
            });
        }
        assertThat(raw.sync().type(key)).isEqualTo("hash");
        assertThat(raw.sync().hgetall(key)).containsExactly(java.util.Map.entry("privateKey", "PVT_K1_secretmaterial"));

        // once deleted by hand, the store works again
        raw.sync().del(key);
        await(storage.write("session", "fine"));
        assertThat(await(storage.read("session"))).isEqualTo("fine");
    }

    @Test
    void bytesThatAreNotUtf8AreCorruptAndNeverOverwritten() {
        RedisSessionStorage storage = storage("bytes");
        byte[] key = bytes("antelopekit:bytes:sessions");
        byte[] stored = {'[', (byte) 0xFF, 's', 'e', 'c', 'r', 'e', 't', ']'};
        rawBytes.sync().set(key, stored);
        for (String op : List.of("read", "write", "update", "remove")) {
            Mono<?> operation = switch (op) {
                case "read" -> storage.read("sessions");
                case "write" -> storage.write("sessions", "[]");
                case "update" -> storage.update("sessions", old -> "[]");
                default -> storage.remove("sessions");
            };
            expectStorageError(operation, CorruptStorageException.class, e -> assertThat(e.getMessage()).as(op)
                    .contains("cannot " + op + " Redis key \"antelopekit:bytes:sessions\"")
                    .contains("not UTF-8 text").contains("offset 1 of 9").doesNotContain("secret"));
        }
        assertThat(rawBytes.sync().get(key)).isEqualTo(stored);
    }

    @Test
    void utf8DecodingIsStrictButKeepsLoneSurrogates() throws Exception {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {'a', (byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
            assertThatThrownBy(() -> Wtf8.decode(bad)).isInstanceOf(Wtf8.MalformedException.class);
        }
        String text = "a\u00e9\u20ac\uD83D\uDE00\uD800z\uDFFF";
        assertThat(Wtf8.decode(Wtf8.encode(text))).isEqualTo(text);
        assertThat(Wtf8.encode("a\u00e9\u20ac\uD83D\uDE00")).isEqualTo("a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ Redis down, and back

    @Test
    void redisStoppedFailsWithATypedTransientErrorAndAfterARestartNothingWrittenBeforeIsLost(@TempDir Path dir)
            throws Exception {
        RedisServer own = RedisServer.start(dir, true);
        try {
            Duration timeout = Duration.ofSeconds(2);
            RedisSessionStorage owned = track(RedisSessionStorage.builder().uri(own.uri()).application("restart")
                    .commandTimeout(timeout).build());
            RedisSessionStorage shared = track(RedisSessionStorage.builder().connection(appClient(own.uri()).connect())
                    .application("restart").commandTimeout(timeout).build());
            await(owned.write("session", "{\"actor\":\"alice\"}"));
            await(owned.update("sessions", old -> "[\"alice\"]"));
            await(shared.update("sessions", old -> old.replace("]", ",\"bob\"]")));

            own.kill();

            // the store's own client rejects commands while disconnected: a clear error at once
            for (String op : List.of("read", "write", "update", "remove")) {
                Mono<?> operation = switch (op) {
                    case "read" -> owned.read("session");
                    case "write" -> owned.write("session", "lost?");
                    case "update" -> owned.update("sessions", old -> "[]");
                    default -> owned.remove("session");
                };
                expectStorageError(operation, StorageException.class, e -> {
                    assertThat(((StorageException) e).isTransient()).as(op).isTrue();
                    assertThat(e.getMessage()).as(op)
                            .contains("cannot " + op + " Redis key \"antelopekit:restart:session")
                            .containsAnyOf("Redis is unreachable", "did not answer");
                });
            }
            // the application's connection queues commands until it reconnects: the command timeout ends them
            expectStorageError(shared.read("session"), StorageException.class, e -> {
                assertThat(((StorageException) e).isTransient()).isTrue();
                assertThat(e.getMessage()).contains("cannot read Redis key \"antelopekit:restart:session\"")
                        .containsAnyOf("did not answer within 2 s", "Redis is unreachable");
            });

            own.restart();

            // both reconnect by themselves; nothing acknowledged before the crash is lost
            for (RedisSessionStorage s : List.of(owned, shared)) {
                String session = onEventLoop(Mono.defer(() -> s.read("session")))
                        .retryWhen(Retry.fixedDelay(200, Duration.ofMillis(100))
                                .filter(e -> e instanceof StorageException se && se.isTransient()))
                        .block(TIMEOUT);
                assertThat(session).as(s.toString()).isEqualTo("{\"actor\":\"alice\"}");
                assertThat(await(s.read("sessions"))).isEqualTo("[\"alice\",\"bob\"]");
            }
            // and changes work again (the script cache was lost with the restart)
            assertThat(await(owned.update("sessions", old -> old.replace("]", ",\"carol\"]"))))
                    .isEqualTo("[\"alice\",\"bob\",\"carol\"]");
            assertThat(await(shared.read("sessions"))).isEqualTo("[\"alice\",\"bob\",\"carol\"]");
        } finally {
            own.stop();
        }
    }

    @Test
    void redisUnreachableFromTheStartIsATransientErrorNamingTheKey() throws IOException {
        int port = RedisServer.freePort();
        RedisSessionStorage storage = track(RedisSessionStorage.builder().uri("redis://127.0.0.1:" + port)
                .application("nowhere").commandTimeout(Duration.ofSeconds(5)).build());
        expectStorageError(storage.read("session"), StorageException.class, e -> {
            assertThat(((StorageException) e).isTransient()).isTrue();
            assertThat(e.getMessage()).contains("cannot read Redis key \"antelopekit:nowhere:session\"")
                    .containsAnyOf("Redis is unreachable", "did not answer");
        });
        expectStorageError(storage.update("sessions", old -> "[]"), StorageException.class,
                e -> assertThat(e.getMessage()).contains("cannot update Redis key \"antelopekit:nowhere:sessions\""));
    }

    @Test
    void aFlushedScriptCacheIsLoadedAgain() {
        RedisSessionStorage storage = storage("script");
        await(storage.write("k", "1"));
        raw.sync().scriptFlush();
        assertThat(await(storage.update("k", old -> old + "2"))).isEqualTo("12");
        assertThat(raw.sync().scriptExists(RedisSessionStorage.CAS_SHA)).containsExactly(true);
    }

    // ------------------------------------------------------------------ lifecycle and threads

    @Test
    void closeReleasesOnlyWhatTheStoreOpened() throws InterruptedException {
        RedisSessionStorage owned = storage("close");
        await(owned.write("k", "v"));
        await(owned.close());
        await(owned.close()); // idempotent
        expectStorageError(owned.read("k"), StorageException.class, e -> {
            assertThat(((StorageException) e).isTransient()).isFalse();
            assertThat(e.getMessage()).contains("cannot read Redis key \"antelopekit:close:k\"").contains("closed");
        });
        expectStorageError(owned.write("k", "w"), StorageException.class, e -> assertThat(e).hasMessageContaining("closed"));

        RedisClient client = appClient(redis.uri());
        RedisSessionStorage overClient = track(RedisSessionStorage.builder().client(client).application("close").build());
        assertThat(await(overClient.read("k"))).isEqualTo("v");
        awaitConnectedClients(3); // this class's two and the store's own
        await(overClient.close());
        awaitConnectedClients(2);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().get("antelopekit:close:k")).as("the application's client still works").isEqualTo("v");
        }

        StatefulRedisConnection<String, String> connection = appClient(redis.uri()).connect();
        RedisSessionStorage overConnection = track(RedisSessionStorage.builder().connection(connection)
                .application("close").build());
        assertThat(await(overConnection.read("k"))).isEqualTo("v");
        await(overConnection.close());
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.sync().get("antelopekit:close:k")).isEqualTo("v");
    }

    @Test
    void lettuceEventLoopsAreWatchedAndResultsArriveOnReactorsParallelThreads() {
        AtomicReference<String> thread = new AtomicReference<>();
        StepVerifier.create(raw.reactive().ping().doOnNext(pong -> {
                    thread.set(Thread.currentThread().getName());
                    try { // the blocking call BlockHound must catch on Lettuce's event loop
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .expectError(BlockingOperationError.class).verify(TIMEOUT);
        assertThat(thread.get()).contains("lettuce");

        RedisSessionStorage storage = storage("threads");
        List<String> changeThreads = new CopyOnWriteArrayList<>();
        await(storage.update("k", old -> {
            changeThreads.add(Thread.currentThread().getName());
            return "v";
        }));
        assertThat(changeThreads).isNotEmpty().allMatch(name -> name.contains("lettuce"));
        assertThat(await(storage.read("k").map(v -> Thread.currentThread().getName())).toString()).startsWith("parallel-");
        assertThat(await(storage.update("k", old -> "w").map(v -> Thread.currentThread().getName())).toString()).startsWith("parallel-");
    }

    @Test
    void theBuilderRefusesMissingOrConflictingSettings() {
        assertThatThrownBy(() -> RedisSessionStorage.builder().application("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one of uri, client, connection");
        assertThatThrownBy(() -> RedisSessionStorage.builder().uri(redis.uri()).client(appClient(redis.uri()))
                .application("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 were given");
        assertThatThrownBy(() -> RedisSessionStorage.builder().uri(redis.uri()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("application(\"name\")")
                .hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisSessionStorage.builder().application(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application");
        assertThatThrownBy(() -> RedisSessionStorage.builder().keyPrefix(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisSessionStorage.builder().keyPrefix("a\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> RedisSessionStorage.builder().expiry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiry");
        assertThatThrownBy(() -> RedisSessionStorage.builder().commandTimeout(Duration.ofNanos(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> RedisSessionStorage.builder().maxUpdateAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxUpdateAttempts");
        assertThatThrownBy(() -> RedisSessionStorage.builder().uri("http://hunter2@nowhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisSessionStorage.builder().uri(redis.uri()).application("a").build().read(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key");

        RedisSessionStorage withPassword = RedisSessionStorage.builder().uri("redis://:hunter2@127.0.0.1:6390/2")
                .application("shown").expiry(Duration.ofHours(1)).build();
        assertThat(withPassword.toString()).doesNotContain("hunter2").contains("127.0.0.1").contains("6390")
                .contains("prefix \"antelopekit:shown:\"").contains("expiry PT1H");
    }

    // ------------------------------------------------------------------ Redis

    int connectedClients() {
        return (int) raw.sync().clientList().lines().filter(l -> !l.isBlank()).count();
    }

    /**
     * Redis sees a closed connection a moment after the client closed it: waits for the count. Polls
     * (CLIENT LIST of the real server): Redis tells no one when it has noticed a closed socket.
     */
    void awaitConnectedClients(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (connectedClients() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connectedClients()).as("connected clients").isEqualTo(expected);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A {@code redis-server} child process on a free port of 127.0.0.1, in its own directory;
     * with {@code appendOnly}, every write is fsynced to an append-only file there, so a killed
     * server restarted on the same port and directory has everything it acknowledged.
     */
    static final class RedisServer {

        final Path dir;
        final boolean appendOnly;
        final int port;
        Process process;

        private RedisServer(Path dir, boolean appendOnly, int port) {
            this.dir = dir;
            this.appendOnly = appendOnly;
            this.port = port;
        }

        static RedisServer start(Path dir, boolean appendOnly) throws Exception {
            requireInstalled();
            IllegalStateException failure = null;
            for (int tries = 0; tries < 5; tries++) {
                RedisServer server = new RedisServer(dir, appendOnly, freePort());
                try {
                    server.startProcess();
                    return server;
                } catch (IllegalStateException e) { // the port was taken in between: another one
                    server.stop();
                    failure = e;
                }
            }
            throw failure;
        }

        String uri() {
            return "redis://127.0.0.1:" + port;
        }

        static void requireInstalled() {
            io.antelopekit.test.ExternalProgram.require("redis-server",
                    "RedisSessionStorageTest runs against a real Redis server it starts; apt-get install redis-server"
                    + " (.ci/run does)");
        }

        static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        void startProcess() throws Exception {
            List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--daemonize", "no", "--dir", dir.toString()));
            command.addAll(appendOnly ? List.of("--appendonly", "yes", "--appendfsync", "always")
                    : List.of("--appendonly", "no"));
            Path log = dir.resolve("redis-" + port + ".log");
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                if (ping()) {
                    return;
                }
                Thread.sleep(50); // a child process starting: nothing to wait on but its port answering
            }
            throw new IllegalStateException("redis-server on port " + port + " did not answer PING:\n" + Files.readString(log));
        }

        boolean ping() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                return "+PONG".equals(line);
            } catch (IOException e) {
                return false;
            }
        }

        /** Kills the server at once (SIGKILL), as a crash would. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }

        void restart() throws Exception {
            startProcess();
        }

        void stop() {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
