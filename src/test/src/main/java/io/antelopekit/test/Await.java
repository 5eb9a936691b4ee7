package io.antelopekit.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The kits' waits on the test thread, through {@link StepVerifier}: each fails the test with
 * StepVerifier's message when the publisher errors or does not complete in time.
 */
final class Await {

    private Await() {
    }

    /** Waits for {@code mono} to complete; its value, or {@code null} if it completed empty. */
    static <T> T result(Mono<T> mono, Duration timeout) {
        List<T> out = new ArrayList<>(1);
        StepVerifier.create(mono).recordWith(() -> out).thenConsumeWhile(v -> true).expectComplete().verify(timeout);
        return out.isEmpty() ? null : out.get(0);
    }

    /** Waits for {@code flux} to complete; every value it emitted, in order. */
    static <T> List<T> all(Flux<T> flux, Duration timeout) {
        List<T> out = new ArrayList<>();
        StepVerifier.create(flux).recordWith(() -> out).thenConsumeWhile(v -> true).expectComplete().verify(timeout);
        return out;
    }

    /** Waits for {@code publisher} to complete, whatever it emits. */
    static void done(Publisher<?> publisher, Duration timeout) {
        StepVerifier.create(publisher).thenConsumeWhile(v -> true).expectComplete().verify(timeout);
    }
}
