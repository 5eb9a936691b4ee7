package io.antelopekit.spring;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.UnknownChainException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One {@link ChainClient} per configured chain, found by chain id or by the chain's name; the
 * bean {@link AntelopeKitAutoConfiguration} makes from {@code antelopekit.chains}, and the chains
 * the auto-configured {@code SessionKit} works on. Define a bean of this type to replace it.
 *
 * <pre>{@code
 * @Autowired ChainClients chains;
 * chains.get("jungle4").getInfo().subscribe(info -> log.info("head {}", info.headBlockNum()));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Owns its clients: {@link #dispose()} (also {@link #close()}, so a
 * bean of this type is closed by Spring) closes them without waiting; {@link #disposeLater()}
 * completes once their connection pools are closed.
 */
public final class ChainClients implements Disposable, AutoCloseable {

    private final List<ChainDefinition> chains;
    private final Map<Checksum256, ChainClient> byId;
    private final Map<String, ChainDefinition> byName;
    private final AtomicBoolean disposed = new AtomicBoolean();

    private ChainClients(List<ChainDefinition> chains, Map<Checksum256, ChainClient> byId) {
        this.chains = chains;
        this.byId = byId;
        Map<String, ChainDefinition> names = new LinkedHashMap<>();
        chains.forEach(c -> {
            if (c.name() != null) {
                names.putIfAbsent(c.name(), c);
            }
        });
        this.byName = Map.copyOf(names);
    }

    /**
     * Makes a client for each chain with {@code factory}; if one fails, those made are closed.
     *
     * @param chains the chains (ids must differ)
     * @param factory makes a chain's client
     * @throws IllegalArgumentException if a chain id is given twice
     */
    public static ChainClients of(List<ChainDefinition> chains, Function<ChainDefinition, ChainClient> factory) {
        Objects.requireNonNull(chains, "chains");
        Objects.requireNonNull(factory, "factory");
        Map<Checksum256, ChainClient> clients = new LinkedHashMap<>();
        try {
            for (ChainDefinition c : chains) {
                Objects.requireNonNull(c, "chain");
                if (clients.containsKey(c.id())) {
                    throw new IllegalArgumentException("chain id " + c.id() + " is given twice");
                }
                clients.put(c.id(), Objects.requireNonNull(factory.apply(c), "factory's client for chain " + c.id()));
            }
        } catch (RuntimeException e) {
            clients.values().forEach(ChainClient::dispose);
            throw e;
        }
        return new ChainClients(List.copyOf(chains), clients);
    }

    /** The chains, in order. */
    public List<ChainDefinition> chains() {
        return chains;
    }

    /**
     * The chain with this id or name (an id is 64 hex digits; anything else is a name).
     *
     * @throws UnknownChainException if there is none
     */
    public ChainDefinition chain(String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName");
        ChainDefinition byNameHit = byName.get(idOrName);
        if (byNameHit != null) {
            return byNameHit;
        }
        Checksum256 id = parseId(idOrName);
        if (id != null && byId.containsKey(id)) {
            for (ChainDefinition c : chains) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
        }
        throw unknown("'" + idOrName + "'");
    }

    /**
     * The client of chain {@code id}.
     *
     * @throws UnknownChainException if there is no such chain
     */
    public ChainClient get(Checksum256 id) {
        return find(id).orElseThrow(() -> unknown(String.valueOf(id)));
    }

    /**
     * The client of the chain with this id or name.
     *
     * @throws UnknownChainException if there is no such chain
     */
    public ChainClient get(String idOrName) {
        return byId.get(chain(idOrName).id());
    }

    /** The client of chain {@code id}, if there is one. */
    public Optional<ChainClient> find(Checksum256 id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /** Closes every client's connection pool, without waiting. */
    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            byId.values().forEach(ChainClient::dispose);
        }
    }

    /** {@link #dispose()}. */
    @Override
    public void close() {
        dispose();
    }

    /**
     * Closes every client's connection pool.
     *
     * @return completes once they are closed
     */
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            disposed.set(true);
            return Flux.fromIterable(byId.values()).flatMap(ChainClient::disposeLater).then();
        });
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(chains.size());
        for (ChainDefinition c : chains) {
            parts.add((c.name() != null ? c.name() + "=" : "") + byId.get(c.id()));
        }
        return "ChainClients" + parts;
    }

    private UnknownChainException unknown(String what) {
        List<String> known = new ArrayList<>(chains.size());
        chains.forEach(c -> known.add(c.name() != null ? c.name() + " (" + c.id() + ")" : c.id().toString()));
        return new UnknownChainException("no chain " + what + " among " + known);
    }

    private static Checksum256 parseId(String s) {
        if (s.length() != 64) {
            return null;
        }
        try {
            return Checksum256.from(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
