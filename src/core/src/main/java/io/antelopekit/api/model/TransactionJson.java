package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.TimePointSec;
import java.util.List;

/**
 * A transaction as a node renders it in JSON (in blocks): header fields and actions whose data
 * the node decoded where it knew the ABI.
 *
 * @param expiration when it expires
 * @param refBlockNum TAPoS block number, low 16 bits (uint16)
 * @param refBlockPrefix TAPoS block prefix (uint32)
 * @param maxNetUsageWords NET limit in 8-byte words, 0 for none (varuint32)
 * @param maxCpuUsageMs CPU limit in milliseconds, 0 for none (uint8)
 * @param delaySec delay in seconds (varuint32)
 * @param contextFreeActions context-free actions
 * @param actions actions
 * @param transactionExtensions extensions as {@code [type, hex]} pairs, on nodes that send them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionJson(
        TimePointSec expiration,
        int refBlockNum,
        long refBlockPrefix,
        long maxNetUsageWords,
        int maxCpuUsageMs,
        long delaySec,
        List<ActionJson> contextFreeActions,
        List<ActionJson> actions,
        List<JsonNode> transactionExtensions) {

    /** Copies the lists. */
    public TransactionJson {
        contextFreeActions = Models.copy(contextFreeActions);
        actions = Models.copy(actions);
        transactionExtensions = Models.copy(transactionExtensions);
    }
}
