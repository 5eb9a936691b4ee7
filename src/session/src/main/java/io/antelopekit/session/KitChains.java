package io.antelopekit.session;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A {@link SessionKit}'s chains, in the order given, each with the one {@link ChainClient} its
 * sessions share for the kit's whole life (built for the kit, or given to it and left to its
 * owner) and its {@link AbiCache}. Immutable; {@link #dispose()} closes the clients built for it.
 */
final class KitChains {

    /**
     * One chain of the kit.
     *
     * @param definition the chain
     * @param client the client its sessions share
     * @param owned whether the client was built for the kit (and is closed with it)
     * @param abiCache the ABI cache its sessions share
     */
    record Chain(ChainDefinition definition, ChainClient client, boolean owned, AbiCache abiCache) {
        Chain {
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(abiCache, "abiCache");
        }
    }

    private final List<Checksum256> order;
    private final List<ChainDefinition> definitions;
    private final Map<Checksum256, Chain> chains;

    private KitChains(List<Checksum256> order, List<ChainDefinition> definitions, Map<Checksum256, Chain> chains) {
        this.order = List.copyOf(order);
        this.definitions = List.copyOf(definitions);
        this.chains = Map.copyOf(chains);
    }

    /**
     * The chains {@code definitions} (ids all different), each with the client given in
     * {@code clients} or one {@code newClient} builds, and the cache given in {@code abiCaches} or
     * a {@link DefaultAbiCache} fetching through its client.
     *
     * @throws UnknownChainException if a client or a cache is given for a chain not among
     *     {@code definitions} (before any client is built)
     * @throws RuntimeException what {@code newClient} throws, once the clients it built before
     *     are closed
     */
    static KitChains of(List<ChainDefinition> definitions, Map<Checksum256, ChainClient> clients,
            Map<Checksum256, AbiCache> abiCaches, Function<ChainDefinition, ChainClient> newClient) {
        List<Checksum256> order = ids(definitions);
        unknown(clients.keySet(), order, "a client");
        unknown(abiCaches.keySet(), order, "an ABI cache");
        Map<Checksum256, Chain> map = new HashMap<>();
        try {
            for (ChainDefinition c : definitions) {
                ChainClient given = clients.get(c.id());
                ChainClient client = given != null ? given : Objects.requireNonNull(newClient.apply(c), "newClient");
                AbiCache cache = abiCaches.get(c.id());
                map.put(c.id(), new Chain(c, client, given == null, cache != null ? cache
                        : DefaultAbiCache.of(() -> client, DefaultAbiCache.DEFAULT_MAX_SIZE)));
            }
        } catch (RuntimeException e) {
            map.values().stream().filter(Chain::owned).forEach(chain -> chain.client().dispose());
            throw e;
        }
        return new KitChains(order, definitions, map);
    }

    private static void unknown(Iterable<Checksum256> given, List<Checksum256> order, String what) {
        for (Checksum256 id : given) {
            if (!order.contains(id)) {
                throw new UnknownChainException(what + " was given for chain " + id
                        + ", which is not among the kit's chains " + order);
            }
        }
    }

    /**
     * A client for {@code chain}: its URLs, the meter registry (a {@code MeterRegistry}, or
     * null; typed {@code Object} since Micrometer is optional), then {@code customizer}.
     */
    static ChainClient newClient(ChainDefinition chain, Object meterRegistry,
            BiConsumer<ChainDefinition, ChainClient.Builder> customizer) {
        ChainClient.Builder b = ChainClient.builder().endpoints(chain.urls().toArray(String[]::new));
        if (meterRegistry != null) {
            b.meterRegistry((MeterRegistry) meterRegistry);
        }
        if (customizer != null) {
            customizer.accept(chain, b);
        }
        return b.build();
    }

    /** The chains, in the order given (unmodifiable). */
    List<ChainDefinition> definitions() {
        return definitions;
    }

    /** The chain ids, in the order given (unmodifiable). */
    List<Checksum256> ids() {
        return order;
    }

    /**
     * The chain {@code id}.
     *
     * @param what what named it, for the error: "{@code what id} is not a chain of this kit"
     * @throws UnknownChainException if the kit has no such chain (or {@code id} is null)
     */
    Chain get(Checksum256 id, String what) {
        Chain chain = find(id);
        if (chain == null) {
            throw new UnknownChainException(what + " " + id + " is not a chain of this kit (it has " + order + ")");
        }
        return chain;
    }

    /** The chain {@code id}, or null when the kit has none (or {@code id} is null). */
    Chain find(Checksum256 id) {
        return id == null ? null : chains.get(id);
    }

    /** Closes the clients built for the kit; those given are left open. */
    void dispose() {
        for (Checksum256 id : order) {
            Chain chain = chains.get(id);
            if (chain.owned()) {
                chain.client().dispose();
            }
        }
    }

    /** The chain of {@code list} with id {@code id}, or null. */
    static ChainDefinition find(List<ChainDefinition> list, Checksum256 id) {
        for (ChainDefinition c : list) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** The ids of {@code list}, in order. */
    static List<Checksum256> ids(List<ChainDefinition> list) {
        List<Checksum256> ids = new ArrayList<>(list.size());
        list.forEach(c -> ids.add(c.id()));
        return ids;
    }
}
