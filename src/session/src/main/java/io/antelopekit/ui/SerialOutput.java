package io.antelopekit.ui;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes text to a {@link PrintStream} in submission order, on {@link Schedulers#boundedElastic()}
 * (writing to a console may block): a lock-free queue and a pending count decide who schedules the
 * drain, so callers on any thread, event loops included, never wait.
 */
final class SerialOutput {

    private final PrintStream out;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private final Queue<Item> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    SerialOutput(PrintStream out) {
        this.out = out;
    }

    /** Writes {@code text} (as is: add the line break yourself) without waiting. */
    void send(String text) {
        enqueue(new Item(text, null));
    }

    /** Writes {@code text}; completes once it was written and flushed. Cold. */
    Mono<Void> print(String text) {
        return Mono.create(sink -> enqueue(new Item(text, sink)));
    }

    private void enqueue(Item item) {
        items.offer(item);
        if (pending.getAndIncrement() == 0) {
            schedule();
        }
    }

    private void schedule() {
        try {
            scheduler.schedule(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the scheduler is shutting down: write here rather than drop the text
        }
    }

    private void drain() {
        int missed = 1;
        for (;;) {
            Item item;
            while ((item = items.poll()) != null) {
                out.print(item.text);
                out.flush();
                if (item.sink != null) {
                    item.sink.success();
                }
                missed = pending.decrementAndGet();
                if (missed == 0) {
                    return;
                }
            }
            if (pending.get() == 0) {
                return;
            }
        }
    }

    private record Item(String text, MonoSink<Void> sink) {
    }
}
