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

    /** A new, empty store held in memory (lost with the process). */
    static ReactiveSessionStorage inMemory() {
        return new InMemorySessionStorage();
    }
}
