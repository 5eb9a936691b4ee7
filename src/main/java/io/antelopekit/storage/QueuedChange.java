package io.antelopekit.storage;

import reactor.core.publisher.MonoSink;

import java.util.function.UnaryOperator;

/**
 * A change waiting in a store's queue ({@link StoreFile}, {@link RedisSessionStorage}): its
 * function, the caller's sink, and its outcome. The outcome fields are written and read by the
 * round (or batch) running it only; {@code cancelled} is set by the caller's thread.
 */
final class QueuedChange {
    /** What the store needs to run it: the entry's key (file) or the operation's name (Redis). */
    final String label;
    final UnaryOperator<String> change;
    final MonoSink<String> sink;
    private volatile boolean cancelled;
    String value;
    Throwable error;

    QueuedChange(String label, UnaryOperator<String> change, MonoSink<String> sink) {
        this.label = label;
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
        } else if (value == null) {
            sink.success();
        } else {
            sink.success(value);
        }
    }
}
