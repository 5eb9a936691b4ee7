package io.antelopekit.api;

import io.antelopekit.api.ChainClientMeters.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import reactor.core.publisher.Mono;

/**
 * Records the client's meters, created on first use and then looked up by index, so the hot path
 * builds no tags. Without a registry every method does nothing.
 */
final class ClientMetrics {

    private static final Api[] APIS = Api.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    static final ClientMetrics NONE = new ClientMetrics(null);

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Timer> timers;
    private final AtomicReferenceArray<Counter> retries;
    private final AtomicReferenceArray<Counter> failovers;

    ClientMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timers = new AtomicReferenceArray<>(APIS.length * OUTCOMES.length);
        this.retries = new AtomicReferenceArray<>(APIS.length);
        this.failovers = new AtomicReferenceArray<>(APIS.length);
    }

    boolean enabled() {
        return registry != null;
    }

    /** Times each subscription to {@code exchange} and records its outcome. */
    <T> Mono<T> timed(Api api, Mono<T> exchange) {
        if (registry == null) {
            return exchange;
        }
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return exchange
                    .doOnSuccess(v -> record(api, Outcome.SUCCESS, start))
                    .doOnError(e -> record(api, Outcome.of(e), start))
                    .doOnCancel(() -> record(api, Outcome.CANCELLED, start));
        });
    }

    void retry(Api api) {
        if (registry != null) {
            counter(retries, ChainClientMeters.RETRIES, api).increment();
        }
    }

    void failover(Api api) {
        if (registry != null) {
            counter(failovers, ChainClientMeters.FAILOVERS, api).increment();
        }
    }

    private void record(Api api, Outcome outcome, long start) {
        timer(api, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Api api, Outcome outcome) {
        int i = api.ordinal() * OUTCOMES.length + outcome.ordinal();
        Timer t = timers.get(i);
        if (t == null) {
            t = Timer.builder(ChainClientMeters.REQUESTS.meterName())
                    .description("Chain API requests (each try), by endpoint and outcome")
                    .tag(ChainClientMeters.ENDPOINT, api.tag())
                    .tag(ChainClientMeters.OUTCOME, outcome.tagValue())
                    .register(registry);
            timers.set(i, t);
        }
        return t;
    }

    private Counter counter(AtomicReferenceArray<Counter> cache, ChainClientMeters meter, Api api) {
        Counter c = cache.get(api.ordinal());
        if (c == null) {
            c = Counter.builder(meter.meterName())
                    .description(meter == ChainClientMeters.RETRIES ? "Chain API retries" : "Chain API retries sent to another node")
                    .tag(ChainClientMeters.ENDPOINT, api.tag())
                    .register(registry);
            cache.set(api.ordinal(), c);
        }
        return c;
    }
}
