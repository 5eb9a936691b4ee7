package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.session.internal.Placeholders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The transaction of a transact's actions or transaction (not of a signing request, see
 * {@link ResolvedRequest}): action requests encoded through the ABIs, and the signer's
 * placeholders resolved in authorizations and in the data's {@code name} values. A transaction
 * built from actions has its header unset (TAPoS and expiration come later).
 */
final class TransactionAssembler {

    static final TransactionHeader UNSET_HEADER = new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0);

    private final PermissionLevel signer;
    private final SessionAbis abis;

    /**
     * @param signer who the placeholders stand for
     * @param abis whose cache refreshes an ABI that does not know an action or a field
     */
    TransactionAssembler(PermissionLevel signer, SessionAbis abis) {
        this.signer = signer;
        this.abis = abis;
    }

    /**
     * The transaction of {@code args} (which hold actions or a transaction).
     *
     * @param abiLookup the call's ABIs
     * @param refreshable whether a contract's ABI may be fetched again when it looks older than the
     *     action encoded with it
     */
    Mono<Transaction> build(TransactArgs args, Function<Name, Mono<Abi>> abiLookup, Predicate<Name> refreshable) {
        if (args.transaction() != null) {
            Transaction t = args.transaction();
            return resolveEncoded(t.actions(), abiLookup).flatMap(actions ->
                    resolveEncoded(t.contextFreeActions(), abiLookup).map(cfas -> {
                        Transaction out = actions == t.actions() ? t : t.withActions(actions);
                        return cfas == t.contextFreeActions() ? out : out.withContextFreeActions(cfas);
                    }));
        }
        List<Object> items = args.actions();
        if (items.size() == 1) {
            return toAction(items.get(0), abiLookup, refreshable).map(a -> Transaction.of(UNSET_HEADER, a));
        }
        return Flux.fromIterable(items).concatMap(i -> toAction(i, abiLookup, refreshable), items.size())
                .collectList().map(actions -> Transaction.of(UNSET_HEADER, actions));
    }

    private Mono<Action> toAction(Object item, Function<Name, Mono<Abi>> abiLookup, Predicate<Name> refreshable) {
        if (item instanceof Action a) {
            return resolveEncoded(a, abiLookup);
        }
        ActionRequest r = (ActionRequest) item;
        Name contract = r.account();
        if (!refreshable.test(contract)) {
            return abiLookup.apply(contract).map(abi -> encode(r, abi));
        }
        // a cached ABI that does not know the action or a field may be older than the contract:
        // fetched again once, and the action encoded once more (its error then is the error)
        return abiLookup.apply(contract).flatMap(abi -> {
            if (AbiRefresh.unknownActionOrField(abi, r.name(), r.data())) {
                return abis.refresh(contract, abi).map(fresh -> encode(r, fresh));
            }
            try {
                return Mono.just(encode(r, abi));
            } catch (AbiSerializationException x) {
                return abis.refresh(contract, abi).map(fresh -> encode(r, fresh));
            }
        });
    }

    private Action encode(ActionRequest r, Abi abi) {
        return resolveData(Action.of(r.account(), r.name().toString(),
                Placeholders.resolve(r.authorization(), signer), r.data(), abi), abi);
    }

    /** Encoded actions with placeholders resolved; the same list when none had any. */
    private Mono<List<Action>> resolveEncoded(List<Action> actions, Function<Name, Mono<Abi>> abiLookup) {
        List<Action> out = null;
        boolean async = false;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            Action resolved = resolveAuthorization(a);
            async |= mayHoldPlaceholder(a);
            if (resolved != a) {
                if (out == null) {
                    out = new ArrayList<>(actions);
                }
                out.set(i, resolved);
            }
        }
        if (!async) {
            return Mono.just(out == null ? actions : out);
        }
        return Flux.fromIterable(actions).concatMap(a -> resolveEncoded(a, abiLookup)).collectList();
    }

    private static boolean mayHoldPlaceholder(Action a) {
        return a.data().length() >= 8 && Placeholders.mayContain(a.data().bytes());
    }

    /**
     * An encoded action with its placeholders resolved: in its authorization always; in its data
     * through the contract's ABI (the options', the cache's, or fetched) when the bytes may hold
     * one. Data that no ABI can be had for, or that does not decode with it, is kept as given.
     */
    private Mono<Action> resolveEncoded(Action a, Function<Name, Mono<Abi>> abiLookup) {
        Action authorized = resolveAuthorization(a);
        if (!mayHoldPlaceholder(a)) {
            return Mono.just(authorized);
        }
        return abiLookup.apply(a.account()).map(abi -> {
            try {
                return abi.actionType(a.name()).isPresent() ? resolveData(authorized, abi) : authorized;
            } catch (RuntimeException x) {
                return authorized;
            }
        }).onErrorResume(x -> Mono.just(authorized)).defaultIfEmpty(authorized);
    }

    /** {@code a} with the placeholders in its data's {@code name} values resolved. */
    private Action resolveData(Action a, Abi abi) {
        if (!mayHoldPlaceholder(a)) {
            return a;
        }
        Bytes data = a.data();
        Bytes resolved = Placeholders.resolveData(abi, abi.actionType(a.name()).orElseThrow(), data, signer);
        return resolved == data ? a : Action.of(a.account(), a.name().toString(), a.authorization(), resolved, abi);
    }

    private Action resolveAuthorization(Action a) {
        List<PermissionLevel> auth = a.authorization();
        List<PermissionLevel> resolved = Placeholders.resolve(auth, signer);
        return resolved == auth ? a : a.withAuthorization(resolved);
    }
}
