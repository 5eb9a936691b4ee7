package io.antelopekit.spring;

import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Lifecycle}: waiting at startup and shutdown, bounded, and never on a non-blocking thread. */
@ExtendWith(BlockHoundSupport.class)
class LifecycleTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shutdownStartsEveryClosingAndStopsWaitingAfterTheTimeout() {
        // "never" makes it wait the whole timeout; the others are done long before
        Lifecycle lifecycle = new Lifecycle(Duration.ofSeconds(2));
        List<String> closed = new CopyOnWriteArrayList<>();
        lifecycle.onClose("never", Mono::never);
        lifecycle.onClose("failing", () -> Mono.error(new IllegalStateException("boom")));
        lifecycle.onClose("quick", () -> Mono.fromRunnable(() -> closed.add("quick")));
        lifecycle.onClose("elsewhere", () -> Mono.fromRunnable(() -> closed.add("elsewhere"))
                .subscribeOn(Schedulers.boundedElastic()).then());
        lifecycle.destroy(); // returns although "never" never completes, and does not throw for "failing"
        assertThat(closed).containsExactlyInAnyOrder("quick", "elsewhere");
        lifecycle.destroy(); // a second time closes nothing again
        assertThat(closed).hasSize(2);
    }

    @Test
    void onANonBlockingThreadShutdownStartsTheClosingsWithoutWaiting() {
        Lifecycle lifecycle = new Lifecycle(TIMEOUT);
        List<String> closed = new CopyOnWriteArrayList<>();
        Sinks.Empty<Void> release = Sinks.empty();
        lifecycle.onClose("slow", () -> release.asMono().then(Mono.fromRunnable(() -> closed.add("slow"))));
        // destroy returns while the closing still waits for its release
        StepVerifier.create(Mono.fromRunnable(lifecycle::destroy).subscribeOn(Schedulers.parallel())
                        .then(Mono.fromCallable(() -> closed.size())))
                .expectNext(0)
                .expectComplete()
                .verify(TIMEOUT);
        release.tryEmitEmpty();
        assertThat(closed).containsExactly("slow");
    }

    @Test
    void startupWaitsForTheValueOrNamesWhatFailed() {
        assertThat(Lifecycle.await(Mono.delay(Duration.ofMillis(10)).thenReturn("bound"), TIMEOUT, "the server"))
                .isEqualTo("bound");
        assertThatThrownBy(() -> Lifecycle.await(Mono.error(new IllegalStateException("port taken")), TIMEOUT,
                "antelopekit.esr.receiver: the callback server"))
                .isInstanceOf(AntelopeKitConfigurationException.class)
                .hasMessage("antelopekit configuration is invalid: antelopekit.esr.receiver: the callback server:"
                        + " java.lang.IllegalStateException: port taken")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Lifecycle.await(Mono.never(), Duration.ofMillis(100), "the server"))
                .isInstanceOf(AntelopeKitConfigurationException.class)
                .hasMessageEndingWith("the server: not done after PT0.1S");
    }

    @Test
    void startupRefusesToWaitOnANonBlockingThread() {
        StepVerifier.create(Mono.fromCallable(() -> Lifecycle.await(Mono.just(1), TIMEOUT, "the server"))
                        .subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AntelopeKitConfigurationException.class)
                        .hasMessageContaining("the server: cannot wait for it on the non-blocking thread parallel-"))
                .verify(TIMEOUT);
    }
}
