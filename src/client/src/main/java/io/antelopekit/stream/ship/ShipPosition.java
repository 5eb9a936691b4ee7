package io.antelopekit.stream.ship;

import io.antelopekit.chain.Checksum256;
import java.util.Objects;

/**
 * A block of the node's chain: the state history's {@code block_position}.
 *
 * @param blockNum the block number, 1..4294967295
 * @param blockId  the block id
 */
public record ShipPosition(long blockNum, Checksum256 blockId) {

    /** Checks the values. */
    public ShipPosition {
        Objects.requireNonNull(blockId, "blockId");
        if (blockNum < 0 || blockNum > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("block number must be 0..4294967295: " + blockNum);
        }
    }

    @Override
    public String toString() {
        return blockNum + ":" + blockId;
    }
}
