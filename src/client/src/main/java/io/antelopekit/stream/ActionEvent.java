package io.antelopekit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import java.util.Objects;

/**
 * An action of an executed transaction in a block, as {@link BlockStream#actions(ActionFilter)}
 * emits it: where it is, the action itself, and its data decoded through the contract's ABI.
 *
 * @param blockNum      the block number
 * @param blockId       the block id
 * @param timestamp     the block's time
 * @param irreversible  whether the block was irreversible when fetched
 * @param transactionId the id of the transaction that holds it
 * @param actionIndex   its index among the transaction's actions
 * @param position      its position among all the actions of the block's executed transactions
 *                      (what a {@link Checkpoint} counts)
 * @param action        the action, with its binary data
 * @param data          its data decoded through the contract's ABI as JSON, or a missing node (see
 *                      {@link JsonNode#isMissingNode()}) when the contract has no ABI or the data do
 *                      not decode with it; {@link JsonNode#path(String)} reads either safely
 */
public record ActionEvent(long blockNum, Checksum256 blockId, BlockTimestamp timestamp, boolean irreversible,
        Checksum256 transactionId, int actionIndex, int position, Action action, JsonNode data) {

    /** Checks the values. */
    public ActionEvent {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(data, "data");
    }

    /** The contract, {@code action.account()}. */
    public Name contract() {
        return action.account();
    }

    /** The action's name, {@code action.name()}. */
    public Name name() {
        return action.name();
    }

    /** Whether {@link #data()} holds the decoded data. */
    public boolean isDecoded() {
        return !data.isMissingNode();
    }

    /**
     * The decoded data read into {@code type} by {@link ChainJson#mapper()}: a record whose
     * components are the ABI's field names (or carry {@code @JsonProperty}), or a chain type such
     * as {@link io.antelopekit.chain.Asset} for a single value.
     *
     * @throws IllegalStateException if the data were not decoded
     * @throws IllegalArgumentException if they do not fit {@code type}
     */
    public <T> T data(Class<T> type) {
        if (!isDecoded()) {
            throw new IllegalStateException("the data of " + contract() + "::" + name() + " at block " + blockNum
                    + " position " + position + " were not decoded: the contract has no ABI that reads them");
        }
        return ChainJson.mapper().convertValue(data, type);
    }

    /** The checkpoint after this action, to {@link BlockStream#commit(Checkpoint) commit} once handled. */
    public Checkpoint checkpoint() {
        return new Checkpoint(blockNum, blockId, position);
    }

    /** Where it is and what it is; not its data. */
    @Override
    public String toString() {
        return "ActionEvent[" + contract() + "::" + name() + " at block " + blockNum + " position " + position
                + ", transaction " + transactionId + "]";
    }
}
