package io.antelopekit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ActionTrace;
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

    /**
     * The header of a read-only transaction: a node checks neither its expiration nor its
     * reference block (nor signatures, nor authorizations, which it refuses), so none is needed
     * and the call is one request.
     */
    static final TransactionHeader HEADER = new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0);

    private ReadOnlyCall() {
    }

    static <R> Mono<R> call(ChainClient client, Action action, BinaryDecoder<R> result) {
        return Mono.fromCallable(() -> pack(action))
                .flatMap(client::sendReadOnlyTransaction)
                .map(response -> decode(response, action, result));
    }

    private static PackedTransaction pack(Action action) {
        return PackedTransaction.from(SignedTransaction.of(Transaction.of(HEADER, action)), Compression.NONE);
    }

    private static <R> R decode(TransactionResponse response, Action action, BinaryDecoder<R> result) {
        String what = "read-only action " + action.name() + " of " + action.account();
        if (response.processed() != null && response.processed().exception() != null) {
            throw failure(what, response.processed().exception());
        }
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

    /** The node's failure in its own words: name, message, and each stack entry's format with its data. */
    static ReadOnlyException failure(String what, JsonNode except) {
        StringBuilder sb = new StringBuilder(what).append(" failed: ").append(except.path("name").asText("?"));
        String message = except.path("message").asText("");
        if (!message.isEmpty()) {
            sb.append(" (").append(message).append(')');
        }
        for (JsonNode entry : except.path("stack")) {
            String format = entry.path("format").asText("");
            JsonNode data = entry.path("data");
            var fields = data.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                format = format.replace("${" + f.getKey() + "}", f.getValue().isTextual() ? f.getValue().asText()
                        : f.getValue().toString());
            }
            if (!format.isEmpty()) {
                sb.append(": ").append(format);
            }
        }
        return new ReadOnlyException(sb.toString(), except);
    }
}
