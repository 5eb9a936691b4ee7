package io.antelopekit.storage.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The rules of {@link io.antelopekit.storage.ReactiveSessionStorage#updateAll}, shared by the stores: which keys an
 * update may name, what its change sees, and which results are accepted.
 */
public final class KeyedChange {

    private KeyedChange() {
    }

    /**
     * The keys of an update, checked and sorted (the order in which stores read, lock and write
     * them).
     *
     * @throws NullPointerException when {@code keys} or one of them is null
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    public static SortedSet<String> keys(java.util.Set<String> keys) {
        Objects.requireNonNull(keys, "keys");
        SortedSet<String> sorted = new TreeSet<>();
        for (String key : keys) {
            sorted.add(Objects.requireNonNull(key, "keys holds null"));
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("keys must name at least one key");
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /** The values of {@code keys} present in {@code entries}, unmodifiable, in key order. */
    public static Map<String, String> view(Map<String, String> entries, SortedSet<String> keys) {
        Map<String, String> view = new LinkedHashMap<>();
        for (String key : keys) {
            String value = entries.get(key);
            if (value != null) {
                view.put(key, value);
            }
        }
        return Collections.unmodifiableMap(view);
    }

    /**
     * Applies {@code change} to the values of {@code keys} in {@code entries} and checks its
     * result: not null, only keys of {@code keys}, no null value.
     *
     * @return the new values, unmodifiable, in key order (a key absent from it is removed)
     * @throws RuntimeException what {@code change} threw, or an {@link IllegalArgumentException}
     *     or {@link NullPointerException} for a result that breaks the rules
     */
    public static Map<String, String> apply(SortedSet<String> keys, Map<String, String> entries,
            UnaryOperator<Map<String, String>> change) {
        Map<String, String> next = change.apply(view(entries, keys));
        if (next == null) {
            throw new NullPointerException("the change of " + keys + " returned null; return its argument to change nothing");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : next.entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new IllegalArgumentException("the change of " + keys + " returned a value for key \""
                        + e.getKey() + "\", which it does not update");
            }
            if (e.getValue() == null) {
                throw new NullPointerException("the change of " + keys + " returned null for key \"" + e.getKey()
                        + "\"; leave the key out of its result to remove it");
            }
        }
        for (String key : keys) {
            String value = next.get(key);
            if (value != null) {
                out.put(key, value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The times to live of an update, checked against its keys, in milliseconds (at least 1).
     *
     * @throws NullPointerException when {@code ttl}, one of its keys or values is null
     * @throws IllegalArgumentException when it names a key {@code keys} does not hold, or a time
     *     shorter than one millisecond
     */
    public static Map<String, Long> ttl(SortedSet<String> keys, Map<String, Duration> ttl) {
        Objects.requireNonNull(ttl, "ttl");
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> e : ttl.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "ttl holds a null key");
            Duration d = Objects.requireNonNull(e.getValue(), "ttl holds null for key \"" + key + "\"");
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("ttl names key \"" + key + "\", which the update does not change");
            }
            if (d.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("the time to live of key \"" + key + "\" must be at least 1 ms, was " + d);
            }
            out.put(key, d.toMillis());
        }
        return Collections.unmodifiableMap(out);
    }

    /** A change of the one value of {@code key}, as a change of a map: for {@code update(key, change)}. */
    public static UnaryOperator<Map<String, String>> ofOne(String key, UnaryOperator<String> change) {
        return values -> {
            String next = change.apply(values.get(key));
            return next == null ? Map.of() : Map.of(key, next);
        };
    }

    /** A change that sets (or, with {@code null}, removes) the value of {@code key}. */
    public static UnaryOperator<Map<String, String>> set(String key, String value) {
        return values -> value == null ? Map.of() : Map.of(key, value);
    }
}
