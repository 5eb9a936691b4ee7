package io.antelopekit.storage.internal;

import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One writer at a time for a store's changes, without blocking a submitter: changes queue in a
 * lock-free queue and a count of pending changes; the submitter that finds the count at zero
 * schedules a batch on the scheduler, and each batch schedules the next while changes remain.
 * A batch takes at most the changes counted so far (a change is queued before it is counted: a
 * batch that took one not yet counted would let the next submitter start a second writer), up
 * to {@code maxBatch}, and ends early after a change that {@code endsBatch}; it is applied, the
 * next batch is scheduled, and only then are the batch's changes completed.
 *
 * <p>Shared by the file store and the MVStore store, so that both keep the same rules.
 */
public final class ChangeQueue {

    /** Applies a batch of changes; an exception fails those of its changes that have no error yet. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Applies {@code batch}, setting each change's {@code value} or {@code error}.
         *
         * @param batch the changes, in the order they were submitted
         * @throws Exception if the whole batch failed
         */
        void apply(List<QueuedChange> batch) throws Exception;
    }

    private final Queue<QueuedChange> changes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Scheduler scheduler;
    private final int maxBatch;
    private final Writer writer;
    private final BiConsumer<QueuedChange, Throwable> failed;
    private final BiConsumer<QueuedChange, RejectedExecutionException> rejected;
    private final Predicate<QueuedChange> endsBatch;

    /**
     * @param scheduler where batches run (a blocking writer: the bounded elastic scheduler)
     * @param maxBatch at most this many changes share one batch
     * @param writer applies a batch
     * @param failed sets the error of a change whose batch failed with the given exception
     *     (called only for changes that have no error yet)
     * @param rejected sets the error of a change the scheduler refused to run
     * @param endsBatch whether a change ends the batch it is in (it is applied, the next waits)
     */
    public ChangeQueue(Scheduler scheduler, int maxBatch, Writer writer, BiConsumer<QueuedChange, Throwable> failed,
            BiConsumer<QueuedChange, RejectedExecutionException> rejected, Predicate<QueuedChange> endsBatch) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch " + maxBatch + " is not positive");
        }
        this.maxBatch = maxBatch;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.failed = Objects.requireNonNull(failed, "failed");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.endsBatch = Objects.requireNonNull(endsBatch, "endsBatch");
    }

    /** Queues {@code change}; it completes once its batch was applied. */
    public void submit(QueuedChange change) {
        changes.offer(Objects.requireNonNull(change, "change"));
        if (pending.getAndIncrement() == 0) {
            scheduleNext();
        }
    }

    /** The changes submitted and not yet completed. */
    public int pending() {
        return pending.get();
    }

    private void scheduleNext() {
        for (;;) {
            try {
                scheduler.schedule(this::runBatch);
                return;
            } catch (RejectedExecutionException e) {
                QueuedChange c = changes.poll();
                rejected.accept(c, e);
                c.emit();
                if (pending.decrementAndGet() == 0) {
                    return;
                }
            }
        }
    }

    private void runBatch() {
        List<QueuedChange> batch = new ArrayList<>();
        int limit = Math.min(maxBatch, pending.get());
        QueuedChange c;
        while (batch.size() < limit && (c = changes.poll()) != null) {
            batch.add(c);
            if (endsBatch.test(c)) {
                break;
            }
        }
        try {
            writer.apply(batch);
        } catch (Throwable t) {
            Exceptions.throwIfJvmFatal(t);
            for (QueuedChange f : batch) {
                if (f.error == null) {
                    failed.accept(f, t);
                }
            }
        }
        if (pending.addAndGet(-batch.size()) != 0) {
            scheduleNext();
        }
        for (QueuedChange done : batch) {
            done.emit();
        }
    }

    @Override
    public String toString() {
        return "ChangeQueue[pending " + pending.get() + "]";
    }
}
