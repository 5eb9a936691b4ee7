package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.util.List;

/**
 * The trace of one action (or notification) in a {@link TransactionTrace}.
 *
 * @param actionOrdinal its 1-based ordinal in the transaction
 * @param creatorActionOrdinal ordinal of the action that sent it, 0 for a top-level action
 * @param closestUnnotifiedAncestorActionOrdinal ordinal of its closest non-notification ancestor
 * @param receipt its receipt, {@code null} if it did not run
 * @param receiver the account whose code ran it
 * @param act the action
 * @param contextFree whether it is context-free
 * @param elapsed execution time in microseconds
 * @param console what the contract printed
 * @param trxId the transaction id
 * @param blockNum the block (uint32)
 * @param blockTime the block's time
 * @param producerBlockId the block's id once produced, else {@code null}
 * @param accountRamDeltas RAM usage changes it caused
 * @param exception the exception that failed it (JSON {@code except}), or {@code null}
 * @param errorCode the contract's error code, or {@code null}
 * @param returnValueHexData the action's return value in hex, on nodes that send it
 * @param returnValueData the return value decoded by the node, when it could
 * @param inlineTraces traces of the actions it sent, on APIs that nest them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionTrace(
        long actionOrdinal,
        long creatorActionOrdinal,
        long closestUnnotifiedAncestorActionOrdinal,
        ActionReceipt receipt,
        Name receiver,
        ActionJson act,
        boolean contextFree,
        @Int64 long elapsed,
        String console,
        Checksum256 trxId,
        long blockNum,
        TimePoint blockTime,
        Checksum256 producerBlockId,
        List<AccountRamDelta> accountRamDeltas,
        @JsonProperty("except") JsonNode exception,
        @Int64 Long errorCode,
        String returnValueHexData,
        JsonNode returnValueData,
        List<ActionTrace> inlineTraces) {

    /** Copies the lists; a JSON null becomes {@code null}. */
    public ActionTrace {
        accountRamDeltas = Models.copy(accountRamDeltas);
        inlineTraces = Models.copy(inlineTraces);
        exception = Models.node(exception);
        returnValueData = Models.node(returnValueData);
    }
}
