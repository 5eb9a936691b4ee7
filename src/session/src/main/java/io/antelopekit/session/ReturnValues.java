package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.plugin.ActionReturnValue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The return values of a broadcast transaction's action traces, decoded through the contracts'
 * ABIs ({@code action_results}). A value that cannot be decoded is kept undecoded: never an error.
 */
final class ReturnValues {

    private ReturnValues() {
    }

    /** The values of the node's traces that carry one, in trace order. */
    static Mono<List<ActionReturnValue>> of(TransactionResponse response, Function<Name, Mono<Abi>> abiLookup) {
        if (response.processed() == null || response.processed().actionTraces() == null) {
            return Mono.just(List.of());
        }
        List<ActionTrace> withValue = null;
        for (ActionTrace t : response.processed().actionTraces()) {
            if (t.returnValueHexData() != null && !t.returnValueHexData().isEmpty() && t.act() != null) {
                if (withValue == null) {
                    withValue = new ArrayList<>(2);
                }
                withValue.add(t);
            }
        }
        if (withValue == null) {
            return Mono.just(List.of());
        }
        return Flux.fromIterable(withValue).concatMap(t -> returnValue(t, abiLookup)).collectList();
    }

    /**
     * One trace's return value. Decoded with the contract's ABI only where the contract's own code
     * ran the action (a notified receiver's value is not the action's declared result); without
     * an ABI (none to be had, or the lookup failed) it is kept undecoded.
     */
    static Mono<ActionReturnValue> returnValue(ActionTrace t, Function<Name, Mono<Abi>> abiLookup) {
        Name contract = t.act().account();
        Name action = t.act().name();
        String hex = t.returnValueHexData();
        ActionReturnValue undecoded = new ActionReturnValue(t.actionOrdinal(), contract, action, hex, null,
                t.returnValueData());
        if (t.receiver() != null && !t.receiver().equals(contract)) {
            return Mono.just(undecoded);
        }
        return abiLookup.apply(contract)
                .map(abi -> decode(abi, undecoded))
                .onErrorResume(x -> Mono.just(undecoded))
                .defaultIfEmpty(undecoded);
    }

    /**
     * {@code undecoded} decoded as the ABI's result type of its action: unchanged when the ABI
     * declares none; with the type named and no data when the bytes do not decode as it.
     */
    static ActionReturnValue decode(Abi abi, ActionReturnValue undecoded) {
        Optional<String> type = abi.actionResultType(undecoded.action());
        if (type.isEmpty()) {
            return undecoded;
        }
        JsonNode value;
        try {
            value = abi.decode(type.get(), Bytes.from(undecoded.hex()).bytes());
        } catch (RuntimeException x) {
            value = null;
        }
        return new ActionReturnValue(undecoded.actionOrdinal(), undecoded.contract(), undecoded.action(),
                undecoded.hex(), type.get(), value);
    }
}
