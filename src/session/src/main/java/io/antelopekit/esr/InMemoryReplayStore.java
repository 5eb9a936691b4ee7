package io.antelopekit.esr;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import reactor.core.publisher.Mono;

/**
 * A {@link ReplayStore} in this process's memory, bounded. Records are dropped once they
 * expire; when the store is full of records that have not expired, the one that expires
 * soonest is dropped to make room (the least useful one to replay), and {@link #evictions()}
 * counts how often that happened: size the store for the logins expected within a proof's
 * lifetime.
 *
 * <pre>{@code
 * IdentityProofVerifier verifier = IdentityProofVerifier.builder()
 *         .chain(chainId, client).scope(Name.from("myapp"))
 *         .replayStore(InMemoryReplayStore.create(1_000_000))
 *         .build();
 * }</pre>
 */
public final class InMemoryReplayStore implements ReplayStore {

    /** Records kept at most by {@link #create()}: 100,000. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private record Entry(String key, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> byKey = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry =
            new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMillis, b.expiresAtMillis));
    private long evictions;

    private InMemoryReplayStore(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** A store of {@link #DEFAULT_MAX_ENTRIES} records on the system clock. */
    public static InMemoryReplayStore create() {
        return create(DEFAULT_MAX_ENTRIES);
    }

    /**
     * A store of at most {@code maxEntries} records on the system clock.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public static InMemoryReplayStore create(int maxEntries) {
        return create(maxEntries, Clock.systemUTC());
    }

    /**
     * A store of at most {@code maxEntries} records that tells expired ones by {@code clock}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public static InMemoryReplayStore create(int maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is not positive");
        }
        return new InMemoryReplayStore(maxEntries, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Mono<Boolean> markSeen(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return Mono.fromSupplier(() -> add(key, expiresAt.toEpochMilli()));
    }

    private synchronized boolean add(String key, long expiresAtMillis) {
        long now = clock.millis();
        purge(now);
        Entry old = byKey.get(key);
        if (old != null) {
            return false;
        }
        if (expiresAtMillis <= now) {
            return true; // already expired: nothing to remember (the verifier rejects it anyway)
        }
        if (byKey.size() >= maxEntries) {
            Entry soonest = byExpiry.poll();
            byKey.remove(soonest.key);
            evictions++;
        }
        Entry e = new Entry(key, expiresAtMillis);
        byKey.put(key, e);
        byExpiry.add(e);
        return true;
    }

    private void purge(long now) {
        Entry head;
        while ((head = byExpiry.peek()) != null && head.expiresAtMillis <= now) {
            byExpiry.poll();
            byKey.remove(head.key);
        }
    }

    /** Records kept now (expired ones may still count until the next call). */
    public synchronized int size() {
        return byKey.size();
    }

    /** Records dropped before their expiration because the store was full. */
    public synchronized long evictions() {
        return evictions;
    }

    /** The bound. */
    public int maxEntries() {
        return maxEntries;
    }

    @Override
    public String toString() {
        return "InMemoryReplayStore[size=" + size() + ", maxEntries=" + maxEntries + "]";
    }
}
