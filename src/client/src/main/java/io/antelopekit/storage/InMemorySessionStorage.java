package io.antelopekit.storage;

import io.antelopekit.storage.internal.KeyedChange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.UnaryOperator;

/**
 * {@link ReactiveSessionStorage} in memory; safe for concurrent use. The entries live in a
 * concurrent hash map, each value an immutable entry whose identity is its version, and their keys
 * also in a concurrent sorted set (so {@link #keys} walks only the keys of its prefix; it changes
 * only when a key comes or goes). A change reads the entries of its keys, runs its function
 * outside any lock, then, in a short section that only compares and swaps references, checks that
 * none of its entries changed meanwhile and puts the new ones, or runs again (so a change function
 * may run more than once when another change of its keys came first). A change costs the keys it
 * changes, never a copy of the store; reads take no lock.
 *
 * <p>A key written with a time to live holds its expiry instant (on the store's {@link Clock});
 * once it has passed, the key is absent for every operation. Expired entries are removed by the
 * changes that follow (a few at a time, oldest first), so keys nobody reads again do not pile up.
 */
final class InMemorySessionStorage implements ReactiveSessionStorage {

    private static final long NEVER = Long.MAX_VALUE;

    /** How many expired entries one change removes at most. */
    private static final int SWEEP = 32;

    /** A stored value and the epoch millisecond it expires at ({@link #NEVER}: none); compared by identity. */
    private record Entry(String value, long expiresAt) {
        boolean liveAt(long now) {
            return expiresAt > now;
        }
    }

    /** A key that expires at {@code at}, in the order they expire. */
    private record Due(long at, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** The keys of {@link #entries}, sorted (changed under {@link #commit} only). */
    private final ConcurrentSkipListSet<String> index = new ConcurrentSkipListSet<>();
    private final Clock clock;
    /** Guards the commit of a change (compare and put) and {@link #due}; never held around a change function. */
    private final Object commit = new Object();
    private final TreeSet<Due> due = new TreeSet<>();

    InMemorySessionStorage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Void> write(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return Mono.fromRunnable(() -> change(KeyedChange.keys(Set.of(key)), KeyedChange.set(key, value), Map.of()));
    }

    @Override
    public Mono<String> read(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromSupplier(() -> {
            Entry e = entries.get(key);
            return e != null && e.liveAt(clock.millis()) ? e.value : null;
        });
    }

    @Override
    public Mono<Void> remove(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromRunnable(() -> change(KeyedChange.keys(Set.of(key)), KeyedChange.set(key, null), Map.of()));
    }

    @Override
    public Mono<String> update(String key, UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return Mono.fromSupplier(() -> change(KeyedChange.keys(Set.of(key)), KeyedChange.ofOne(key, change), Map.of())
                .get(key));
    }

    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        return Mono.fromSupplier(() -> change(checked, change, Map.of()));
    }

    /** {@inheritDoc} Here the times run on the store's clock. */
    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Duration> ttl) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        Map<String, Long> millis = KeyedChange.ttl(checked, ttl);
        return Mono.fromSupplier(() -> change(checked, change, millis));
    }

    @Override
    public boolean canExpireKeys() {
        return true;
    }

    /** {@inheritDoc} Here in key order, from the sorted set of keys; the cost is that of the matching keys. */
    @Override
    public Flux<String> keys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return Flux.defer(() -> {
            long now = clock.millis();
            return Flux.fromIterable(index.tailSet(prefix, true))
                    .takeWhile(key -> key.startsWith(prefix))
                    .filter(key -> {
                        Entry e = entries.get(key);
                        return e != null && e.liveAt(now);
                    });
        });
    }

    @Override
    public boolean canListKeys() {
        return true;
    }

    /** Applies {@code change} and puts the new entries; again when another change of its keys came first. */
    private Map<String, String> change(SortedSet<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Long> ttl) {
        int n = keys.size();
        Entry[] seen = new Entry[n];
        for (;;) {
            long now = clock.millis();
            Map<String, String> values = new LinkedHashMap<>();
            int i = 0;
            for (String key : keys) {
                Entry e = entries.get(key);
                seen[i++] = e;
                if (e != null && e.liveAt(now)) {
                    values.put(key, e.value);
                }
            }
            Map<String, String> next = KeyedChange.apply(keys, values, change);
            synchronized (commit) {
                if (changedSince(keys, seen)) {
                    continue;
                }
                i = 0;
                for (String key : keys) {
                    Entry old = seen[i++];
                    String value = next.get(key);
                    Long life = ttl.get(key);
                    if (value == null) {
                        if (old != null) {
                            entries.remove(key);
                            index.remove(key);
                            unschedule(key, old);
                        }
                    } else if (life != null || !value.equals(values.get(key))) {
                        Entry e = new Entry(value, life == null ? NEVER : now + life);
                        if (entries.put(key, e) == null) {
                            index.add(key);
                        }
                        unschedule(key, old);
                        if (e.expiresAt != NEVER) {
                            due.add(new Due(e.expiresAt, key));
                        }
                    }
                }
                sweep(now);
                return next;
            }
        }
    }

    private boolean changedSince(SortedSet<String> keys, Entry[] seen) {
        int i = 0;
        for (String key : keys) {
            if (entries.get(key) != seen[i++]) {
                return true;
            }
        }
        return false;
    }

    private void unschedule(String key, Entry old) {
        if (old != null && old.expiresAt != NEVER) {
            due.remove(new Due(old.expiresAt, key));
        }
    }

    /** Removes a few entries whose time is up (called holding {@link #commit}). */
    private void sweep(long now) {
        for (int k = 0; k < SWEEP && !due.isEmpty() && due.first().at <= now; k++) {
            Due d = due.pollFirst();
            Entry e = entries.get(d.key);
            if (e != null && e.expiresAt == d.at && entries.remove(d.key, e)) {
                index.remove(d.key);
            }
        }
    }

    @Override
    public String toString() {
        return "InMemorySessionStorage[" + entries.size() + " keys]";
    }
}
