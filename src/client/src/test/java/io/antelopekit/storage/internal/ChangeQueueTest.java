package io.antelopekit.storage.internal;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-writer queue the file and MVStore stores share. */
class ChangeQueueTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Mono<Map<String, String>> submit(ChangeQueue queue, String label, boolean endsBatch) {
        return Mono.create(sink -> queue.submit(new QueuedChange(label,
                endsBatch ? null : new TreeSet<>(List.of(label)), m -> m, sink)));
    }

    @Test
    void oneWriterAtATimeAndEveryChangeCompletesOnce() {
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        ChangeQueue queue = new ChangeQueue(Schedulers.boundedElastic(), 7, batch -> {
            most.accumulateAndGet(writing.incrementAndGet(), Math::max);
            for (QueuedChange c : batch) {
                c.value = Map.of(c.label, "done");
                applied.incrementAndGet();
            }
            writing.decrementAndGet();
        }, (c, t) -> c.error = t, (c, e) -> c.error = e, c -> false);
        List<Map<String, String>> results = Flux.range(0, 5_000)
                .flatMap(i -> submit(queue, "k" + i, false).subscribeOn(Schedulers.parallel()), 256)
                .collectList().block(TIMEOUT);
        assertThat(results).hasSize(5_000);
        assertThat(applied.get()).isEqualTo(5_000);
        assertThat(most.get()).as("writers at once").isEqualTo(1);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void aFailedBatchFailsItsChangesThatHaveNoErrorAndAChangeCanEndABatch() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        RuntimeException boom = new RuntimeException("disk full");
        ChangeQueue queue = new ChangeQueue(Schedulers.boundedElastic(), 100, batch -> {
            sizes.add(batch.size());
            throw boom;
        }, (c, t) -> c.error = new IllegalStateException(c.label + ": " + t.getMessage(), t),
                (c, e) -> c.error = e, c -> c.keys == null);
        StepVerifier.create(submit(queue, "a", false))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessage("a: disk full").hasCause(boom))
                .verify(TIMEOUT);
        StepVerifier.create(submit(queue, "close", true))
                .expectErrorMessage("close: disk full")
                .verify(TIMEOUT);
        assertThat(sizes).containsExactly(1, 1);
    }
}
