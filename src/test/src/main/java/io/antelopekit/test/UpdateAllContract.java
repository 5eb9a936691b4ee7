package io.antelopekit.test;

import io.antelopekit.storage.ReactiveSessionStorage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link ReactiveSessionStorage#updateAll} promises to a single writer: which values its
 * change sees, what it stores and returns, and that a failing change leaves every key as it was.
 * A store's test implements it (with {@link AtomicUpdateAllContract} for the stores that must
 * also be atomic under concurrency); operations are subscribed from Reactor's parallel threads.
 */
public interface UpdateAllContract {

    Duration CONTRACT_TIMEOUT = Duration.ofSeconds(30);

    /** A new, empty store. */
    ReactiveSessionStorage newStorage() throws Exception;

    static <T> T run(Mono<T> mono) {
        return Await.result(mono.subscribeOn(Schedulers.parallel()), CONTRACT_TIMEOUT);
    }

    static Map<String, String> values(ReactiveSessionStorage storage, String... keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            String value = run(storage.read(key));
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    @Test
    default void updateAllSeesThePresentKeysStoresItsResultAndReturnsIt() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        run(storage.write("a", "1"));
        Map<String, Map<String, String>> seen = new HashMap<>();
        Map<String, String> result = run(storage.updateAll(Set.of("a", "b", "c"), values -> {
            seen.put("first", Map.copyOf(values));
            return Map.of("a", "2", "b", "3");
        }));
        assertThat(seen.get("first")).isEqualTo(Map.of("a", "1"));
        assertThat(result).isEqualTo(Map.of("a", "2", "b", "3"));
        assertThat(values(storage, "a", "b", "c")).isEqualTo(Map.of("a", "2", "b", "3"));

        // a key left out of the result is removed; a key not named is not touched
        run(storage.write("other", "x"));
        assertThat(run(storage.updateAll(Set.of("a", "b"), values -> Map.of("b", values.get("a") + values.get("b")))))
                .isEqualTo(Map.of("b", "23"));
        assertThat(values(storage, "a", "b", "other")).isEqualTo(Map.of("b", "23", "other", "x"));

        // its argument unchanged changes nothing; removing every key leaves an empty result
        assertThat(run(storage.updateAll(Set.of("b", "c"), values -> values))).isEqualTo(Map.of("b", "23"));
        assertThat(run(storage.updateAll(Set.of("b"), values -> Map.of()))).isEmpty();
        assertThat(values(storage, "a", "b", "c", "other")).isEqualTo(Map.of("other", "x"));
        assertThat(run(storage.updateAll(Set.of("a", "b"), values -> values))).isEmpty();
    }

    @Test
    default void aFailingChangeOrABadResultLeavesEveryKeyAsItWas() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        run(storage.write("a", "1").then(storage.write("b", "2")));
        Map<String, String> before = Map.of("a", "1", "b", "2");
        Map<String, UnaryOperator<Map<String, String>>> bad = new LinkedHashMap<>();
        bad.put("throws", values -> {
            throw new IllegalStateException("refused");
        });
        bad.put("changes its argument", values -> {
            values.put("a", "changed in place");
            return values;
        });
        bad.put("returns null", values -> null);
        bad.put("names another key", values -> Map.of("a", "9", "b", "9", "c", "9"));
        bad.put("returns a null value", values -> {
            Map<String, String> next = new HashMap<>();
            next.put("a", "9");
            next.put("b", null);
            return next;
        });
        for (Map.Entry<String, UnaryOperator<Map<String, String>>> e : bad.entrySet()) {
            StepVerifier.create(storage.updateAll(Set.of("a", "b"), e.getValue()).subscribeOn(Schedulers.parallel()))
                    .expectErrorSatisfies(error -> assertThat(error).as(e.getKey())
                            .isInstanceOfAny(IllegalStateException.class, UnsupportedOperationException.class,
                                    NullPointerException.class, IllegalArgumentException.class))
                    .verify(CONTRACT_TIMEOUT);
            assertThat(values(storage, "a", "b", "c")).as(e.getKey()).isEqualTo(before);
        }
        // the store still works
        assertThat(run(storage.updateAll(Set.of("a", "b"), values -> Map.of("a", "3")))).isEqualTo(Map.of("a", "3"));
    }

    @Test
    default void noKeysOrNullIsRefusedAtOnceAndNothingRunsBeforeSubscription() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        assertThatThrownBy(() -> storage.updateAll(Set.of(), values -> values)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.updateAll(null, values -> values)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> storage.updateAll(Set.of("a"), null)).isInstanceOf(NullPointerException.class);
        Mono<Map<String, String>> later = storage.updateAll(Set.of("a"), values -> Map.of("a", "1"));
        assertThat(values(storage, "a")).isEmpty();
        assertThat(run(later)).isEqualTo(Map.of("a", "1"));
        assertThat(values(storage, "a")).isEqualTo(Map.of("a", "1"));
    }
}
