package io.antelopekit.session;

import static io.antelopekit.session.StoredSessionsTest.A;
import static io.antelopekit.session.StoredSessionsTest.B;
import static io.antelopekit.session.StoredSessionsTest.TIMEOUT;
import static io.antelopekit.session.StoredSessionsTest.await;
import static io.antelopekit.session.StoredSessionsTest.read;
import static io.antelopekit.session.StoredSessionsTest.session;
import static io.antelopekit.session.StoredSessionsTest.who;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.storage.ReactiveSessionStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link SessionKit#migrateStorage} both ways on real stores (in memory and in a file): every
 * session, default and current session arrives, the old layout is gone, a second run moves
 * nothing, a run that stopped half-way is finished by the next, and a change meanwhile is kept.
 */
class LayoutMigrationTest {

    enum Store { MEMORY, FILE }

    static final String APP = "app";

    @TempDir
    Path dir;

    final PerSessionLayoutTest.TestClock clock = new PerSessionLayoutTest.TestClock();

    ReactiveSessionStorage storage(Store store) {
        return store == Store.MEMORY ? ReactiveSessionStorage.inMemory(clock)
                : ReactiveSessionStorage.file(dir.resolve("sessions.json"), clock);
    }

    static List<String> keys(ReactiveSessionStorage storage) {
        return await(storage.keys("").collectSortedList());
    }

    static int migrate(ReactiveSessionStorage storage, StorageLayout from, StorageLayout to) {
        return await(SessionKit.migrateStorage(storage, APP, from, to));
    }

    /** Three sessions on two chains; alice is A's default and the current session, carol B's default. */
    static void fill(StoredSessions stored) {
        await(stored.put(session(B, "carol", "active", "w", "1"), true));
        await(stored.put(session(A, "bob", "active", "w", "1"), false));
        await(stored.put(session(A, "alice", "active", "w", "1"), true));
    }

