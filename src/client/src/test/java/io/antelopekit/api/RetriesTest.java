package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.model.ChainError;
import io.antelopekit.api.model.ChainErrorBody;
import io.antelopekit.chain.InvalidValueException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RetriesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final URI NODE = URI.create("http://node.example");

    private static ChainApiException answer(int status, long code, String name) {
        ChainErrorBody body = code == 0 ? null
                : new ChainErrorBody(status, "Internal Service Error", new ChainError(code, name, name, List.of()), null);
        return new ChainApiException(NODE, status, body, "");
    }

    private static ChainTransportException refused() {
        return new ChainTransportException(NODE, "connection refused", new IOException("refused"));
    }

    @Test
    void knowsTheClientsTransientFailures() {
        assertThat(Retries.isTransient(refused())).isTrue();
        assertThat(Retries.isTransient(new ChainTimeoutException(NODE, "no answer", Duration.ofSeconds(1), null))).isTrue();
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(Retries.isTransient(answer(status, 0, null))).as("HTTP %d", status).isTrue();
        }
        assertThat(Retries.isTransient(new TimeoutException("Reactor's timeout()"))).isTrue();
    }

    @Test
    void refusalsAndBadInputAreNotTransient() {
        assertThat(Retries.isTransient(answer(500, 3050003, "eosio_assert_message_exception"))).isFalse();
        assertThat(Retries.isTransient(answer(409, 3040008, "tx_duplicate"))).isFalse();
        assertThat(Retries.isTransient(answer(400, 0, null))).isFalse();
        assertThat(Retries.isTransient(new MalformedResponseException(NODE, 200, "not JSON", null))).isFalse();
        assertThat(Retries.isTransient(new InvalidValueException("bad name"))).isFalse();
        assertThat(Retries.isTransient(new IllegalStateException("a bug"))).isFalse();
        assertThat(Retries.isTransient(null)).isFalse();
    }

    @Test
    void walksCausesAndTheFirstSdkExceptionDecides() {
        assertThat(Retries.isTransient(Exceptions.propagate(new IOException("x", refused())))).isTrue();
        assertThat(Retries.isTransient(new CompletionException(refused()))).isTrue();
        assertThat(Retries.isTransient(new RuntimeException("app", new RuntimeException("wrap", refused())))).isTrue();
        // an SDK exception that says "not transient" wins over a transient cause it wraps
        assertThat(Retries.isTransient(new InvalidValueException("bad", refused()))).isFalse();
        // a cycle of causes ends the walk
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(Retries.isTransient(a)).isFalse();
    }

    @Test
    void aTransientErrorIsRetriedWithBackoff() {
        AtomicInteger tries = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> tries.incrementAndGet() < 3
                                ? Mono.<String>error(refused()) : Mono.just("ok"))
                        .retryWhen(Retries.transientBackoff(3, Duration.ofSeconds(1)).jitter(0)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))      // the first wait: 1 s
                .thenAwait(Duration.ofMillis(1))
                .expectNoEvent(Duration.ofMillis(1999))     // then 2 s
                .thenAwait(Duration.ofMillis(1))
                .expectNext("ok")
                .expectComplete().verify(TIMEOUT);
        assertThat(tries).hasValue(3);
    }

    @Test
    void aNonTransientErrorIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        ChainApiException refusal = answer(500, 3050003, "eosio_assert_message_exception");
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    tries.incrementAndGet();
                    return Mono.<String>error(refusal);
                }).retryWhen(Retries.transientBackoff(3, Duration.ofSeconds(1))))
                .expectSubscription()
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(refusal))
                .verify(Duration.ofSeconds(5));
        assertThat(tries).hasValue(1);
    }

    @Test
    void whenTheRetriesAreUsedUpTheLastFailureItselfIsSignalled() {
        AtomicInteger tries = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.<String>defer(() -> {
                    tries.incrementAndGet();
                    return Mono.error(refused());
                }).retryWhen(Retries.transientBackoff(2, Duration.ofMillis(100))))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(1))
                .expectError(ChainTransportException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(tries).hasValue(3);
    }
}
