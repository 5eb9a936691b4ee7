package io.antelopekit.storage.internal;

import reactor.core.publisher.MonoSink;

import java.time.Clock;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.UnaryOperator;

/**
 * A change waiting in a store's queue ({@code StoreFile}, {@code RedisSessionStorage}): the keys
 * it changes, its function (of their values, see {@link io.antelopekit.storage.ReactiveSessionStorage#updateAll}), the
 * caller's sink, and its outcome. The outcome fields are written and read by the round (or
 * batch) running it only; {@code cancelled} is set by the caller's thread.
 */
public final class QueuedChange {
    /** The operation's name, for messages ("write", "update", ...). */
    public final String label;
    /** The keys it changes, as checked by {@link KeyedChange#keys}. */
    public final SortedSet<String> keys;
    public final UnaryOperator<Map<String, String>> change;
    public final MonoSink<Map<String, String>> sink;
    /** The times to live (ms) of the keys it leaves present, by key; empty for none. */
    public final Map<String, Long> ttl;
    /** The clock that decides which values have expired (a file store's); null where the store keeps time itself. */
    public final Clock clock;
    private volatile boolean cancelled;
    /** The new values of {@link #keys}, once applied. */
    public Map<String, String> value;
    public Throwable error;

    public QueuedChange(String label, SortedSet<String> keys, UnaryOperator<Map<String, String>> change,
            MonoSink<Map<String, String>> sink) {
        this(label, keys, change, Map.of(), null, sink);
    }

    public QueuedChange(String label, SortedSet<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Long> ttl, Clock clock, MonoSink<Map<String, String>> sink) {
        this.label = label;
        this.keys = keys;
        this.change = change;
        this.ttl = ttl;
        this.clock = clock;
        this.sink = sink;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Completes the caller's {@code Mono} with the outcome, unless it was cancelled. */
    public void emit() {
        if (cancelled) {
            return;
        }
        if (error != null) {
            sink.error(error);
        } else {
            sink.success(value);
        }
    }
}
