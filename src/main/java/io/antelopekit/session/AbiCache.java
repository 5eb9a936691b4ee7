package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Contracts' ABIs, fetched once per contract; concurrent requests share one fetch; failures are not kept. */
final class AbiCache {

    private final ChainClient client;
    private final ConcurrentHashMap<Name, Mono<Abi>> entries = new ConcurrentHashMap<>();

    AbiCache(ChainClient client, Map<Name, Abi> preloaded) {
        this.client = client;
        preloaded.forEach((name, abi) -> entries.put(name, Mono.just(abi)));
    }

    Mono<Abi> get(Name contract) {
        return Mono.defer(() -> entries.computeIfAbsent(contract, this::load));
    }

    private Mono<Abi> load(Name contract) {
        return client.abi(contract)
                .switchIfEmpty(Mono.error(() -> new SessionException("contract " + contract + " has no ABI")))
                .cache(abi -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO)
                .doOnError(e -> entries.remove(contract));
    }
}
