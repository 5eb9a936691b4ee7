package io.antelopekit.storage;

import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReactiveSessionStorage} in a concurrent map; safe for concurrent use. */
final class InMemorySessionStorage implements ReactiveSessionStorage {

    private final ConcurrentHashMap<String, String> entries = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> write(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return Mono.fromRunnable(() -> entries.put(key, value));
    }

    @Override
    public Mono<String> read(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromSupplier(() -> entries.get(key));
    }

    @Override
    public Mono<Void> remove(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromRunnable(() -> entries.remove(key));
    }

    @Override
    public Mono<String> update(String key, java.util.function.UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return Mono.fromSupplier(() -> entries.compute(key, (k, old) -> change.apply(old)));
    }

    @Override
    public String toString() {
        return "InMemorySessionStorage" + entries.keySet();
    }
}
