package io.antelopekit.storage;

import reactor.core.publisher.Mono;

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
    default Mono<String> update(String key, java.util.function.UnaryOperator<String> change) {
        java.util.Objects.requireNonNull(key, "key");
        java.util.Objects.requireNonNull(change, "change");
        return read(key).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(old -> {
                    String next = change.apply(old.orElse(null));
                    return next == null ? remove(key).then(Mono.<String>empty()) : write(key, next).thenReturn(next);
                });
    }

    /** A new, empty store held in memory (lost with the process). */
    static ReactiveSessionStorage inMemory() {
        return new InMemorySessionStorage();
    }

    /**
     * A store in one JSON file, safe for concurrent use by many subscribers and store instances;
     * see {@link FileSessionStorage}. Touches nothing before the first operation.
     *
     * @param file the JSON file (its directory is created on the first change)
     */
    static ReactiveSessionStorage file(java.nio.file.Path file) {
        return FileSessionStorage.open(file);
    }
}
