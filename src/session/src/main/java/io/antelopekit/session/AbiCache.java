package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import reactor.core.publisher.Mono;

/**
 * Contracts' ABIs of one chain, as the sessions encode and decode with them. A {@link SessionKit}
 * keeps one per chain, shared by all the sessions it makes for that chain; an application may
 * give its own ({@link SessionKit.Builder#abiCache}, {@link Session.Builder#abiCache}).
 *
 * <p>The sessions ask {@link #refresh} for a contract's ABI again when encoding an action meets an
 * action or a field the cached ABI does not know (a contract upgrade), and {@link #invalidate} a
 * contract after they broadcast an {@code eosio::setabi} for it. ABIs given to the builders
 * ({@code abi(...)}, {@code abis(...)}) are pinned: they never reach the cache, are never fetched
 * and never refreshed.
 */
public interface AbiCache {

    /**
     * The contract's ABI: cached, or fetched (concurrent requests share one fetch); a contract
     * without an ABI is a {@link SessionException}, a failed fetch is not kept.
     */
    Mono<Abi> abi(Name contract);

    /** Forgets the contract's ABI: the next {@link #abi} fetches it again. */
    void invalidate(Name contract);

    /**
     * The contract's ABI fetched again because {@code stale} (an ABI this cache gave) did not know
     * an action or a field. Requests that found the same stale ABI share one new fetch; if the
     * cache already holds another ABI, that one is given without a fetch.
     */
    default Mono<Abi> refresh(Name contract, Abi stale) {
        invalidate(contract);
        return abi(contract);
    }

    /** The default cache: ABIs fetched through {@code client}, at most {@value DefaultAbiCache#DEFAULT_MAX_SIZE}. */
    static AbiCache of(ChainClient client) {
        return DefaultAbiCache.of(client);
    }
}
