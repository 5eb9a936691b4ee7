package io.antelopekit.storage;

import io.antelopekit.test.AtomicUpdateAllContract;
import io.antelopekit.test.ExpiringKeysContract;
import io.antelopekit.test.KeysContract;
import io.antelopekit.test.MutableClock;
import io.antelopekit.test.UpdateAllContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStorageTest implements AtomicUpdateAllContract, KeysContract, ExpiringKeysContract {

    @Override
    public ReactiveSessionStorage newStorage() {
        return ReactiveSessionStorage.inMemory();
    }

    @Override
    public ReactiveSessionStorage newStorage(MutableClock clock) {
        return ReactiveSessionStorage.inMemory(clock);
    }

    /** Keys that expired and that no one reads again do not stay in memory: the changes that follow remove them. */
    @Test
    void expiredKeysLeaveMemoryWithTheChangesThatFollow() {
        MutableClock clock = ExpiringKeysContract.clock();
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory(clock);
        for (int i = 0; i < 100; i++) {
            String key = "s" + i;
            storage.updateAll(java.util.Set.of(key), values -> java.util.Map.of(key, "v"),
                    java.util.Map.of(key, Duration.ofMinutes(i < 50 ? 1 : 10))).block(TIMEOUT);
        }
        assertThat(storage.toString()).isEqualTo("InMemorySessionStorage[100 keys]");
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 3; i++) {
            storage.write("other", "v" + i).block(TIMEOUT);
        }
        // 50 expired, swept 32 per change; the 50 others and "other" stay
        assertThat(storage.toString()).isEqualTo("InMemorySessionStorage[51 keys]");
        assertThat(KeysContract.keys(storage, "s")).hasSize(50);
    }

    @Override
    public ReactiveSessionStorage[] twoInstancesOnNewData() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        return new ReactiveSessionStorage[] {storage, storage};
    }

    /** The interface's default {@code updateAll}, over a store that implements only the rest: right for one writer. */
    @Nested
    class DefaultUpdateAll implements UpdateAllContract {
        @Override
        public ReactiveSessionStorage newStorage() {
            ReactiveSessionStorage inner = ReactiveSessionStorage.inMemory();
            return new ReactiveSessionStorage() {
                @Override
                public Mono<Void> write(String key, String value) {
                    return inner.write(key, value);
                }

                @Override
                public Mono<String> read(String key) {
                    return inner.read(key);
                }

                @Override
                public Mono<Void> remove(String key) {
                    return inner.remove(key);
                }
            };
        }
    }

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

    @Test
    void concurrentUpdatesOfOneKeyLoseNothing() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        Flux.range(0, 500).parallel(4).runOn(reactor.core.scheduler.Schedulers.parallel())
                .flatMap(i -> storage.update("list", old -> (old == null ? "" : old + ",") + i))
                .sequential().blockLast(TIMEOUT);
        String list = storage.read("list").block(TIMEOUT);
        assertThat(list.split(",")).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void anUpdateToNullRemovesAndAFailedUpdateKeepsTheValue() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        storage.write("k", "v").block(TIMEOUT);
        StepVerifier.create(storage.update("k", old -> { throw new IllegalStateException("no"); }))
                .expectError(IllegalStateException.class).verify(TIMEOUT);
        assertThat(storage.read("k").block(TIMEOUT)).isEqualTo("v");
        StepVerifier.create(storage.update("k", old -> null)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(storage.read("k")).expectComplete().verify(TIMEOUT);
    }
}
