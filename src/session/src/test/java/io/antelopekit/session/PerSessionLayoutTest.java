package io.antelopekit.session;

import static io.antelopekit.session.StoredSessionsTest.A;
import static io.antelopekit.session.StoredSessionsTest.B;
import static io.antelopekit.session.StoredSessionsTest.TIMEOUT;
import static io.antelopekit.session.StoredSessionsTest.await;
import static io.antelopekit.session.StoredSessionsTest.json;
import static io.antelopekit.session.StoredSessionsTest.read;
import static io.antelopekit.session.StoredSessionsTest.session;
import static io.antelopekit.session.StoredSessionsTest.who;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.storage.ReactiveSessionStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The per-session layout on real stores (in memory and in a file), their times to live on a
 * clock the test moves: which keys a change touches and what they hold, the defaults and the
 * current session, listing by prefix, expiry, and that each operation reads and writes a few keys
 * whatever the number of sessions stored.
 */
class PerSessionLayoutTest {

    enum Store { MEMORY, FILE }

    static final String APP = "my/app%";
    /** The app name escaped as the keys start with it. */
    static final String ROOT = "my%2Fapp%25/";
    static final Duration TTL = Duration.ofDays(30);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A store that counts the keys its operations read and change (it passes every call on). */
    static class Counting implements ReactiveSessionStorage {
        final ReactiveSessionStorage inner;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger changed = new AtomicInteger();
        final AtomicInteger listings = new AtomicInteger();

        Counting(ReactiveSessionStorage inner) {
            this.inner = inner;
        }

        @Override
        public Mono<Void> write(String key, String value) {
            changed.incrementAndGet();
            return inner.write(key, value);
        }

        @Override
        public Mono<String> read(String key) {
            reads.incrementAndGet();
            return inner.read(key);
        }

        @Override
        public Mono<Void> remove(String key) {
            changed.incrementAndGet();
            return inner.remove(key);
        }

        @Override
        public Mono<Map<String, String>> updateAll(Set<String> keys,
                java.util.function.UnaryOperator<Map<String, String>> change) {
            changed.addAndGet(keys.size());
            return inner.updateAll(keys, change);
        }

        @Override
        public Mono<Map<String, String>> updateAll(Set<String> keys,
                java.util.function.UnaryOperator<Map<String, String>> change, Map<String, Duration> ttl) {
            changed.addAndGet(keys.size());
            return inner.updateAll(keys, change, ttl);
        }

        @Override
        public Flux<String> keys(String prefix) {
            listings.incrementAndGet();
            return inner.keys(prefix);
        }

        @Override
        public boolean canListKeys() {
            return true;
        }

        @Override
        public boolean canExpireKeys() {
            return true;
        }

        int touched() {
            return reads.get() + changed.get() + listings.get();
        }

        void reset() {
            reads.set(0);
            changed.set(0);
            listings.set(0);
        }
    }

    @TempDir
    Path dir;

    final TestClock clock = new TestClock();

    ReactiveSessionStorage storage(Store store) {
        return store == Store.MEMORY ? ReactiveSessionStorage.inMemory(clock)
                : ReactiveSessionStorage.file(dir.resolve("sessions.json"), clock);
    }

    static StoredSessions perSession(ReactiveSessionStorage storage, Duration ttl) {
        return new StoredSessions(storage, StorageLayout.PER_SESSION, APP, ttl);
    }

    static String key(String chain, String actor) {
        return ROOT + "session/" + chain + "/" + actor + "@active";
    }

    static void done(Mono<?> mono) {
        StepVerifier.create(mono.then()).expectComplete().verify(TIMEOUT);
    }

    static List<String> keys(ReactiveSessionStorage storage) {
        return await(storage.keys("").collectSortedList());
    }

