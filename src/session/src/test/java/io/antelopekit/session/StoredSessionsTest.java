package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.storage.ReactiveSessionStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The WharfKit storage layout on real stores: in memory and in a file. */
class StoredSessionsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Sorts after {@link #B}: its sessions come last in the list. */
    static final String A = "aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906";
    static final String B = "73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d";

    enum Store { MEMORY, FILE }

    @TempDir
    Path dir;

    private ReactiveSessionStorage storage(Store store) {
        return store == Store.MEMORY ? ReactiveSessionStorage.inMemory()
                : ReactiveSessionStorage.file(dir.resolve("sessions.json"));
    }

    static SerializedSession session(String chain, String actor, String permission, String wallet, String data) {
        return new SerializedSession(chain, actor, permission,
                new SerializedSession.WalletData(wallet, json("{\"v\":\"" + data + "\"}")), null, null);
    }

    static JsonNode json(String text) {
        try {
            return StoredSessions.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static <T> T await(Mono<T> mono) {
        AtomicReference<T> out = new AtomicReference<>();
        StepVerifier.create(mono).consumeNextWith(out::set).expectComplete().verify(TIMEOUT);
        return out.get();
    }

    static String read(ReactiveSessionStorage storage, String key) {
        return await(storage.read(key).map(Optional::of).defaultIfEmpty(Optional.empty())).orElse(null);
    }

    static List<String> who(List<SerializedSession> list) {
        return list.stream().map(s -> s.actor() + "@" + s.permission() + (Boolean.TRUE.equals(s.isDefault()) ? "*" : ""))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aDefaultSessionIsStoredInWharfKitsExactShape(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = new StoredSessions(storage);
        SerializedSession alice = new SerializedSession(A, "alice", "active",
                new SerializedSession.WalletData("wallet-a", json("{\"k\":1}")), json("{\"app\":\"x\"}"), null);

        assertThat(await(stored.put(alice, true))).isEmpty();

        String entry = "{\"chain\":\"" + A + "\",\"actor\":\"alice\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"wallet-a\",\"data\":{\"k\":1}},\"data\":{\"app\":\"x\"},\"default\":true}";
        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isEqualTo("[" + entry + "]");
        assertThat(read(storage, SessionKit.SESSION_KEY)).isEqualTo(entry);
        assertThat(await(stored.current())).isEqualTo(alice.withDefault(true));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aSessionNotSetAsDefaultIsListedWithDefaultFalseAndLeavesTheCurrentOneAlone(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = new StoredSessions(storage);

        await(stored.put(session(A, "bob", "active", "w", "1"), false));

        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isEqualTo("[{\"chain\":\"" + A + "\",\"actor\":\"bob\","
                + "\"permission\":\"active\",\"walletPlugin\":{\"id\":\"w\",\"data\":{\"v\":\"1\"}},\"default\":false}]");
        assertThat(read(storage, SessionKit.SESSION_KEY)).isNull();
        StepVerifier.create(stored.current()).expectComplete().verify(TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void theListIsSortedByChainActorAndPermission(Store store) {
        StoredSessions stored = new StoredSessions(storage(store));
        assertThat(await(stored.list())).isEmpty();

        await(stored.put(session(A, "bob", "active", "w", "1"), false));
        await(stored.put(session(A, "alice", "owner", "w", "1"), false));
        await(stored.put(session(B, "carol", "active", "w", "1"), false));
        await(stored.put(session(A, "alice", "active", "w", "1"), false));

        List<SerializedSession> list = await(stored.list());
        assertThat(list).extracting(SerializedSession::chain).containsExactly(B, A, A, A);
        assertThat(who(list)).containsExactly("carol@active", "alice@active", "alice@owner", "bob@active");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void theSameChainActorAndPermissionIsReplacedNotAdded(Store store) {
        StoredSessions stored = new StoredSessions(storage(store));
        await(stored.put(session(A, "alice", "active", "w", "old"), false));
        await(stored.put(session(A, "alice", "owner", "w", "other"), false));

        await(stored.put(session(A, "alice", "active", "w2", "new"), false));

        List<SerializedSession> list = await(stored.list());
        assertThat(who(list)).containsExactly("alice@active", "alice@owner");
        assertThat(list.get(0).walletPlugin().id()).isEqualTo("w2");
        assertThat(list.get(0).walletPlugin().data()).isEqualTo(json("{\"v\":\"new\"}"));
        assertThat(list.get(1).walletPlugin().data()).isEqualTo(json("{\"v\":\"other\"}"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void eachChainHasOneDefaultAndTheCurrentSessionIsTheLastDefault(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = new StoredSessions(storage);

        assertThat(await(stored.put(session(A, "alice", "active", "w", "1"), true))).isEmpty();
        assertThat(await(stored.put(session(B, "carol", "active", "w", "1"), true))).isEmpty();
        Optional<StoredSessions.Key> before = await(stored.put(session(A, "bob", "active", "w", "1"), true));

        assertThat(before).contains(StoredSessions.Key.of(session(A, "alice", "active", "w", "1")));
        assertThat(before.orElseThrow().toString()).isEqualTo("alice@active on " + A);
        assertThat(who(await(stored.list()))).containsExactly("carol@active*", "alice@active", "bob@active*");
        assertThat(await(stored.current()).actor()).isEqualTo("bob");
        assertThat(json(read(storage, SessionKit.SESSIONS_KEY)).get(1).get("default").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void storedAgainWithoutDefaultASessionKeepsTheDefaultItHadAndTheCurrentEntryFollows(Store store) {
        StoredSessions stored = new StoredSessions(storage(store));
        await(stored.put(session(A, "alice", "active", "w", "old"), true));

        Optional<StoredSessions.Key> before = await(stored.put(session(A, "alice", "active", "w", "new"), false));

        assertThat(before).contains(new StoredSessions.Key(Checksum256.from(A), Name.from("alice"), Name.from("active")));
        assertThat(who(await(stored.list()))).containsExactly("alice@active*");
        SerializedSession current = await(stored.current());
        assertThat(current.isDefault()).isTrue();
        assertThat(current.walletPlugin().data()).isEqualTo(json("{\"v\":\"new\"}"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void removeTakesOneSessionOutOfTheListAndTheCurrentEntryWhenItIsThatOne(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = new StoredSessions(storage);
        await(stored.put(session(B, "carol", "active", "w", "1"), true));
        await(stored.put(session(A, "bob", "active", "w", "1"), false));
        await(stored.put(session(A, "alice", "active", "w", "1"), true));

        Optional<SerializedSession> bob = await(stored.remove(StoredSessions.Key.of(session(A, "bob", "active", "w", ""))));
        assertThat(bob).map(SerializedSession::actor).contains("bob");
        assertThat(await(stored.current()).actor()).isEqualTo("alice");

        Optional<SerializedSession> alice = await(stored.remove(StoredSessions.Key.of(session(A, "alice", "active", "w", ""))));
        assertThat(alice).map(SerializedSession::isDefault).contains(true);
        assertThat(read(storage, SessionKit.SESSION_KEY)).isNull();
        assertThat(who(await(stored.list()))).containsExactly("carol@active*");

        Optional<SerializedSession> none = await(stored.remove(StoredSessions.Key.of(session(A, "dave", "active", "w", ""))));
        assertThat(none).isEmpty();
        assertThat(who(await(stored.list()))).containsExactly("carol@active*");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void removeAllTakesWhatThePredicateAcceptsAndTheListEntryWhenNothingIsLeft(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = new StoredSessions(storage);
        await(stored.put(session(A, "bob", "active", "other", "1"), false));
        await(stored.put(session(B, "carol", "active", "mine", "1"), true));
        await(stored.put(session(A, "alice", "active", "mine", "1"), true));

        List<SerializedSession> gone = await(stored.removeAll(s -> s.walletPlugin().id().equals("mine")));

        assertThat(who(gone)).containsExactly("carol@active*", "alice@active*");
        assertThat(who(await(stored.list()))).containsExactly("bob@active");
        assertThat(read(storage, SessionKit.SESSION_KEY)).isNull();

        assertThat(who(await(stored.removeAll(s -> true)))).containsExactly("bob@active");
        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isNull();
        assertThat(await(stored.removeAll(s -> true))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void removeAllKeepsACurrentSessionThePredicateRefuses(Store store) {
        StoredSessions stored = new StoredSessions(storage(store));
        await(stored.put(session(A, "alice", "active", "other", "1"), true));
        await(stored.put(session(A, "bob", "active", "mine", "1"), false));

        assertThat(who(await(stored.removeAll(s -> s.walletPlugin().id().equals("mine"))))).containsExactly("bob@active");
        assertThat(await(stored.current()).actor()).isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrentPutsLoseNothing(Store store) {
        StoredSessions stored = new StoredSessions(storage(store));
        int n = 40;

        StepVerifier.create(Flux.range(0, n)
                        .flatMap(i -> stored.put(session(i % 2 == 0 ? A : B, "user" + (char) ('a' + i / 26)
                                + (char) ('a' + i % 26), "active", "w", "1"), i % 5 == 0)
                                .subscribeOn(Schedulers.parallel()), n)
                        .then())
                .expectComplete()
                .verify(TIMEOUT);

        List<SerializedSession> list = await(stored.list());
        assertThat(list).hasSize(n);
        assertThat(list.stream().map(StoredSessions.Key::of).distinct()).hasSize(n);
        // the last default set on each chain is the only one
        assertThat(list.stream().filter(s -> Boolean.TRUE.equals(s.isDefault())).map(SerializedSession::chain))
                .containsExactlyInAnyOrder(A, B);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aListThatIsNotAListFailsAndStaysAsItWas(Store store) {
        ReactiveSessionStorage storage = storage(store);
        StoredSessions stored = new StoredSessions(storage);
        StepVerifier.create(storage.write(SessionKit.SESSIONS_KEY, "{}")).expectComplete().verify(TIMEOUT);

        StepVerifier.create(stored.put(session(A, "alice", "active", "w", "1"), true))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("'sessions' is not a JSON array"))
                .verify(TIMEOUT);
        StepVerifier.create(stored.list())
                .expectError(SessionException.class)
                .verify(TIMEOUT);
        assertThat(read(storage, SessionKit.SESSIONS_KEY)).isEqualTo("{}");
        assertThat(read(storage, SessionKit.SESSION_KEY)).isNull();
    }
}
