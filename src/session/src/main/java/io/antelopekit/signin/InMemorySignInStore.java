package io.antelopekit.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A {@link SignInStore} in this process's memory, for a service of one instance (or instances
 * whose load balancer sends a browser and its wallet's callback to the same one). Bounded: when
 * {@link #maxEntries()} attempts are kept, a new one is refused until some expire.
 *
 * <pre>{@code
 * WalletSignIn signIn = WalletSignIn.builder()...store(InMemorySignInStore.create(10_000)).build();
 * }</pre>
 *
 * <p>Thread-safe; nothing blocks (short critical sections on one attempt at a time).
 */
public final class InMemorySignInStore implements SignInStore {

    /** Attempts kept at most by {@link #create()}: 100,000. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** One attempt and its watchers. */
    private static final class Entry {
        volatile SignInAttempt attempt;
        boolean gone;
        final Sinks.Many<SignInAttempt> changes = Sinks.many().replay().latest();

        Entry(SignInAttempt attempt) {
            this.attempt = attempt;
            changes.tryEmitNext(attempt);
        }

        /** Ends the watchers; under the entry's lock. */
        void remove() {
            gone = true;
            changes.tryEmitComplete();
        }
    }

    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private InMemorySignInStore(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** A store of at most {@link #DEFAULT_MAX_ENTRIES} attempts on the system clock. */
    public static InMemorySignInStore create() {
        return create(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    /**
     * A store of at most {@code maxEntries} attempts on the system clock.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public static InMemorySignInStore create(int maxEntries) {
        return create(maxEntries, Clock.systemUTC());
    }

    /**
     * A store of at most {@code maxEntries} attempts that tells expired ones by {@code clock}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public static InMemorySignInStore create(int maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is not positive");
        }
        return new InMemorySignInStore(maxEntries, Objects.requireNonNull(clock, "clock"));
    }

    /** The bound. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Attempts kept now (forgotten ones may count until the next {@link #create}). */
    public int size() {
        return entries.size();
    }

    @Override
    public Mono<Void> create(SignInAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return Mono.fromRunnable(() -> {
            if (entries.size() >= maxEntries) {
                purge();
                if (entries.size() >= maxEntries) {
                    throw new IllegalStateException("InMemorySignInStore is full: " + maxEntries
                            + " sign-in attempts are waiting; try again later");
                }
            }
            Entry fresh = new Entry(attempt);
            if (entries.putIfAbsent(attempt.id(), fresh) != null) {
                throw new IllegalArgumentException("sign-in attempt " + attempt.id() + " exists already");
            }
        });
    }

    @Override
    public Mono<SignInAttempt> get(String id) {
        Objects.requireNonNull(id, "id");
        return Mono.fromSupplier(() -> {
            Entry e = live(id);
            if (e == null) {
                return null;
            }
            synchronized (e) {
                return e.gone ? null : e.attempt;
            }
        });
    }

    @Override
    public Mono<Boolean> complete(String id, SignInOutcome outcome) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        return Mono.fromSupplier(() -> {
            Entry e = live(id);
            if (e == null) {
                return false;
            }
            synchronized (e) {
                if (e.gone || e.attempt.outcome() != null) {
                    return false;
                }
                e.attempt = e.attempt.withOutcome(outcome);
                e.changes.tryEmitNext(e.attempt);
                return true;
            }
        });
    }

    @Override
    public Mono<SignInAttempt> consume(String id) {
        Objects.requireNonNull(id, "id");
        return Mono.fromSupplier(() -> {
            Entry e = live(id);
            if (e == null) {
                return null;
            }
            synchronized (e) {
                if (e.gone || e.attempt.outcome() == null) {
                    return null;
                }
                e.remove();
                entries.remove(id, e);
                return e.attempt;
            }
        });
    }

    @Override
    public Flux<SignInAttempt> watch(String id) {
        Objects.requireNonNull(id, "id");
        return Flux.defer(() -> {
            Entry e = live(id);
            return e == null ? Flux.empty() : e.changes.asFlux().takeUntil(a -> a.outcome() != null);
        });
    }

    /** The entry, unless it is past its keeping time (then it is dropped). */
    private Entry live(String id) {
        Entry e = entries.get(id);
        if (e != null && forgotten(e.attempt, clock.instant())) {
            drop(id, e);
            return null;
        }
        return e;
    }

    private static boolean forgotten(SignInAttempt a, Instant now) {
        return now.isAfter(a.expiresAt().plus(KEEP_AFTER_EXPIRY));
    }

    private void drop(String id, Entry e) {
        synchronized (e) {
            e.remove();
        }
        entries.remove(id, e);
    }

    private void purge() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Entry> me = it.next();
            if (forgotten(me.getValue().attempt, now)) {
                drop(me.getKey(), me.getValue());
            }
        }
    }

    @Override
    public String toString() {
        return "InMemorySignInStore[size=" + entries.size() + ", maxEntries=" + maxEntries + "]";
    }
}
