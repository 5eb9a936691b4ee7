package io.antelopekit.session;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The chain's head for TAPoS: one {@code get_info} (through the session's client) shared
 * by every transaction; once older than
 * {@code refreshAfter} it is refreshed in the background while still used, and waited for only
 * when missing or older than {@code maxAge}.
 */
final class HeadCache {

    record Head(ChainInfo info, long fetchedNanos) {
        /** The chain's time now, estimated from the head block time and the age of the answer. */
        Instant chainTimeNow() {
            return info.headBlockTime().toInstant().plusNanos(System.nanoTime() - fetchedNanos);
        }

        /**
         * {@code t} with TAPoS (reference block: the last irreversible) and an expiration
         * {@code expireSeconds} from the chain's time now; its limits and delay are kept.
         */
        Transaction withHeader(Transaction t, int expireSeconds) {
            TransactionHeader old = t.header();
            long expiration = chainTimeNow().getEpochSecond() + expireSeconds;
            return t.withHeader(new TransactionHeader(TimePointSec.of(expiration),
                    info.refBlockNum(ChainInfo.TaposBlock.LAST_IRREVERSIBLE),
                    info.refBlockPrefix(ChainInfo.TaposBlock.LAST_IRREVERSIBLE),
                    old.maxNetUsageWords(), old.maxCpuUsageMs(), old.delaySec()));
        }
    }

    /** Whether {@code t}'s header is unset: no expiration and no reference block. */
    static boolean headerUnset(Transaction t) {
        TransactionHeader h = t.header();
        return h.expiration().seconds() == 0 && h.refBlockNum() == 0 && h.refBlockPrefix() == 0;
    }

    private final Supplier<ChainClient> client;
    private final long refreshAfterNanos;
    private final long maxAgeNanos;
    private final AtomicReference<Head> head = new AtomicReference<>();
    private final AtomicReference<Mono<Head>> inFlight = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    HeadCache(Supplier<ChainClient> client, Duration refreshAfter, Duration maxAge) {
        this.client = client;
        this.refreshAfterNanos = refreshAfter.toNanos();
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** A new, empty cache with the same ages, read through {@code client}. */
    HeadCache on(Supplier<ChainClient> client) {
        return new HeadCache(client, Duration.ofNanos(refreshAfterNanos), Duration.ofNanos(maxAgeNanos));
    }

        Mono<Head> get() {
        return Mono.defer(() -> {
            Head h = head.get();
            if (h != null) {
                long age = System.nanoTime() - h.fetchedNanos();
                if (age < refreshAfterNanos) {
                    return Mono.just(h);
                }
                if (age < maxAgeNanos) {
                    if (refreshing.compareAndSet(false, true)) {
                        fetch().doFinally(s -> refreshing.set(false)).subscribe(x -> { }, e -> { });
                    }
                    return Mono.just(h);
                }
            }
            return fetch();
        });
    }

    private Mono<Head> fetch() {
        Mono<Head> current = inFlight.get();
        if (current != null) {
            return current;
        }
        Mono<Head> created = Mono.defer(() -> client.get().getInfo())
                .map(info -> new Head(info, System.nanoTime()))
                .doOnNext(head::set)
                .doFinally(s -> inFlight.set(null))
                .cache(v -> Duration.ZERO, e -> Duration.ZERO, () -> Duration.ZERO);
        return inFlight.compareAndSet(null, created) ? created : fetch();
    }
}
