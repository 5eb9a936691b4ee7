package io.antelopekit.contract;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.BinaryDecoder;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import reactor.core.publisher.Mono;

/** One read-only action sent in a transaction of its own, its return value decoded. */
final class ReadOnlyCall {

    /** How long after the head block the transaction expires. */
    static final long EXPIRE_SECONDS = 60;

    private ReadOnlyCall() {
    }

    static <R> Mono<R> call(ChainClient client, Action action, BinaryDecoder<R> result) {
        return client.getInfo()
                .map(info -> pack(info, action))
                .flatMap(client::sendReadOnlyTransaction)
                .map(response -> decode(response, action, result));
    }

    private static PackedTransaction pack(ChainInfo info, Action action) {
        long now = info.headBlockTime().toInstant().getEpochSecond();
        TransactionHeader header = TransactionHeader.of(TimePointSec.of(now + EXPIRE_SECONDS), info.headBlockId());
        return PackedTransaction.from(SignedTransaction.of(Transaction.of(header, action)), Compression.NONE);
    }

    private static <R> R decode(TransactionResponse response, Action action, BinaryDecoder<R> result) {
        String what = "read-only action " + action.name() + " of " + action.account();
        if (response.processed() == null || response.processed().actionTraces() == null) {
            throw new ContractException("the node's answer to " + what + " has no action traces");
        }
        for (ActionTrace t : response.processed().actionTraces()) {
            if (t.creatorActionOrdinal() == 0 && action.account().equals(t.receiver())) {
                String hex = t.returnValueHexData();
                if (hex == null) {
                    throw new ContractException("the node sent no return value for " + what
                            + " (return_value_hex_data is missing)");
                }
                try {
                    return result.decode(Hex.decode("return_value_hex_data", hex));
                } catch (RuntimeException e) {
                    throw new ContractException("the return value of " + what + " does not decode: " + e.getMessage(), e);
                }
            }
        }
        throw new ContractException("the node's answer to " + what + " has no trace of the action");
    }
}
