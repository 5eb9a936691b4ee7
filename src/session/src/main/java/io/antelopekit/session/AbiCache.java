package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Contracts' ABIs, fetched once per contract ({@code get_raw_abi}) through the session's current
 * client; concurrent requests for one contract share the one fetch in flight; a failed fetch is
 * dropped, so the next request fetches again.
 */
final class AbiCache {

    private final Supplier<ChainClient> client;
    private final ConcurrentHashMap<Name, Mono<Abi>> entries = new ConcurrentHashMap<>();

    AbiCache(Supplier<ChainClient> client, Map<Name, Abi> preloaded) {
        this.client = client;
        preloaded.forEach((name, abi) -> entries.put(name, Mono.just(abi)));
    }

    Mono<Abi> get(Name contract) {
        return Mono.defer(() -> {
            Mono<Abi> known = entries.get(contract);
            return known != null ? known : entries.computeIfAbsent(contract, this::load);
        });
    }

    private Mono<Abi> load(Name contract) {
        AtomicReference<Mono<Abi>> self = new AtomicReference<>();
        Mono<Abi> fetch = Mono.defer(() -> client.get().abi(contract))
                .switchIfEmpty(Mono.error(() -> new SessionException("contract " + contract + " has no ABI")))
                .doOnError(e -> entries.remove(contract, self.get()))
                .cache(); // this fetch's outcome, error too, for all who share it; the map forgets an error
        self.set(fetch);
        return fetch;
    }
}
