package io.antelopekit.storage.internal;

import reactor.core.publisher.MonoSink;

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
    private volatile boolean cancelled;
    /** The new values of {@link #keys}, once applied. */
    public Map<String, String> value;
    public Throwable error;

    public QueuedChange(String label, SortedSet<String> keys, UnaryOperator<Map<String, String>> change,
            MonoSink<Map<String, String>> sink) {
        this.label = label;
        this.keys = keys;
        this.change = change;
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
