package io.antelopekit.storage;

import io.antelopekit.storage.internal.KeyedChange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * {@link ReactiveSessionStorage} in memory; safe for concurrent use. The entries are one
 * immutable map replaced by compare-and-set, so every change (of one key or several) is atomic
 * and a change function may run again when another change came first.
 */
final class InMemorySessionStorage implements ReactiveSessionStorage {

    private final AtomicReference<Map<String, String>> entries = new AtomicReference<>(Map.of());

    @Override
    public Mono<Void> write(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return Mono.fromRunnable(() -> change(Set.of(key), KeyedChange.set(key, value)));
    }

    @Override
    public Mono<String> read(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromSupplier(() -> entries.get().get(key));
    }

    @Override
    public Mono<Void> remove(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromRunnable(() -> change(Set.of(key), KeyedChange.set(key, null)));
    }

    @Override
    public Mono<String> update(String key, UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return Mono.fromSupplier(() -> change(Set.of(key), KeyedChange.ofOne(key, change)).get(key));
    }

    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        return Mono.fromSupplier(() -> change(checked, change));
    }

    /** Applies {@code change} and swaps the new entries in; again when another change came first. */
    private Map<String, String> change(Set<String> keys, UnaryOperator<Map<String, String>> change) {
        SortedSet<String> sorted = KeyedChange.keys(keys);
        for (;;) {
            Map<String, String> old = entries.get();
            Map<String, String> next = KeyedChange.apply(sorted, old, change);
            Map<String, String> merged = new HashMap<>(old);
            boolean changed = false;
            for (String key : sorted) {
                String value = next.get(key);
                changed |= !Objects.equals(old.get(key), value);
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            }
            if (!changed || entries.compareAndSet(old, Map.copyOf(merged))) {
                return next;
            }
        }
    }

    @Override
    public String toString() {
        return "InMemorySessionStorage" + entries.get().keySet();
    }
}
