package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.redis.RedisSessionStorage;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.test.MutableClock;
import io.antelopekit.test.RedisProcess;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * A {@link SessionKit} of the {@link StorageLayout#PER_SESSION} layout, through its public API,
 * on each of the library's stores: in memory, in a file and in Redis (a {@code redis-server} this
 * class starts on a free port). Logins need no node: the chain and permission are given and the
 * private-key wallet answers. The memory and file stores' times to live run on a clock the test
 * moves; Redis keeps its own time, so its expiry test waits for a short time to live.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionKitPerSessionTest {

    enum Store { MEMORY, FILE, REDIS }

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String APP = "pertest";
    static final ChainDefinition CHAIN_A = new ChainDefinition(
            Checksum256.hash("antelopekit per-session chain A".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:9"), "Per A", null, "4,EOS");
    static final ChainDefinition CHAIN_B = new ChainDefinition(
            Checksum256.hash("antelopekit per-session chain B".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:9"), "Per B", null, "4,EOS");

    static RedisProcess redis;
    static Path redisDir;
    static int applications;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final List<SessionKit> kits = new ArrayList<>();
    final List<RedisSessionStorage> redisStores = new ArrayList<>();

    @AfterEach
    void close() {
        kits.forEach(SessionKit::dispose);
        Flux.fromIterable(redisStores).flatMap(RedisSessionStorage::close).then().block(TIMEOUT);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /** A new, empty store of kind {@code store} (a Redis store of an application of its own). */
    ReactiveSessionStorage storage(Store store) throws Exception {
        switch (store) {
            case MEMORY:
                return ReactiveSessionStorage.inMemory(clock);
            case FILE:
                return ReactiveSessionStorage.file(dir.resolve("sessions.json"), clock);
            default:
                synchronized (SessionKitPerSessionTest.class) {
                    if (redis == null) {
                        redisDir = java.nio.file.Files.createTempDirectory("per-session-redis");
                        redis = RedisProcess.start(redisDir); // skipped with a message when absent
                    }
                }
                RedisSessionStorage s = RedisSessionStorage.builder().uri(redis.uri())
                        .application("per" + ++applications).build();
                redisStores.add(s);
                return s;
        }
    }

    SessionKit kit(ReactiveSessionStorage storage, Duration ttl) {
        SessionKit kit = SessionKit.builder().appName(APP).chains(CHAIN_A, CHAIN_B).ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .storage(storage).storageLayout(StorageLayout.PER_SESSION).sessionTtl(ttl).build();
        kits.add(kit);
        return kit;
    }

    static <T> T await(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel()).block(TIMEOUT);
    }

    static LoginOptions login(ChainDefinition chain, String actor, boolean setAsDefault) {
        return LoginOptions.builder().chain(chain).permissionLevel(actor + "@active").setAsDefault(setAsDefault).build();
    }

    static List<String> who(List<SerializedSession> list) {
        return list.stream().map(s -> s.actor() + (Boolean.TRUE.equals(s.isDefault()) ? "*" : "")).toList();
    }

    static String sessionKey(ChainDefinition chain, String actor) {
        return APP + "/session/" + chain.id() + "/" + actor + "@active";
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void loginRestoreAndLogoutEachChangeTheirSessionsKeysOnly(Store store) throws Exception {
        ReactiveSessionStorage storage = storage(store);
        SessionKit kit = kit(storage, null);
        assertThat(kit.storageLayout()).isEqualTo(StorageLayout.PER_SESSION);
        assertThat(kit.sessionTtl()).isEmpty();

        await(kit.login(login(CHAIN_B, "carol", true)));
        await(kit.login(login(CHAIN_A, "bob", false)));
        await(kit.login(login(CHAIN_A, "alice", true)));

        assertThat(await(storage.keys("").collectSortedList())).containsExactlyInAnyOrder(
                sessionKey(CHAIN_A, "alice"), sessionKey(CHAIN_A, "bob"), sessionKey(CHAIN_B, "carol"),
                APP + "/default/" + CHAIN_A.id(), APP + "/default/" + CHAIN_B.id(), APP + "/current");
        assertThat(await(storage.read(APP + "/current"))).isEqualTo(sessionKey(CHAIN_A, "alice"));
        List<SerializedSession> sessions = await(kit.getSessions().collectList());
        assertThat(sessions).extracting(SerializedSession::chain)
                .isSortedAccordingTo(String::compareTo);
        assertThat(who(sessions)).containsExactlyInAnyOrder("carol*", "alice*", "bob");

        assertThat(await(kit.restore()).permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(await(kit.restore(RestoreArgs.of(CHAIN_A.id()).withActor("bob"))).actor().toString()).isEqualTo("bob");
        assertThat(await(kit.restore(RestoreArgs.of(CHAIN_B.id()))).actor().toString()).isEqualTo("carol");
        assertThat(await(kit.restoreAll().collectList())).hasSize(3);

        Session alice = await(kit.restore(RestoreArgs.of(CHAIN_A.id()).withActor("alice").withPermission("active")));
        await(kit.logout(alice).thenReturn(true));
        assertThat(await(storage.read(sessionKey(CHAIN_A, "alice")))).isNull();
        assertThat(await(storage.read(APP + "/current"))).isNull();
        assertThat(await(storage.read(APP + "/default/" + CHAIN_A.id()))).isNull();
        assertThat(await(kit.restore().map(s -> true).defaultIfEmpty(false))).isFalse();
        assertThat(await(kit.restore(RestoreArgs.of(CHAIN_A.id())).map(s -> true).defaultIfEmpty(false))).isFalse();

        await(kit.logout().thenReturn(true));
        assertThat(await(storage.keys("").collectList())).isEmpty();
    }

    /** Many logins at once, on two chains: each is stored, and each chain keeps one default. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrentLoginsLoseNothing(Store store) throws Exception {
        SessionKit kit = kit(storage(store), null);
        int n = 60;
        await(Flux.range(0, n)
                .flatMap(i -> kit.login(login(i % 2 == 0 ? CHAIN_A : CHAIN_B, SessionKitCrashTest.actor(i), i % 3 == 0))
                        .subscribeOn(Schedulers.parallel()), 16)
                .then(Mono.just(true)));

        List<SerializedSession> sessions = await(kit.getSessions().collectList());
        assertThat(sessions).hasSize(n);
        assertThat(sessions.stream().filter(s -> Boolean.TRUE.equals(s.isDefault())).map(SerializedSession::chain))
                .containsExactlyInAnyOrder(CHAIN_A.id().toString(), CHAIN_B.id().toString());
        Session current = await(kit.restore());
        assertThat(current).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"MEMORY", "FILE"})
    void eachSessionExpiresOnItsOwnAndARestoreStartsItAgain(Store store) throws Exception {
        ReactiveSessionStorage storage = storage(store);
        SessionKit kit = kit(storage, Duration.ofDays(30));
        assertThat(kit.sessionTtl()).contains(Duration.ofDays(30));
        await(kit.login(login(CHAIN_A, "alice", true)));
        await(kit.login(login(CHAIN_A, "bob", false)));

        clock.advance(Duration.ofDays(20));
        await(kit.restore(RestoreArgs.of(CHAIN_A.id()).withActor("bob").withPermission("active")));
        assertThat(who(await(kit.getSessions().collectList()))).containsExactly("alice*", "bob");

        clock.advance(Duration.ofDays(20));
        // alice expired: she is neither listed nor the chain's default nor the current session
        assertThat(who(await(kit.getSessions().collectList()))).containsExactly("bob");
        assertThat(await(kit.restore().map(s -> true).defaultIfEmpty(false))).isFalse();
        assertThat(await(kit.restore(RestoreArgs.of(CHAIN_A.id())).map(s -> true).defaultIfEmpty(false))).isFalse();
        // a listing does not keep sessions alive
        await(kit.restoreAll().collectList());
        clock.advance(Duration.ofDays(15));
        assertThat(await(kit.getSessions().collectList())).isEmpty();
    }

    /** Redis expires the session's key itself: the one wait of this class, for a time to live of 700 ms. */
    @Test
    void inRedisEachSessionKeyExpiresOnItsOwn() throws Exception {
        RedisSessionStorage storage = (RedisSessionStorage) storage(Store.REDIS);
        SessionKit kit = kit(storage, Duration.ofMillis(700));
        await(kit.login(login(CHAIN_A, "alice", true)));
        await(kit.login(LoginOptions.builder().chain(CHAIN_A).permissionLevel("bob@active").setAsDefault(false).build()));
        RedisClient inspector = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = inspector.connect()) {
            RedisCommands<String, String> cli = connection.sync();
            assertThat(cli.pttl(storage.redisKey(sessionKey(CHAIN_A, "alice")))).isBetween(1L, 700L);
            assertThat(cli.pttl(storage.redisKey(APP + "/current"))).as("pointers do not expire").isEqualTo(-1L);

            Thread.sleep(400); // Redis expires keys on its own clock: only real time passes for it
            await(kit.restore(RestoreArgs.of(CHAIN_A.id()).withActor("bob").withPermission("active")));
            assertThat(cli.pttl(storage.redisKey(sessionKey(CHAIN_A, "bob")))).as("refreshed").isGreaterThan(500L);
            Thread.sleep(450); // past alice's 700 ms, within bob's refreshed ones

            assertThat(who(await(kit.getSessions().collectList()))).containsExactly("bob");
            assertThat(await(kit.restore().map(s -> true).defaultIfEmpty(false))).isFalse();
        } finally {
            inspector.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    @Test
    void wrongSettingsAreNamedAtBuild() {
        ReactiveSessionStorage cannotList = new ReactiveSessionStorage() {
            final ReactiveSessionStorage inner = ReactiveSessionStorage.inMemory();

            @Override
            public Mono<Void> write(String key, String value) {
                return inner.write(key, value);
            }

            @Override
            public Mono<String> read(String key) {
                return inner.read(key);
            }

            @Override
            public Mono<Void> remove(String key) {
                return inner.remove(key);
            }

            @Override
            public String toString() {
                return "PlainStore";
            }
        };
        SessionKit.Builder b = SessionKit.builder().appName(APP).chains(CHAIN_A).ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()));
        assertThatThrownBy(() -> b.storage(cannotList).storageLayout(StorageLayout.PER_SESSION).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("storageLayout PER_SESSION needs a storage that can list its keys, and PlainStore"
                        + " cannot");
        assertThatThrownBy(() -> b.storage(ReactiveSessionStorage.inMemory()).storageLayout(StorageLayout.WHARFKIT)
                .sessionTtl(Duration.ofDays(1)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessionTtl needs storageLayout(PER_SESSION)");
        ReactiveSessionStorage listsButCannotExpire = new Delegating(ReactiveSessionStorage.inMemory()) {
            @Override
            public boolean canExpireKeys() {
                return false;
            }
        };
        assertThatThrownBy(() -> b.storage(listsButCannotExpire).storageLayout(StorageLayout.PER_SESSION)
                .sessionTtl(Duration.ofDays(1)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessionTtl needs a storage that can expire keys");
        assertThatThrownBy(() -> b.sessionTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        SessionKit plain = b.storage(listsButCannotExpire).sessionTtl(null).build();
        kits.add(plain);
        assertThat(plain.storageLayout()).isEqualTo(StorageLayout.PER_SESSION);
        SessionKit wharfKit = SessionKit.builder().appName(APP).chains(CHAIN_A).ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        kits.add(wharfKit);
        assertThat(wharfKit.storageLayout()).isEqualTo(StorageLayout.WHARFKIT);
    }

    /** The migration both ways on Redis, with kits of each layout reading what it moved. */
    @Test
    void aRedisStoreMovesFromWharfKitsLayoutToPerSessionAndBack() throws Exception {
        ReactiveSessionStorage storage = storage(Store.REDIS);
        SessionKit old = SessionKit.builder().appName(APP).chains(CHAIN_A, CHAIN_B).ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).storage(storage).build();
        kits.add(old);
        await(old.login(login(CHAIN_B, "carol", true)));
        await(old.login(login(CHAIN_A, "bob", false)));
        await(old.login(login(CHAIN_A, "alice", true)));
        List<SerializedSession> before = await(old.getSessions().collectList());

        assertThat(await(SessionKit.migrateStorage(storage, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)))
                .isEqualTo(3);
        assertThat(await(SessionKit.migrateStorage(storage, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)))
                .isZero();

        SessionKit perSession = kit(storage, null);
        assertThat(await(perSession.getSessions().collectList())).isEqualTo(before);
        assertThat(await(perSession.restore()).actor().toString()).isEqualTo("alice");
        assertThat(await(storage.read(SessionKit.SESSIONS_KEY))).isNull();
        await(perSession.login(login(CHAIN_B, "dave", false)));

        assertThat(await(SessionKit.migrateStorage(storage, APP, StorageLayout.PER_SESSION, StorageLayout.WHARFKIT)))
                .isEqualTo(4);
        assertThat(who(await(old.getSessions().collectList()))).containsExactlyInAnyOrder("carol*", "dave", "alice*",
                "bob");
        assertThat(await(old.restore()).actor().toString()).isEqualTo("alice");
        assertThat(await(storage.keys("").collectList())).containsExactlyInAnyOrder(SessionKit.SESSION_KEY,
                SessionKit.SESSIONS_KEY);
    }

    /** A Redis store is migrated by a run that was stopped half-way and run again. */
    @Test
    void aRedisMigrationStoppedHalfWayIsFinishedByTheNextRun() throws Exception {
        ReactiveSessionStorage storage = storage(Store.REDIS);
        SessionKit old = SessionKit.builder().appName(APP).chains(CHAIN_A).ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).storage(storage).build();
        kits.add(old);
        int n = LayoutMigration.GROUP + 20;
        await(Flux.range(0, n).concatMap(i -> old.login(login(CHAIN_A, SessionKitCrashTest.actor(i), i == 0)))
                .then(Mono.just(true)));
        // the first run fails after its first group of sessions, as a crash would stop it
        int[] groups = {0};
        ReactiveSessionStorage failing = new Delegating(storage) {
            @Override
            public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
                    Map<String, Duration> ttl) {
                if (keys.stream().anyMatch(k -> k.startsWith(APP + "/session/")) && groups[0]++ == 1) {
                    return Mono.error(new IllegalStateException("stopped"));
                }
                return super.updateAll(keys, change, ttl);
            }
        };
        StepVerifier.create(SessionKit.migrateStorage(failing, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION))
                .expectErrorMessage("stopped").verify(TIMEOUT);
        assertThat(await(storage.keys(APP + "/session/").count())).isEqualTo(LayoutMigration.GROUP);
        assertThat(await(storage.read(SessionKit.SESSIONS_KEY))).isNotNull();

        assertThat(await(SessionKit.migrateStorage(storage, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)))
                .isEqualTo(20);
        SessionKit perSession = kit(storage, null);
        assertThat(await(perSession.getSessions().collectList())).hasSize(n);
        assertThat(await(perSession.restore()).actor().toString()).isEqualTo(SessionKitCrashTest.actor(0));
        assertThat(await(storage.read(SessionKit.SESSIONS_KEY))).isNull();
    }

    /** A store that passes every call on. */
    static class Delegating implements ReactiveSessionStorage {
        final ReactiveSessionStorage inner;

        Delegating(ReactiveSessionStorage inner) {
            this.inner = inner;
        }

        @Override
        public Mono<Void> write(String key, String value) {
            return inner.write(key, value);
        }

        @Override
        public Mono<String> read(String key) {
            return inner.read(key);
        }

        @Override
        public Mono<Void> remove(String key) {
            return inner.remove(key);
        }

        @Override
        public Mono<String> update(String key, UnaryOperator<String> change) {
            return inner.update(key, change);
        }

        @Override
        public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change) {
            return inner.updateAll(keys, change);
        }

        @Override
        public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
                Map<String, Duration> ttl) {
            return inner.updateAll(keys, change, ttl);
        }

        @Override
        public boolean canExpireKeys() {
            return inner.canExpireKeys();
        }

        @Override
        public Flux<String> keys(String prefix) {
            return inner.keys(prefix);
        }

        @Override
        public boolean canListKeys() {
            return inner.canListKeys();
        }
    }
}
