package io.antelopekit.stream.ship;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import java.util.List;
import java.util.Objects;

/**
 * A block as {@link ShipClient#blocks(ShipRequest)} emits it.
 *
 * @param head             the node's head when it sent the block
 * @param lastIrreversible the node's last irreversible block then
 * @param position         this block
 * @param previous         the block before it, or {@code null} when the node does not have it
 * @param undone           how many blocks emitted just before this one are no longer on the chain
 *                         (the node switched forks: undo what was done for them before handling
 *                         this one, whose number is at or below theirs); 0 otherwise
 * @param signedBlock      the {@code signed_block} as JSON ({@code timestamp}, {@code producer},
 *                         {@code previous}, ..., {@code transactions}), or a missing node when not
 *                         asked for
 * @param traces           its transaction traces (empty when not asked for)
 * @param deltas           its table deltas (empty when not asked for)
 */
public record ShipBlock(ShipPosition head, ShipPosition lastIrreversible, ShipPosition position, ShipPosition previous,
        int undone, JsonNode signedBlock, List<ShipTransactionTrace> traces, List<ShipDelta> deltas) {

    /** Checks and copies. */
    public ShipBlock {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(lastIrreversible, "lastIrreversible");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(signedBlock, "signedBlock");
        if (undone < 0) {
            throw new IllegalArgumentException("undone must not be negative: " + undone);
        }
        traces = List.copyOf(traces);
        deltas = List.copyOf(deltas);
    }

    /** The block number. */
    public long num() {
        return position.blockNum();
    }

    /** The block id. */
    public Checksum256 id() {
        return position.blockId();
    }

    /** Whether the block was irreversible when sent. */
    public boolean irreversible() {
        return num() <= lastIrreversible.blockNum();
    }

    /** When it was produced, or {@code null} when the block was not asked for. */
    public BlockTimestamp timestamp() {
        return signedBlock.isObject() ? BlockTimestamp.from(signedBlock.path("timestamp").asText()) : null;
    }

    /** Who produced it, or {@code null} when the block was not asked for. */
    public Name producer() {
        return signedBlock.isObject() ? Name.from(signedBlock.path("producer").asText()) : null;
    }

    @Override
    public String toString() {
        return "ShipBlock[" + position + ", " + traces.size() + " traces, " + deltas.size() + " deltas"
                + (undone > 0 ? ", undoes " + undone : "") + "]";
    }
}
