package io.antelopekit.session;

import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.CancelledException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The login timer of a {@link SessionKit}: {@value #LOGIN}, tagged with {@code chain} (a chain id
 * of the kit, or {@code none}), {@code wallet} (a wallet id of the kit, or {@code none}) and
 * {@code outcome} ({@code success}, {@code error} or {@code cancelled}), a closed set.
 */
final class LoginMetrics {

    static final String LOGIN = "antelopekit.session.login";
    static final String NONE = "none";

    /** What one login got to: written by the login's steps, read when it ends. */
    static final class Attempt {
        volatile String chain = NONE;
        volatile String wallet = NONE;

        /** Takes the chain and wallet chosen so far. */
        void note(LoginContext context) {
            if (context.chain() != null) {
                chain = context.chain().id().toString();
            }
            if (context.walletPlugin() != null) {
                wallet = context.walletPlugin().id();
            }
        }
    }

    private final MeterRegistry registry;

    LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> Mono<T> time(Mono<T> login, Attempt attempt) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            AtomicBoolean done = new AtomicBoolean();
            return login
                    .doOnSuccess(v -> record(done, attempt, "success", start))
                    .doOnError(e -> record(done, attempt, e instanceof CancelledException ? "cancelled" : "error", start))
                    .doOnCancel(() -> record(done, attempt, "cancelled", start));
        });
    }

    private void record(AtomicBoolean done, Attempt attempt, String outcome, long start) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        Timer.builder(LOGIN)
                .description("Session kit logins, from the UI's onLogin to onLoginComplete")
                .tags("chain", attempt.chain, "wallet", attempt.wallet, "outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
