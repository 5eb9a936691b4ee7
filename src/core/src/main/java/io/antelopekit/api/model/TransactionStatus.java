package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.TimePoint;

/**
 * The answer of {@code /v1/chain/get_transaction_status} (nodes with the transaction finality
 * status feature): where a transaction is, and the node's head and irreversible blocks.
 *
 * <pre>{@code
 * TransactionStatus s = ChainJson.mapper().readValue(body, TransactionStatus.class);
 * if (s.knownState() == TransactionState.IRREVERSIBLE) { ... }
 * }</pre>
 *
 * @param state the node's state name, see {@link #knownState()}
 * @param blockNumber the block holding it, if any (uint32)
 * @param blockId that block's id, if any
 * @param blockTimestamp that block's time, if any
 * @param expiration the transaction's expiration, if known
 * @param headNumber the node's head block number
 * @param headId the node's head block id
 * @param headTimestamp the node's head block time
 * @param irreversibleNumber the node's last irreversible block number
 * @param irreversibleId the node's last irreversible block id
 * @param irreversibleTimestamp the node's last irreversible block time
 * @param earliestTrackedBlockId the oldest block whose transactions the node tracks
 * @param earliestTrackedBlockNumber that block's number
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionStatus(
        String state,
        Long blockNumber,
        Checksum256 blockId,
        TimePoint blockTimestamp,
        TimePoint expiration,
        long headNumber,
        Checksum256 headId,
        TimePoint headTimestamp,
        long irreversibleNumber,
        Checksum256 irreversibleId,
        TimePoint irreversibleTimestamp,
        Checksum256 earliestTrackedBlockId,
        long earliestTrackedBlockNumber) {

    /**
     * The state as a {@link TransactionState}.
     *
     * @return the state, {@link TransactionState#OTHER} for a name this SDK does not know
     */
    public TransactionState knownState() {
        return TransactionState.of(state);
    }
}
