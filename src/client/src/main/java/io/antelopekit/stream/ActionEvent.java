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
 * emits it: where it is, the action itself, who received it, and its data decoded through the
 * contract's ABI.
 *
 * <p>An action runs once for its contract and once more for each account it notifies
 * ({@code require_recipient}); each run is a trace with its own {@link #receiver()}. Read over
 * HTTP ({@code get_block}), a block holds only the transactions' top-level actions: each event's
 * receiver is its contract, and none is inline or a notification. Read from a state history node
 * ({@link BlockStream.Builder#stateHistory(String...)}), the events come from the traces:
 * inline actions and notifications too.
 *
 * @param blockNum      the block number
 * @param blockId       the block id
 * @param timestamp     the block's time
 * @param irreversible  whether the block was irreversible when fetched
 * @param transactionId the id of the transaction that holds it
 * @param actionIndex   its index among the transaction's actions (from a state history node: among
 *                      its action traces, the action ordinal less one)
 * @param position      its position among all the actions of the block's executed transactions
 *                      (what a {@link Checkpoint} counts; from a state history node, among all
 *                      their action traces, context-free ones aside)
 * @param action        the action, with its binary data
 * @param data          its data decoded through the contract's ABI as JSON, or a missing node (see
 *                      {@link JsonNode#isMissingNode()}) when the contract has no ABI or the data do
 *                      not decode with it; {@link JsonNode#path(String)} reads either safely
 * @param receiver      the account whose code ran it: the contract, or a notified account
 * @param inline        whether a contract sent it (an inline action, or a notification of one)
 *                      rather than the transaction
 * @param notification  whether it is a notification: the receiver is not the contract
 */
public record ActionEvent(long blockNum, Checksum256 blockId, BlockTimestamp timestamp, boolean irreversible,
        Checksum256 transactionId, int actionIndex, int position, Action action, JsonNode data, Name receiver,
        boolean inline, boolean notification) {

    /** Checks the values. */
    public ActionEvent {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(receiver, "receiver");
        if (notification == receiver.equals(action.account())) {
            throw new IllegalArgumentException("notification must be true exactly when the receiver " + receiver
                    + " is not the contract " + action.account());
        }
    }

    /**
     * A top-level action as its contract ran it: the receiver is the contract, not inline, not a
     * notification (what {@code get_block} holds).
     */
    public ActionEvent(long blockNum, Checksum256 blockId, BlockTimestamp timestamp, boolean irreversible,
            Checksum256 transactionId, int actionIndex, int position, Action action, JsonNode data) {
        this(blockNum, blockId, timestamp, irreversible, transactionId, actionIndex, position, action, data,
                Objects.requireNonNull(action, "action").account(), false, false);
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
        return "ActionEvent[" + contract() + "::" + name() + (notification ? " on " + receiver : "")
                + (inline ? ", inline" : "") + " at block " + blockNum + " position " + position
                + ", transaction " + transactionId + "]";
    }
}
