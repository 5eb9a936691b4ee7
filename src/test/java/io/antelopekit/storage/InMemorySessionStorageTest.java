package io.antelopekit.storage;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStorageTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void writesReadsAndRemoves() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        StepVerifier.create(storage.read("session")).expectComplete().verify(TIMEOUT);
        StepVerifier.create(storage.write("session", "{\"actor\":\"alice\"}").then(storage.read("session")))
                .expectNext("{\"actor\":\"alice\"}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(storage.write("session", "{}").then(storage.read("session")))
                .expectNext("{}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(storage.remove("session").then(storage.read("session"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(storage.remove("absent")).expectComplete().verify(TIMEOUT);
    }

    @Test
    void nothingIsWrittenBeforeSubscription() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        storage.write("k", "v");
        StepVerifier.create(storage.read("k")).expectComplete().verify(TIMEOUT);
    }

    @Test
    void concurrentWritersAllLand() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        Flux.range(0, 1000).flatMap(i -> storage.write("k" + i, "v" + i), 64).blockLast(TIMEOUT);
        assertThat(Flux.range(0, 1000).concatMap(i -> storage.read("k" + i)).collectList().block(TIMEOUT))
                .hasSize(1000).contains("v0", "v999");
    }
}
