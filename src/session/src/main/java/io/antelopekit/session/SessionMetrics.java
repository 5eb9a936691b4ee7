package io.antelopekit.session;

import io.antelopekit.plugin.CancelledException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timers of a {@link Session}: {@value #TRANSACT}, {@value #SIGN} and {@value #BROADCAST}, each
 * tagged with {@code chain} (the chain id), {@code wallet} (the wallet id) and {@code outcome}
 * ({@code success}, {@code error} or {@code cancelled}: the subscription was cancelled, or the
 * user cancelled with a {@link CancelledException}). A timer's count is the number of calls.
 */
final class SessionMetrics {

    static final String TRANSACT = "antelopekit.session.transact";
    static final String SIGN = "antelopekit.session.sign";
    static final String BROADCAST = "antelopekit.session.broadcast";

    static final SessionMetrics NONE = new SessionMetrics(null, null, null);

    /** One meter: its three timers by outcome. */
    final class Meter {
        private final Timer success;
        private final Timer error;
        private final Timer cancelled;

        private Meter(String name, String description, String chain, String wallet) {
            this.success = timer(name, description, chain, wallet, "success");
            this.error = timer(name, description, chain, wallet, "error");
            this.cancelled = timer(name, description, chain, wallet, "cancelled");
        }

        private Timer timer(String name, String description, String chain, String wallet, String outcome) {
            return Timer.builder(name).description(description)
                    .tags("chain", chain, "wallet", wallet, "outcome", outcome)
                    .register(registry);
        }

        /** Times {@code operation} from subscription to its end, by outcome. */
        <T> Mono<T> time(Mono<T> operation) {
            return Mono.defer(() -> {
                long start = System.nanoTime();
                AtomicBoolean done = new AtomicBoolean();
                return operation
                        .doOnSuccess(v -> record(done, success, start))
                        .doOnError(e -> record(done, e instanceof CancelledException ? cancelled : error, start))
                        .doOnCancel(() -> record(done, cancelled, start));
            });
        }

        private void record(AtomicBoolean done, Timer timer, long start) {
            if (done.compareAndSet(false, true)) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    private final MeterRegistry registry;
    final Meter transact;
    final Meter sign;
    final Meter broadcast;

    private SessionMetrics(MeterRegistry registry, String chain, String wallet) {
        this.registry = registry;
        if (registry == null) {
            this.transact = null;
            this.sign = null;
            this.broadcast = null;
        } else {
            this.transact = new Meter(TRANSACT, "Session transacts, from the UI's onTransact to onTransactComplete",
                    chain, wallet);
            this.sign = new Meter(SIGN, "Wallet signatures of a session's transactions", chain, wallet);
            this.broadcast = new Meter(BROADCAST, "Broadcasts of a session's signed transactions", chain, wallet);
        }
    }

    /** The timers of a session on {@code chain} signing with {@code wallet}; none without a registry. */
    static SessionMetrics of(MeterRegistry registry, String chain, String wallet) {
        return registry == null ? NONE : new SessionMetrics(registry, chain, wallet);
    }

    <T> Mono<T> transact(Mono<T> operation) {
        return transact == null ? operation : transact.time(operation);
    }

    <T> Mono<T> sign(Mono<T> operation) {
        return sign == null ? operation : sign.time(operation);
    }

    <T> Mono<T> broadcast(Mono<T> operation) {
        return broadcast == null ? operation : broadcast.time(operation);
    }
}
