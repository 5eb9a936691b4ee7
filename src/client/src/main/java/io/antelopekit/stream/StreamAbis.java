package io.antelopekit.stream;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.MalformedResponseException;
import io.antelopekit.chain.Name;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * A stream's contract ABIs: fetched once per contract with {@code get_raw_abi} (the fetches of one
 * contract in flight are shared, a failed one is forgotten), replaced when the stream meets the
 * contract's {@code eosio::setabi}, and the {@code name} fields of each action's data, for
 * {@link ActionFilter#account(Name...)}.
 */
final class StreamAbis {

    private static final System.Logger LOG = System.getLogger(BlockStream.class.getName());

    private final ChainClient client;
    private final ConcurrentHashMap<Name, Mono<Optional<Abi>>> abis = new ConcurrentHashMap<>();
    private final Map<Abi, Map<Name, Set<String>>> nameFields = new ConcurrentHashMap<>();

    StreamAbis(ChainClient client) {
        this.client = client;
    }

    Mono<Optional<Abi>> get(Name contract) {
        return Mono.defer(() -> {
            Mono<Optional<Abi>> known = abis.get(contract);
            return known != null ? known : abis.computeIfAbsent(contract, this::load);
        });
    }

    /** What an {@code eosio::setabi} of {@code contract} set: {@code null} for none. */
    void set(Name contract, Abi abi) {
        abis.put(contract, Mono.just(Optional.ofNullable(abi)));
    }

    private Mono<Optional<Abi>> load(Name contract) {
        AtomicReference<Mono<Optional<Abi>>> self = new AtomicReference<>();
        Mono<Optional<Abi>> fetch = Mono.defer(() -> client.abi(contract))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(MalformedResponseException.class, e -> {
                    // an ABI this SDK cannot read will not change by asking again: its actions
                    // come undecoded
                    LOG.log(System.Logger.Level.WARNING, () -> "the ABI of " + contract + " does not decode; its"
                            + " actions come undecoded: " + e.getMessage());
                    return Mono.just(Optional.empty());
                })
                .doOnError(e -> abis.remove(contract, self.get()))
                .cache();
        self.set(fetch);
        return fetch;
    }

    /** The top-level fields of {@code action}'s data whose type is {@code name}, its base structs' too. */
    Set<String> nameFields(Abi abi, Name action) {
        return nameFields.computeIfAbsent(abi, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(action, n -> abi.actionType(n)
                        .map(t -> fieldsOfType(abi.definition(), t, namesOf(abi.definition()), 0))
                        .orElse(Set.of()));
    }

    /** {@code name} and the type names that stand for it ({@code account_name} in older ABIs). */
    private static Set<String> namesOf(AbiDefinition def) {
        Set<String> names = new HashSet<>(Set.of("name"));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (AbiDefinition.TypeDef t : def.types()) {
                if (names.contains(t.type()) && names.add(t.newTypeName())) {
                    grew = true;
                }
            }
        }
        return names;
    }

    private static Set<String> fieldsOfType(AbiDefinition def, String struct, Set<String> types, int depth) {
        Set<String> out = new HashSet<>();
        if (depth > 32) {
            return out;
        }
        for (AbiDefinition.StructDef s : def.structs()) {
            if (s.name().equals(struct)) {
                if (!s.base().isEmpty()) {
                    out.addAll(fieldsOfType(def, s.base(), types, depth + 1));
                }
                for (AbiDefinition.FieldDef f : s.fields()) {
                    if (types.contains(f.type())) {
                        out.add(f.name());
                    }
                }
            }
        }
        return Set.copyOf(out);
    }
}
