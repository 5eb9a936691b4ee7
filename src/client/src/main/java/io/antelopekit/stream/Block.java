package io.antelopekit.stream;

import io.antelopekit.api.model.BlockTransaction;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import java.util.List;
import java.util.Objects;

/**
 * A block as a {@link BlockStream} emits it.
 *
 * @param num          the block number
 * @param id           the block id
 * @param previous     the id of the block before it
 * @param timestamp    when it was produced
 * @param producer     who produced it
 * @param irreversible whether it was irreversible when fetched (always, following
 *                     {@link Follow#IRREVERSIBLE})
 * @param undone       how many of the blocks emitted just before this one are no longer on the
 *                     chain: following {@link Follow#HEAD}, the chain switched forks, and the
 *                     consumer should undo what it did for those last {@code undone} blocks before
 *                     it handles this one (which then has a number at or below theirs). 0 otherwise
 * @param transactions its transactions as the node gives them (status, usage, the packed
 *                     transaction and its JSON)
 */
public record Block(long num, Checksum256 id, Checksum256 previous, BlockTimestamp timestamp, Name producer,
        boolean irreversible, int undone, List<BlockTransaction> transactions) {

    /** Checks and copies. */
    public Block {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(producer, "producer");
        if (undone < 0) {
            throw new IllegalArgumentException("undone must not be negative: " + undone);
        }
        transactions = List.copyOf(transactions);
    }

    /** The checkpoint after this whole block, to {@link BlockStream#commit(Checkpoint) commit} once handled. */
    public Checkpoint checkpoint() {
        return Checkpoint.afterBlock(num, id);
    }

    /** Number, id and size; not the transactions. */
    @Override
    public String toString() {
        return "Block[" + num + " " + id + ", " + transactions.size() + " transactions"
                + (irreversible ? ", irreversible" : "") + (undone > 0 ? ", undoes " + undone : "") + "]";
    }
}
