package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.TimePoint;
import java.util.List;

/**
 * The trace of an executed (or failed) transaction.
 *
 * @param id the transaction id
 * @param blockNum the block it went into, or would have (uint32)
 * @param blockTime that block's time
 * @param producerBlockId that block's id once produced, else {@code null}
 * @param receipt status and billed resources, {@code null} for a failure trace without one
 * @param elapsed execution time in microseconds
 * @param netUsage NET used in bytes
 * @param scheduled whether it ran as a deferred transaction
 * @param actionTraces the action traces, in execution order
 * @param accountRamDelta RAM billed for a deferred transaction, or {@code null}
 * @param exception the exception that failed it (JSON {@code except}), or {@code null}
 * @param errorCode the contract's error code if it failed with one, or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionTrace(
        Checksum256 id,
        long blockNum,
        TimePoint blockTime,
        Checksum256 producerBlockId,
        TransactionReceiptHeader receipt,
        @Int64 long elapsed,
        @Int64 long netUsage,
        boolean scheduled,
        List<ActionTrace> actionTraces,
        AccountRamDelta accountRamDelta,
        @JsonProperty("except") JsonNode exception,
        @Int64 Long errorCode) {

    /** Copies the list; a JSON null becomes {@code null}. */
    public TransactionTrace {
        actionTraces = Models.copy(actionTraces);
        exception = Models.node(exception);
    }

    /**
     * Whether the transaction failed: it has an exception.
     *
     * @return true if {@code except} is set
     */
    public boolean failed() {
        return exception != null;
    }
}
