package io.antelopekit.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link KafkaToChain}'s meters, tagged {@code group} and {@code instance}; only made when a
 * registry is given (Micrometer is an optional dependency).
 */
final class KafkaMeters {

    private final MeterRegistry registry;
    private final String group;
    private final String instance;
    private final AtomicInteger held = new AtomicInteger();
    private final Timer commitsDone;
    private final Timer commitsFailed;
    private final Counter deadLetters;

    KafkaMeters(MeterRegistry registry, String group, String instance) {
        this.registry = registry;
        this.group = group;
        this.instance = instance;
        Gauge.builder("antelopekit.kafka.held", held, AtomicInteger::get)
                .description("Request records taken and not yet committed").tags("group", group, "instance", instance)
                .register(registry);
        commitsDone = commitTimer("success");
        commitsFailed = commitTimer("error");
        deadLetters = Counter.builder("antelopekit.kafka.dead.letters").description("Records that were not requests")
                .tags("group", group, "instance", instance).register(registry);
    }

    private Timer commitTimer(String outcome) {
        return Timer.builder("antelopekit.kafka.commit").description("Kafka transactions of outcomes and offsets")
                .tags("group", group, "instance", instance, "outcome", outcome).register(registry);
    }

    /** One request's committed outcome. */
    void outcome(RequestOutcome o) {
        Counter.builder("antelopekit.kafka.requests").description("Requests whose outcome was committed")
                .tags("group", group, "instance", instance, "status", o.status().name(), "recovered", String.valueOf(o.recovered()))
                .register(registry).increment();
    }

    void deadLetter() {
        deadLetters.increment();
    }

    void commit(long nanos, boolean ok) {
        (ok ? commitsDone : commitsFailed).record(nanos, TimeUnit.NANOSECONDS);
    }

    void held(int records) {
        held.set(records);
    }
}
