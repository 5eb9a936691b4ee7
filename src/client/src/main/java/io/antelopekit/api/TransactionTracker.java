package io.antelopekit.api;

import io.antelopekit.api.model.TransactionState;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Checksum256;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Follows a transaction for {@link ChainClient}: polls its status as a {@link PollPolicy} says,
 * emits the first state seen and each change after it, and completes after a final one. A
 * transaction that is not in a block once the last irreversible block is past its expiration is
 * reported {@code EXPIRED}, which nodes never say themselves. Immutable and thread-safe.
 */
final class TransactionTracker {

    private final Function<Checksum256, Mono<TransactionStatus>> status;
    private final PollPolicy policy;
    private final URI statusUrl;
    private final Scheduler timer;
    private final LongSupplier nanoClock;

    /**
     * A tracker polling {@code status}, waiting on {@code timer}, and measuring its timeout with
     * {@code nanoClock} (nanoseconds, such as {@link System#nanoTime()}); {@code statusUrl} is
     * named by its {@link ChainTimeoutException}.
     */
    TransactionTracker(Function<Checksum256, Mono<TransactionStatus>> status, PollPolicy policy, URI statusUrl,
            Scheduler timer, LongSupplier nanoClock) {
        this.status = Objects.requireNonNull(status, "status");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.statusUrl = Objects.requireNonNull(statusUrl, "statusUrl");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * The status changes of a transaction, cold.
     *
     * @param id the transaction's id
     * @param expiration the transaction's expiration when known, for nodes whose status does not
     *        give it; may be {@code null}
     * @return the states, the last final; a {@link ChainTimeoutException} when no final state
     *         comes within the policy's timeout
     */
    Flux<TransactionStatus> track(Checksum256 id, Instant expiration) {
        Objects.requireNonNull(id, "id");
        return Flux.defer(() -> {
            long deadline = nanoClock.getAsLong() + policy.timeout().toNanos();
            Poller poller = new Poller(policy);
            Mono<TransactionStatus> poll = Mono.defer(() -> status.apply(id)).map(s -> expired(s, expiration));
            return poll.expand(s -> {
                if (s.knownState().isFinal()) {
                    return Mono.empty();
                }
                Duration wait = poller.next(s.state());
                if (nanoClock.getAsLong() + wait.toNanos() - deadline > 0) {
                    return Mono.error(new ChainTimeoutException(statusUrl, "transaction " + id + " is still "
                            + s.state() + " after " + policy.timeout(), policy.timeout(), null));
                }
                return Mono.delay(wait, timer).then(poll);
            });
        }).distinctUntilChanged(TransactionStatus::state).takeUntil(s -> s.knownState().isFinal());
    }

    /**
     * {@code s}, or a copy in state {@code EXPIRED} when the transaction is not in a block and the
     * last irreversible block is past its expiration (the node's, else {@code knownExpiration}).
     */
    static TransactionStatus expired(TransactionStatus s, Instant knownExpiration) {
        TransactionState state = s.knownState();
        if (state == TransactionState.IN_BLOCK || state.isFinal() || s.irreversibleTimestamp() == null) {
            return s;
        }
        Instant expiration = s.expiration() != null ? s.expiration().toInstant() : knownExpiration;
        if (expiration == null || !s.irreversibleTimestamp().toInstant().isAfter(expiration)) {
            return s;
        }
        return new TransactionStatus(TransactionState.EXPIRED.name(), s.blockNumber(), s.blockId(),
                s.blockTimestamp(), s.expiration(), s.headNumber(), s.headId(), s.headTimestamp(),
                s.irreversibleNumber(), s.irreversibleId(), s.irreversibleTimestamp(), s.earliestTrackedBlockId(),
                s.earliestTrackedBlockNumber());
    }

    /** Waits of one tracking: back to the interval after a change, growing while nothing changes. */
    private static final class Poller {
        private final PollPolicy policy;
        private String last;
        private Duration wait;

        Poller(PollPolicy policy) {
            this.policy = policy;
        }

        Duration next(String state) {
            wait = wait == null || !Objects.equals(state, last) ? policy.interval() : policy.next(wait);
            last = state;
            return wait;
        }
    }
}