    static void expectFilled(StoredSessions stored) {
        assertThat(who(await(stored.list()))).containsExactly("carol@active*", "alice@active*", "bob@active");
        assertThat(await(stored.current()).actor()).isEqualTo("alice");
        assertThat(await(stored.current()).walletPlugin().data()).isEqualTo(StoredSessionsTest.json("{\"v\":\"1\"}"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void wharfKitToPerSessionAndBackKeepsEverySessionDefaultAndTheCurrentOne(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions wharfKit = new StoredSessions(storage);
        StoredSessions perSession = new StoredSessions(storage, StorageLayout.PER_SESSION, APP, null);
        fill(wharfKit);

        assertThat(migrate(storage, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)).isEqualTo(3);

        expectFilled(perSession);
        assertThat(read(storage, SessionKit.SESSION_KEY)).isNull();
        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isNull();
        assertThat(keys(storage)).hasSize(6).allMatch(k -> k.startsWith(APP + "/"));
        assertThat(migrate(storage, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)).as("again").isZero();

        assertThat(migrate(storage, StorageLayout.PER_SESSION, StorageLayout.WHARFKIT)).isEqualTo(3);

        expectFilled(wharfKit);
        assertThat(keys(storage)).containsExactly(SessionKit.SESSION_KEY, SessionKit.SESSIONS_KEY);
        assertThat(migrate(storage, StorageLayout.PER_SESSION, StorageLayout.WHARFKIT)).as("again").isZero();
        assertThat(migrate(storage, StorageLayout.WHARFKIT, StorageLayout.WHARFKIT)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aRunThatStoppedAfterWritingTheNewLayoutIsFinishedByTheNext(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions wharfKit = new StoredSessions(storage);
        StoredSessions perSession = new StoredSessions(storage, StorageLayout.PER_SESSION, APP, null);
        fill(wharfKit);
        // what a run that crashed before removing the old layout left: some of the new layout written
        PerSessionLayout layout = new PerSessionLayout(storage, APP, null);
        SerializedSession bob = session(A, "bob", "active", "w", "1");
        PerSessionLayoutTest.done(storage.write(layout.sessionKey(StoredSessions.Key.of(bob)), PerSessionLayout.json(bob)));

        assertThat(migrate(storage, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)).as("the two left").isEqualTo(2);
        expectFilled(perSession);
        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isNull();

        // the other way: the WharfKit list written, some per-session keys not yet removed
        fill(wharfKit);
        assertThat(migrate(storage, StorageLayout.PER_SESSION, StorageLayout.WHARFKIT)).as("already listed").isZero();
        expectFilled(wharfKit);
        assertThat(keys(storage)).containsExactly(SessionKit.SESSION_KEY, SessionKit.SESSIONS_KEY);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void whatTheNewLayoutAlreadyHoldsIsNewerAndStays(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions wharfKit = new StoredSessions(storage);
        StoredSessions perSession = new StoredSessions(storage, StorageLayout.PER_SESSION, APP, null);
        fill(wharfKit);
        // a kit of the new layout logged bob in again (as the default) before the migration ran
        await(perSession.put(session(A, "bob", "active", "w", "newer"), true));

        assertThat(migrate(storage, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)).isEqualTo(2);

        assertThat(who(await(perSession.list()))).containsExactly("carol@active*", "alice@active", "bob@active*");
        assertThat(await(perSession.current()).walletPlugin().data()).isEqualTo(StoredSessionsTest.json("{\"v\":\"newer\"}"));
    }

    /** A kit of the old layout logging in while the migration runs: the run fails and nothing is lost. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void aChangeOfTheOldLayoutMeanwhileFailsTheRunAndARunAgainMovesIt(Store store) {
        ReactiveSessionStorage plain = storage(store);
        StoredSessions wharfKit = new StoredSessions(plain);
        fill(wharfKit);
        // the store logs dave in (old layout) just before the migration writes its first session
        boolean[] once = {false};
        ReactiveSessionStorage meddling = new PerSessionLayoutTest.Counting(plain) {
            @Override
            public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
                    Map<String, Duration> ttl) {
                if (!once[0] && keys.stream().anyMatch(k -> k.startsWith(APP + "/session/"))) {
                    once[0] = true;
                    return wharfKit.put(session(B, "dave", "active", "w", "1"), false)
                            .then(super.updateAll(keys, change, ttl));
                }
                return super.updateAll(keys, change, ttl);
            }
        };

        StepVerifier.create(SessionKit.migrateStorage(meddling, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("run the migration again"))
                .verify(TIMEOUT);
        assertThat(who(await(wharfKit.list()))).as("the old layout stays").hasSize(4);

        assertThat(migrate(plain, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)).as("dave").isEqualTo(1);
        StoredSessions perSession = new StoredSessions(plain, StorageLayout.PER_SESSION, APP, null);
        assertThat(who(await(perSession.list()))).containsExactly("carol@active*", "dave@active", "alice@active*",
                "bob@active");
        assertThat(read(plain, SessionKit.SESSIONS_KEY)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void sessionsMovedWithATimeToLiveExpire(Store store) {
        ReactiveSessionStorage storage = storage(store);
        fill(new StoredSessions(storage));

        assertThat(await(SessionKit.migrateStorage(storage, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION,
                Duration.ofDays(7)))).isEqualTo(3);
        StoredSessions perSession = new StoredSessions(storage, StorageLayout.PER_SESSION, APP, null);
        assertThat(await(perSession.list())).hasSize(3);
        clock.advance(Duration.ofDays(8));
        assertThat(await(perSession.list())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aCorruptOldLayoutIsAnErrorAndNothingMoves(Store store) {
        ReactiveSessionStorage storage = storage(store);
        PerSessionLayoutTest.done(storage.write(SessionKit.SESSIONS_KEY, "{}"));

        StepVerifier.create(SessionKit.migrateStorage(storage, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION))
                .expectError(SessionException.class)
                .verify(TIMEOUT);
        assertThat(keys(storage)).containsExactly(SessionKit.SESSIONS_KEY);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void badArgumentsAreRefusedAtOnce(Store store) {
        ReactiveSessionStorage storage = storage(store);
        assertThatThrownBy(() -> SessionKit.migrateStorage(storage, "", StorageLayout.WHARFKIT, StorageLayout.PER_SESSION))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKit.migrateStorage(storage, APP, StorageLayout.PER_SESSION, StorageLayout.WHARFKIT,
                Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKit.migrateStorage(storage, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKit.migrateStorage(null, APP, StorageLayout.WHARFKIT, StorageLayout.PER_SESSION))
                .isInstanceOf(NullPointerException.class);
    }
}
