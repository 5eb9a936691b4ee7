package io.antelopekit.storage;

import reactor.core.publisher.MonoSink;

import java.util.Map;
import java.util.SortedSet;
import java.util.function.UnaryOperator;

/**
 * A change waiting in a store's queue ({@link StoreFile}, {@link RedisSessionStorage}): the keys
 * it changes, its function (of their values, see {@link ReactiveSessionStorage#updateAll}), the
 * caller's sink, and its outcome. The outcome fields are written and read by the round (or
 * batch) running it only; {@code cancelled} is set by the caller's thread.
 */
final class QueuedChange {
    /** The operation's name, for messages ("write", "update", ...). */
    final String label;
    /** The keys it changes, as checked by {@link KeyedChange#keys}. */
    final SortedSet<String> keys;
    final UnaryOperator<Map<String, String>> change;
    final MonoSink<Map<String, String>> sink;
    private volatile boolean cancelled;
    /** The new values of {@link #keys}, once applied. */
    Map<String, String> value;
    Throwable error;

    QueuedChange(String label, SortedSet<String> keys, UnaryOperator<Map<String, String>> change,
            MonoSink<Map<String, String>> sink) {
        this.label = label;
        this.keys = keys;
        this.change = change;
        this.sink = sink;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Completes the caller's {@code Mono} with the outcome, unless it was cancelled. */
    void emit() {
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
