package io.antelopekit.storage;

import io.antelopekit.storage.internal.KeyedChange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.UnaryOperator;

/**
 * A reactive key/value store of text, as WharfKit's {@code SessionStorage}. Every method is cold.
 *
 * <pre>{@code
 * ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
 * storage.write("session", json).then(storage.read("session")).subscribe(System.out::println);
 * }</pre>
 */
public interface ReactiveSessionStorage {

    /** Stores {@code value} under {@code key}, replacing what was there. */
    Mono<Void> write(String key, String value);

    /** The value under {@code key}; empty when there is none. */
    Mono<String> read(String key);

    /** Removes {@code key}; completes also when it was absent. */
    Mono<Void> remove(String key);

    /**
     * Replaces the value under {@code key} with {@code change} applied to it, atomically: two
     * concurrent updates of one key never lose either change (this is how the session list is
     * kept when many logins run at once). {@code change} gets {@code null} when the key is absent,
     * returns {@code null} to remove it, must be free of side effects and may be called more than
     * once (a store with optimistic locking retries it). An error thrown by {@code change} fails
     * the update and leaves the stored value as it was.
     *
     * <p>The default reads then writes and is atomic only when nothing else writes the key; every
     * store of this library overrides it.
     *
     * @return the new value; empty when the key was removed or stayed absent
     */
    default Mono<String> update(String key, UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return read(key).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(old -> {
                    String next = change.apply(old.orElse(null));
                    return next == null ? remove(key).then(Mono.<String>empty()) : write(key, next).thenReturn(next);
                });
    }

    /**
     * Replaces the values of several keys with {@code change} applied to them, in one atomic step:
     * no reader, no other update and no crash ever sees some of the keys changed and the others
     * not, and two concurrent updates (of these keys or some of them, by this method or
     * {@link #update}) never lose either change. This is how the session kit keeps its current
     * session ({@code session}) and its list ({@code sessions}) in agreement.
     *
     * <p>{@code change} gets the current values of {@code keys}: an unmodifiable map holding the
     * keys that are present (an absent key is not in it). It returns the new values: a map whose
     * keys are among {@code keys} and whose values are not {@code null}; a key of {@code keys}
     * missing from it is removed, so returning its argument changes nothing. It must be free of
     * side effects and may be called more than once (a store with optimistic locking retries
     * it). An error thrown by {@code change}, or a result that breaks these rules (null, another
     * key, a null value), fails the update and leaves every key as it was.
     *
     * <p>The default reads the keys, then writes and removes them one by one: it is atomic only
     * when nothing else writes the keys and nothing fails or crashes between those writes; every
     * store of this library overrides it.
     *
     * <pre>{@code
     * storage.updateAll(Set.of("session", "sessions"), values -> Map.of("session", current, "sessions", list))
     * }</pre>
     *
     * @param keys the keys to update, at least one
     * @param change the new values as a function of the current ones
     * @return the new values (unmodifiable, only the keys present after the update)
     * @throws IllegalArgumentException when {@code keys} is empty (thrown at once)
     */
    default Mono<Map<String, String>> updateAll(Set<String> keys,
            UnaryOperator<Map<String, String>> change) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        return Flux.fromIterable(checked)
                .concatMap(key -> read(key).map(value -> Map.entry(key, value)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(old -> {
                    Map<String, String> next = KeyedChange.apply(checked, old, change);
                    return Flux.fromIterable(checked)
                            .concatMap(key -> {
                                String value = next.get(key);
                                if (Objects.equals(old.get(key), value)) {
                                    return Mono.<Void>empty();
                                }
                                return value == null ? remove(key) : write(key, value);
                            })
                            .then(Mono.just(next));
                });
    }

    /**
     * {@link #updateAll(Set, UnaryOperator)} with times to live: each key of {@code ttl} that the
     * update leaves present (written, or left as it was) expires {@code ttl.get(key)} after the
     * update, and is then absent for every operation ({@link #read}, {@link #keys}, the values a
     * change sees), as if removed. The other keys are changed as
     * {@link #updateAll(Set, UnaryOperator)} changes them: one that is written no longer expires
     * (unless the store expires every key it writes, as a Redis store given an expiry does), one
     * left as it was keeps the time to live it had. A store of one key per session gives each
     * session its own lifetime with it, and a restore that writes nothing refreshes it with a
     * change that returns its argument.
     *
     * <p>The default supports no times to live: with an empty {@code ttl} it is
     * {@link #updateAll(Set, UnaryOperator)}, otherwise it fails with an
     * {@link UnsupportedOperationException}; a store that can expire keys overrides it and
     * {@link #canExpireKeys()}.
     *
     * <pre>{@code
     * storage.updateAll(Set.of(key), values -> values, Map.of(key, Duration.ofDays(30)))   // refreshes key's life
     * }</pre>
     *
     * @param keys the keys to update, at least one
     * @param change the new values as a function of the current ones
     * @param ttl the times to live, by key; each key among {@code keys}, each time at least 1 ms
     * @return the new values (unmodifiable, only the keys present after the update)
     * @throws IllegalArgumentException when {@code keys} is empty, or {@code ttl} names another
     *     key or a time shorter than 1 ms (thrown at once)
     */
    default Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Duration> ttl) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        if (KeyedChange.ttl(checked, ttl).isEmpty()) {
            return updateAll(checked, change);
        }
        return Mono.error(new UnsupportedOperationException(getClass().getName() + " cannot expire keys"));
    }

    /** Whether {@link #updateAll(Set, UnaryOperator, Map)} takes times to live on this store. */
    default boolean canExpireKeys() {
        return false;
    }

    /**
     * The keys that start with {@code prefix} ({@code ""}: every key), each once, in no
     * particular order; a key written or removed while the listing runs may or may not appear.
     * The cost is that of the matching keys (and, for some stores, of a scan), never a read of
     * every value. A session kit that stores one key per session lists its sessions with it.
     *
     * <p>The default fails with an {@link UnsupportedOperationException}: a store that can list
     * its keys overrides it and {@link #canListKeys()}.
     *
     * @param prefix the prefix the keys start with
     * @return the keys
     */
    default Flux<String> keys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return Flux.error(new UnsupportedOperationException(getClass().getName() + " cannot list its keys"));
    }

    /** Whether {@link #keys(String)} works on this store. */
    default boolean canListKeys() {
        return false;
    }

    /**
     * A new, empty store held in memory (lost with the process). Every change costs the keys it
     * changes, whatever the store holds; it lists keys by prefix and expires keys
     * ({@link #keys}, {@link #updateAll(Set, UnaryOperator, Map)}).
     */
    static ReactiveSessionStorage inMemory() {
        return new InMemorySessionStorage(Clock.systemUTC());
    }

    /**
     * A new, empty store held in memory whose times to live run on {@code clock} (a test moves
     * it instead of waiting); otherwise as {@link #inMemory()}.
     */
    static ReactiveSessionStorage inMemory(Clock clock) {
        return new InMemorySessionStorage(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * A store in one JSON file, safe for concurrent use by many subscribers and store instances;
     * see {@link FileSessionStorage}. Touches nothing before the first operation.
     *
     * @param file the JSON file (its directory is created on the first change)
     */
    static ReactiveSessionStorage file(Path file) {
        return FileSessionStorage.open(file);
    }

    /**
     * A store in one JSON file whose times to live run on {@code clock}; see
     * {@link FileSessionStorage#open(Path, Clock)}.
     */
    static ReactiveSessionStorage file(Path file, Clock clock) {
        return FileSessionStorage.open(file, clock);
    }
}
