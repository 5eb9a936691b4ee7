package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a session's ABIs come from: those pinned by its builder (never fetched, never refreshed),
 * then its ABI cache (a kit's, one given, or a {@link DefaultAbiCache} of the session's own).
 */
final class SessionAbis {

    private final Map<Name, Abi> pinned;
    private final AbiCache cache;
    /** Whether {@link #cache} is the session's own (made here), not a kit's or one given. */
    private final boolean own;

    /**
     * @param pinned ABIs given to the builder
     * @param given the cache to share, or {@code null} for one of the session's own on {@code client}
     * @param client the session's client
     */
    SessionAbis(Map<Name, Abi> pinned, AbiCache given, ChainClient client) {
        this(Map.copyOf(pinned), given != null ? given : ownCache(client), given == null);
    }

    private SessionAbis(Map<Name, Abi> pinned, AbiCache cache, boolean own) {
        this.pinned = pinned;
        this.cache = cache;
        this.own = own;
    }

    private static AbiCache ownCache(ChainClient client) {
        return DefaultAbiCache.of(() -> client, DefaultAbiCache.DEFAULT_MAX_SIZE);
    }

    /**
     * These ABIs for a session on {@code client}: a kit's cache (or one given) stays shared; the
     * session's own cache starts afresh, fetching through {@code client}.
     */
    SessionAbis on(ChainClient client) {
        return own ? new SessionAbis(pinned, ownCache(client), true) : this;
    }

    /** The cache (not the pinned ABIs). */
    AbiCache cache() {
        return cache;
    }

    /** A contract's ABI: the pinned one, else the cache's. */
    Mono<Abi> abi(Name contract) {
        Abi abi = pinned.get(contract);
        return abi != null ? Mono.just(abi) : cache.abi(contract);
    }

    /** The lookup of one call: the call's own ABIs first, then {@link #abi}. */
    Function<Name, Mono<Abi>> lookup(Map<Name, Abi> given) {
        if (given.isEmpty()) {
            return this::abi;
        }
        return name -> {
            Abi abi = given.get(name);
            return abi != null ? Mono.just(abi) : abi(name);
        };
    }

    /** Whether a contract's ABI comes from the cache: only such an ABI is ever refreshed. */
    Predicate<Name> refreshable(Map<Name, Abi> given) {
        return name -> !given.containsKey(name) && !pinned.containsKey(name);
    }

    /** The cache's {@link AbiCache#refresh}. */
    Mono<Abi> refresh(Name contract, Abi stale) {
        return cache.refresh(contract, stale);
    }

    /** Forgets the cached ABI of each contract a broadcast {@code eosio::setabi} of {@code t} changed. */
    void invalidateSetAbi(Transaction t) {
        for (Action a : t.actions()) {
            Name target = AbiRefresh.setAbiTarget(a);
            if (target != null) {
                cache.invalidate(target);
            }
        }
    }
}
