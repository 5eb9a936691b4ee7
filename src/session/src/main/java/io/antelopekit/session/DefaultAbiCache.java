package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The default {@link AbiCache}: ABIs fetched with {@code get_raw_abi} through a client (the
 * kit's current client of the chain), at most {@code maxSize} contracts, the least recently used
 * evicted first. Concurrent requests for one contract share the fetch in flight; a failed fetch
 * is dropped, so the next request fetches again.
 */
public final class DefaultAbiCache implements AbiCache {

    /** How many contracts' ABIs the cache keeps unless told otherwise. */
    public static final int DEFAULT_MAX_SIZE = 512;

    /** How long an ABI a refresh fetched is kept before another refresh may fetch it again. */
    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(5);

    /** One contract's fetch, and its ABI once it came. */
    private static final class Entry {
        Mono<Abi> fetch;
        volatile Abi abi;
        /** Whether a refresh made this entry, and when its ABI came (nanoTime). */
        boolean refreshed;
        volatile long fetchedAt;
    }

    private final Supplier<ChainClient> client;
    private final int maxSize;
    private final long minRefreshNanos;
    private final AtomicLong fetches = new AtomicLong();
    private final LinkedHashMap<Name, Entry> entries;

    private DefaultAbiCache(Supplier<ChainClient> client, int maxSize, Duration minRefreshInterval) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize " + maxSize + " is not positive");
        }
        this.maxSize = maxSize;
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("minRefreshInterval " + minRefreshInterval + " is negative");
        }
        this.minRefreshNanos = minRefreshInterval.toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Name, Entry> eldest) {
                return size() > DefaultAbiCache.this.maxSize;
            }
        };
    }

    /** A cache that fetches through {@code client}, of {@link #DEFAULT_MAX_SIZE}. */
    public static DefaultAbiCache of(ChainClient client) {
        Objects.requireNonNull(client, "client");
        return new DefaultAbiCache(() -> client, DEFAULT_MAX_SIZE, DEFAULT_MIN_REFRESH_INTERVAL);
    }

    /** A cache that fetches through the client {@code client} gives at each fetch, of {@code maxSize} contracts. */
    public static DefaultAbiCache of(Supplier<ChainClient> client, int maxSize) {
        return new DefaultAbiCache(client, maxSize, DEFAULT_MIN_REFRESH_INTERVAL);
    }

    /**
     * Like {@link #of(Supplier, int)}; an ABI that a refresh fetched is not refreshed again
     * before {@code minRefreshInterval} (so data the contract never knew does not fetch its ABI at
     * every transaction). The first refresh after a plain fetch always fetches.
     */
    public static DefaultAbiCache of(Supplier<ChainClient> client, int maxSize, Duration minRefreshInterval) {
        return new DefaultAbiCache(client, maxSize, Objects.requireNonNull(minRefreshInterval, "minRefreshInterval"));
    }

    @Override
    public Mono<Abi> abi(Name contract) {
        Objects.requireNonNull(contract, "contract");
        return Mono.defer(() -> {
            synchronized (entries) {
                Entry e = entries.get(contract);
                return e != null ? e.fetch : load(contract).fetch;
            }
        });
    }

    @Override
    public void invalidate(Name contract) {
        Objects.requireNonNull(contract, "contract");
        synchronized (entries) {
            entries.remove(contract);
        }
    }

    @Override
    public Mono<Abi> refresh(Name contract, Abi stale) {
        Objects.requireNonNull(contract, "contract");
        return Mono.defer(() -> {
            synchronized (entries) {
                Entry e = entries.get(contract);
                if (e != null && (e.abi == null || e.abi != stale)) {
                    return e.fetch; // in flight, or already refreshed by another request
                }
                if (e != null && e.refreshed && System.nanoTime() - e.fetchedAt < minRefreshNanos) {
                    return e.fetch; // refreshed a moment ago: the chain has nothing newer
                }
                Entry fresh = load(contract);
                fresh.refreshed = true;
                return fresh.fetch;
            }
        });
    }

    /** How many fetches the cache started. */
    public long fetches() {
        return fetches.get();
    }

    /** How many contracts it holds now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The largest number of contracts it holds. */
    public int maxSize() {
        return maxSize;
    }

    /** A new fetch for {@code contract}, put in the map (called holding the lock). */
    private Entry load(Name contract) {
        Entry entry = new Entry();
        entry.fetch = Mono.defer(() -> {
                    fetches.incrementAndGet();
                    return client.get().abi(contract);
                })
                .switchIfEmpty(Mono.error(() -> new SessionException("contract " + contract + " has no ABI")))
                .doOnNext(abi -> {
                    entry.fetchedAt = System.nanoTime();
                    entry.abi = abi;
                })
                .doOnError(x -> {
                    synchronized (entries) {
                        entries.remove(contract, entry);
                    }
                })
                .cache(); // this fetch's outcome, error too, for all who share it; the map forgets an error
        entries.put(contract, entry);
        return entry;
    }

    @Override
    public String toString() {
        return "DefaultAbiCache[" + size() + " of " + maxSize + "]";
    }
}