    static StoredSessions.Key k(String chain, String actor) {
        return new StoredSessions.Key(Checksum256.from(chain), Name.from(actor), Name.from("active"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aSessionIsOneKeyOfItsJsonAndTheDefaultAndCurrentArePointersToIt(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, null);
        SerializedSession alice = new SerializedSession(A, "alice", "active",
                new SerializedSession.WalletData("wallet-a", json("{\"k\":1}")), json("{\"app\":\"x\"}"), true);

        assertThat(await(stored.put(alice, true))).isEmpty();

        assertThat(keys(storage)).containsExactly(ROOT + "current", ROOT + "default/" + A, key(A, "alice"));
        assertThat(read(storage, key(A, "alice"))).isEqualTo("{\"chain\":\"" + A + "\",\"actor\":\"alice\","
                + "\"permission\":\"active\",\"walletPlugin\":{\"id\":\"wallet-a\",\"data\":{\"k\":1}},\"data\":{\"app\":\"x\"}}");
        assertThat(read(storage, ROOT + "default/" + A)).isEqualTo(key(A, "alice"));
        assertThat(read(storage, ROOT + "current")).isEqualTo(key(A, "alice"));
        assertThat(await(stored.current())).isEqualTo(alice.withDefault(true));
        assertThat(await(stored.list())).containsExactly(alice.withDefault(true));
        // nothing of WharfKit's layout
        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void theListIsInStorageOrderWithOneDefaultPerChainAndTheCurrentIsTheLastDefault(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, null);
        assertThat(await(stored.list())).isEmpty();
        StepVerifier.create(stored.current()).expectComplete().verify(TIMEOUT);

        await(stored.put(session(A, "bob", "active", "w", "1"), false));
        await(stored.put(session(A, "alice1", "active", "w", "1"), true));
        await(stored.put(session(B, "carol", "active", "w", "1"), true));
        Optional<StoredSessions.Key> before = await(stored.put(session(A, "alice", "active", "w", "1"), true));
        await(stored.put(session(A, "alice", "owner", "w", "1"), false));

        assertThat(before).contains(k(A, "alice1"));
        List<SerializedSession> list = await(stored.list());
        assertThat(list).extracting(SerializedSession::chain).containsExactly(B, A, A, A, A);
        // "alice" before "alice1", as WharfKit sorts (the keys sort "alice1@" first)
        assertThat(who(list)).containsExactly("carol@active*", "alice@active*", "alice@owner", "alice1@active",
                "bob@active");
        assertThat(await(stored.current()).actor()).isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void storedAgainWithoutDefaultASessionKeepsItsDefaultAndStaysCurrent(Store store) {
        StoredSessions stored = perSession(storage(store), null);
        await(stored.put(session(A, "alice", "active", "w", "old"), true));

        Optional<StoredSessions.Key> before = await(stored.put(session(A, "alice", "active", "w", "new"), false));

        assertThat(before).contains(k(A, "alice"));
        assertThat(who(await(stored.list()))).containsExactly("alice@active*");
        SerializedSession current = await(stored.current());
        assertThat(current.isDefault()).isTrue();
        assertThat(current.walletPlugin().data()).isEqualTo(json("{\"v\":\"new\"}"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void removeTakesTheSessionAndThePointersToIt(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, null);
        await(stored.put(session(B, "carol", "active", "w", "1"), true));
        await(stored.put(session(A, "bob", "active", "w", "1"), false));
        await(stored.put(session(A, "alice", "active", "w", "1"), true));

        Optional<SerializedSession> bob = await(stored.remove(k(A, "bob")));
        assertThat(bob).map(SerializedSession::isDefault).contains(false);
        assertThat(await(stored.current()).actor()).isEqualTo("alice");

        Optional<SerializedSession> alice = await(stored.remove(k(A, "alice")));
        assertThat(alice).map(SerializedSession::isDefault).contains(true);
        assertThat(keys(storage)).containsExactly(ROOT + "default/" + B, key(B, "carol"));
        StepVerifier.create(stored.current()).expectComplete().verify(TIMEOUT);

        assertThat(await(stored.remove(k(A, "dave")))).isEmpty();
        assertThat(who(await(stored.list()))).containsExactly("carol@active*");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void removeAllTakesWhatThePredicateAcceptsWithItsPointers(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, null);
        await(stored.put(session(A, "bob", "active", "other", "1"), false));
        await(stored.put(session(B, "carol", "active", "mine", "1"), true));
        await(stored.put(session(A, "alice", "active", "mine", "1"), true));

        List<SerializedSession> gone = await(stored.removeAll(s -> s.walletPlugin().id().equals("mine")));

        assertThat(who(gone)).containsExactly("carol@active*", "alice@active*");
        assertThat(keys(storage)).containsExactly(key(A, "bob"));
        assertThat(who(await(stored.removeAll(s -> true)))).containsExactly("bob@active");
        assertThat(keys(storage)).isEmpty();
        assertThat(await(stored.removeAll(s -> true))).isEmpty();
    }

    /** More sessions than one group of a removeAll: each group is one update. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void removeAllOfManySessionsGoesInGroups(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, null);
        int n = PerSessionLayout.GROUP * 2 + 10;
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            SerializedSession s = session(i % 2 == 0 ? A : B, actor(i), "active", "w", "1");
            values.put(key(s.chain(), s.actor()), PerSessionLayout.json(s));
        }
        await(storage.updateAll(values.keySet(), old -> values));
        await(stored.put(session(A, "zed", "active", "w", "1"), true));
        assertThat(await(stored.list())).hasSize(n + 1);

        List<SerializedSession> gone = await(stored.removeAll(s -> !s.actor().equals("zed")));

        assertThat(gone).hasSize(n);
        assertThat(keys(storage)).containsExactly(ROOT + "current", ROOT + "default/" + A, key(A, "zed"));
    }

    static String actor(int i) {
        return "user" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + (char) ('a' + i / 676);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void candidatesAreFoundByKeyByDefaultPointerOrByPrefix(Store store) {
        StoredSessions stored = perSession(storage(store), null);
        await(stored.put(session(A, "alice", "active", "anchor", "1"), false));
        await(stored.put(session(A, "alice", "owner", "anchor", "1"), true));
        await(stored.put(session(A, "alicia", "active", "anchor", "1"), false));
        await(stored.put(session(A, "bob", "active", "cloud", "1"), false));
        await(stored.put(session(B, "carol", "active", "cloud", "1"), true));
        RestoreArgs onA = RestoreArgs.of(Checksum256.from(A));

        assertThat(who(await(stored.candidates(onA.withActor("alice").withPermission("active")))))
                .containsExactly("alice@active");
        assertThat(who(await(stored.candidates(onA)))).containsExactly("alice@owner*");
        assertThat(who(await(stored.candidates(onA.withActor("alice"))))).containsExactly("alice@active", "alice@owner*");
        // a permission alone, or a wallet alone, cannot be told by key: every session of the chain
        assertThat(who(await(stored.candidates(onA.withPermission("active")))))
                .containsExactly("alice@active", "alice@owner*", "alicia@active", "bob@active");
        assertThat(who(await(stored.candidates(onA.withWalletPlugin("cloud"))))).hasSize(4);
        assertThat(await(stored.candidates(onA.withActor("zed").withPermission("active")))).isEmpty();
        assertThat(await(stored.candidates(RestoreArgs.of(Checksum256.from(B)).withActor("alice")))).isEmpty();
        assertThat(Restorer.find(await(stored.candidates(onA.withActor("alice"))), onA.withActor("alice")).permission())
                .isEqualTo("owner");
        assertThat(Restorer.find(await(stored.candidates(onA.withWalletPlugin("cloud"))), onA.withWalletPlugin("cloud"))
                .actor()).isEqualTo("bob");
    }

    /**
     * What a login, a restore and a logout touch: the same few keys with 3 sessions stored as with
     * 1,000; only listings (every session, or a chain's sessions) grow with them.
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void loginRestoreAndLogoutTouchAFewKeysWhateverIsStored(Store store) {
        List<Integer> costs = new ArrayList<>();
        for (int n : new int[] {3, 1000}) {
            Counting storage = new Counting(store == Store.MEMORY ? ReactiveSessionStorage.inMemory(clock)
                    : ReactiveSessionStorage.file(dir.resolve("count-" + n + ".json"), clock));
            StoredSessions stored = perSession(storage, TTL);
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                SerializedSession s = session(A, actor(i), "active", "w", "1");
                values.put(key(A, s.actor()), PerSessionLayout.json(s));
            }
            await(storage.inner.updateAll(values.keySet(), old -> values));
            storage.reset();

            await(stored.put(session(A, "alice", "active", "w", "1"), true));
            await(stored.candidates(RestoreArgs.of(Checksum256.from(A)).withActor("alice").withPermission("active")));
            done(stored.touch(k(A, "alice")));
            await(stored.candidates(RestoreArgs.of(Checksum256.from(A))));
            await(stored.current());
            await(stored.remove(k(A, "alice")));

            assertThat(storage.listings).as("listings").hasValue(0);
            costs.add(storage.touched());
        }
        assertThat(costs.get(1)).isEqualTo(costs.get(0)).isLessThan(20);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void eachSessionExpiresOnItsOwnAndALoginOrRestoreStartsItAgain(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, TTL);
        await(stored.put(session(A, "alice", "active", "w", "1"), true));
        clock.advance(Duration.ofDays(20));
        await(stored.put(session(A, "bob", "active", "w", "1"), false));
        await(stored.put(session(B, "carol", "active", "w", "1"), true));

        clock.advance(Duration.ofDays(20)); // alice's 30 days are up, bob's and carol's are not
        assertThat(who(await(stored.list()))).containsExactly("carol@active*", "bob@active");
        // the pointers to alice name nothing: chain A has no default, and the current session is carol
        assertThat(await(stored.candidates(RestoreArgs.of(Checksum256.from(A))))).isEmpty();
        assertThat(await(stored.current()).actor()).isEqualTo("carol");

        // a restore (touch) starts bob's life again; carol is left to expire
        done(stored.touch(k(A, "bob")));
        clock.advance(Duration.ofDays(15));
        assertThat(who(await(stored.list()))).containsExactly("bob@active");
        StepVerifier.create(stored.current()).expectComplete().verify(TIMEOUT);
        clock.advance(Duration.ofDays(20));
        assertThat(await(stored.list())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aSessionLoggedInAgainAfterItExpiredDoesNotInheritItsOldDefault(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, TTL);
        await(stored.put(session(A, "alice", "active", "w", "1"), true));
        clock.advance(TTL.plusDays(1));

        Optional<StoredSessions.Key> before = await(stored.put(session(A, "alice", "active", "w", "2"), false));

        assertThat(before).as("an expired default is none").isEmpty();
        assertThat(who(await(stored.list()))).containsExactly("alice@active");
        assertThat(read(storage, ROOT + "default/" + A)).isNull();
        assertThat(read(storage, ROOT + "current")).isNull();
        // set as default, an expired default before it is none too
        clock.advance(TTL.plusDays(1));
        assertThat(await(stored.put(session(A, "alice", "active", "w", "3"), true))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrentPutsLoseNothingAndEachChainKeepsOneDefault(Store store) {
        StoredSessions stored = perSession(storage(store), null);
        int n = 40;

        StepVerifier.create(Flux.range(0, n)
                        .flatMap(i -> stored.put(session(i % 2 == 0 ? A : B, actor(i), "active", "w", "1"), i % 5 == 0)
                                .subscribeOn(Schedulers.parallel()), n)
                        .then())
                .expectComplete()
                .verify(TIMEOUT);

        List<SerializedSession> list = await(stored.list());
        assertThat(list).hasSize(n);
        assertThat(list.stream().filter(s -> Boolean.TRUE.equals(s.isDefault())).map(SerializedSession::chain))
                .containsExactlyInAnyOrder(A, B);
        SerializedSession current = await(stored.current());
        assertThat(current.isDefault()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void whatIsNotASessionFailsAsSuchAndIsLeftAsItWas(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = perSession(storage, null);
        await(stored.put(session(A, "alice", "active", "w", "1"), true));
        done(storage.write(key(A, "bob"), "{\"chain\":\"" + A + "\",\"actor\":\"carol\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"w\"}}"));

        StepVerifier.create(stored.list())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("holds the session of carol@active"))
                .verify(TIMEOUT);
        done(storage.write(ROOT + "session/junk", "{}"));
        done(storage.remove(key(A, "bob")));
        StepVerifier.create(stored.list())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("'" + ROOT + "session/junk' is not the key of a session"))
                .verify(TIMEOUT);
        done(storage.write(ROOT + "current", "somewhere else"));
        StepVerifier.create(stored.current())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("'" + ROOT + "current' does not hold the key of a session"))
                .verify(TIMEOUT);
        assertThat(read(storage, ROOT + "session/junk")).isEqualTo("{}");
        // a login over an unreadable current pointer replaces it
        await(stored.put(session(A, "bob", "active", "w", "1"), true));
        assertThat(await(stored.current()).actor()).isEqualTo("bob");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void anotherAppsSessionsAreNotSeen(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions mine = perSession(storage, null);
        StoredSessions session = new StoredSessions(storage, StorageLayout.PER_SESSION, "my", null);
        StoredSessions wharfKit = new StoredSessions(storage);
        await(mine.put(session(A, "alice", "active", "w", "1"), true));
        await(session.put(session(A, "bob", "active", "w", "1"), true));
        await(wharfKit.put(session(A, "carol", "active", "w", "1"), true));

        assertThat(who(await(mine.list()))).containsExactly("alice@active*");
        assertThat(who(await(session.list()))).containsExactly("bob@active*");
        assertThat(who(await(wharfKit.list()))).containsExactly("carol@active*");
        assertThatThrownBy(() -> new StoredSessions(storage, StorageLayout.PER_SESSION, "", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
