package io.antelopekit.test;

import io.antelopekit.storage.ReactiveSessionStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.antelopekit.test.UpdateAllContract.run;
import static io.antelopekit.test.UpdateAllContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link ReactiveSessionStorage#updateAll(Set, java.util.function.UnaryOperator, Map)} promises
 * on a store that can expire keys ({@link ReactiveSessionStorage#canExpireKeys()}): a key written
 * with a time to live is there until it has passed and absent afterwards, for reads, listings and
 * changes alike; a change that gives it a time to live again refreshes it; a write without one
 * makes it last. The time passes on a {@link MutableClock} that the store is given; a store that
 * keeps its own time (Redis) waits instead, with a short time to live.
 */
public interface ExpiringKeysContract {

    /** A new, empty store whose times to live run on {@code clock} (or on its own clock, see {@link #pass}). */
    ReactiveSessionStorage newStorage(MutableClock clock) throws Exception;

    /** The time to live the tests give: long on a moved clock, short where the test must wait. */
    default Duration ttl() {
        return Duration.ofMinutes(30);
    }

    /** Lets {@code d} pass for the store: moves the clock (a store on its own clock waits instead). */
    default void pass(MutableClock clock, Duration d) throws Exception {
        clock.advance(d);
    }

    static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    default void aKeyWithATimeToLiveIsThereUntilItPassesThenAbsentEverywhere() throws Exception {
        MutableClock clock = clock();
        ReactiveSessionStorage storage = newStorage(clock);
        assertThat(storage.canExpireKeys()).isTrue();
        Duration ttl = ttl();
        Map<String, String> result = run(storage.updateAll(Set.of("x/short", "x/kept"),
                values -> Map.of("x/short", "1", "x/kept", "2"), Map.of("x/short", ttl)));
        assertThat(result).isEqualTo(Map.of("x/short", "1", "x/kept", "2"));
        assertThat(values(storage, "x/short", "x/kept")).isEqualTo(Map.of("x/short", "1", "x/kept", "2"));

        pass(clock, ttl.plus(ttl.dividedBy(5)));

        assertThat(values(storage, "x/short", "x/kept")).isEqualTo(Map.of("x/kept", "2"));
        if (storage.canListKeys()) {
            assertThat(KeysContract.keys(storage, "x/")).containsExactly("x/kept");
        }
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        run(storage.updateAll(Set.of("x/short", "x/kept"), values -> {
            seen.set(Map.copyOf(values));
            return values;
        }));
        assertThat(seen.get()).isEqualTo(Map.of("x/kept", "2"));
        assertThat(run(storage.update("x/short", old -> old == null ? "absent" : "was " + old))).isEqualTo("absent");
    }

    @Test
    default void aChangeWithATimeToLiveRefreshesItAndAWriteWithoutOneMakesTheKeyLast() throws Exception {
        MutableClock clock = clock();
        ReactiveSessionStorage storage = newStorage(clock);
        Duration ttl = ttl();
        Duration most = ttl.multipliedBy(3).dividedBy(5);
        run(storage.updateAll(Set.of("r", "w"), values -> Map.of("r", "1", "w", "1"), Map.of("r", ttl, "w", ttl)));

        pass(clock, most);
        // "w" is written without one: it lasts; "r" left as it was, its life starts again (last,
        // so that where time passes for real, nothing but this refresh runs before the wait)
        run(storage.write("w", "2"));
        run(storage.updateAll(Set.of("r"), values -> values, Map.of("r", ttl)));
        pass(clock, most);
        assertThat(values(storage, "r", "w")).as("%s after the refresh", most).isEqualTo(Map.of("r", "1", "w", "2"));

        pass(clock, most);
        assertThat(values(storage, "r", "w")).as("%s after the refresh", most.multipliedBy(2)).isEqualTo(Map.of("w", "2"));
    }

    @Test
    default void aChangeWithoutATimeToLiveKeepsTheOneAKeyLeftAsItWasHad() throws Exception {
        MutableClock clock = clock();
        ReactiveSessionStorage storage = newStorage(clock);
        Duration ttl = ttl();
        run(storage.updateAll(Set.of("a", "b"), values -> Map.of("a", "1", "b", "1"), Map.of("a", ttl)));
        // "a" left as it was, "b" changed: neither gets a time to live from this change
        run(storage.updateAll(Set.of("a", "b"), values -> {
            Map<String, String> next = new HashMap<>(values);
            next.put("b", "2");
            return next;
        }));

        pass(clock, ttl.plus(ttl.dividedBy(5)));

        assertThat(values(storage, "a", "b")).isEqualTo(Map.of("b", "2"));
    }

    @Test
    default void badTimesToLiveAreRefusedAtOnceAndNothingChanges() throws Exception {
        ReactiveSessionStorage storage = newStorage(clock());
        for (Map<String, Duration> bad : List.of(Map.of("other", Duration.ofMinutes(1)),
                Map.of("a", Duration.ZERO), Map.of("a", Duration.ofMillis(-5)))) {
            assertThatThrownBy(() -> storage.updateAll(Set.of("a"), values -> Map.of("a", "1"), bad))
                    .as("%s", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> storage.updateAll(Set.of("a"), values -> values, null))
                .isInstanceOf(NullPointerException.class);
        assertThat(values(storage, "a")).isEmpty();
        // an empty map is no time to live at all
        run(storage.updateAll(Set.of("a"), values -> Map.of("a", "1"), Map.of()));
        assertThat(values(storage, "a")).isEqualTo(Map.of("a", "1"));
    }
}
