package io.antelopekit.stream.ship;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ShipClient#blocks(ShipRequest)} asks the node for: the state history's
 * {@code get_blocks_request_v0} without its window, which the client sets.
 *
 * <pre>{@code
 * ShipRequest.from(1000).to(2000).irreversibleOnly(true).withDeltas(false)
 * }</pre>
 *
 * @param startBlock       the first block, 0..4294967295
 * @param endBlock         the block after the last one (exclusive); {@link #OPEN_END} for none
 * @param irreversibleOnly only irreversible blocks (no fork is then ever reported)
 * @param fetchBlock       send each block itself (header and transactions)
 * @param fetchTraces      send each block's transaction traces
 * @param fetchDeltas      send each block's table deltas
 * @param havePositions    blocks the consumer already has: the node starts at the first one of
 *                         them that is not on its chain, if that is before {@code startBlock}
 *                         (how a consumer resumes across a fork)
 */
public record ShipRequest(long startBlock, long endBlock, boolean irreversibleOnly, boolean fetchBlock,
        boolean fetchTraces, boolean fetchDeltas, List<ShipPosition> havePositions) {

    /** No end: the stream follows the chain. */
    public static final long OPEN_END = 0xFFFF_FFFFL;

    /** Checks and copies. */
    public ShipRequest {
        if (startBlock < 0 || startBlock > OPEN_END) {
            throw new IllegalArgumentException("startBlock must be 0..4294967295: " + startBlock);
        }
        if (endBlock < 0 || endBlock > OPEN_END) {
            throw new IllegalArgumentException("endBlock must be 0..4294967295: " + endBlock);
        }
        if (endBlock < startBlock) {
            throw new IllegalArgumentException("endBlock " + endBlock + " is before startBlock " + startBlock);
        }
        havePositions = List.copyOf(Objects.requireNonNull(havePositions, "havePositions"));
    }

    /** From {@code startBlock} on, without end, reversible blocks too, with blocks, traces and deltas. */
    public static ShipRequest from(long startBlock) {
        return new ShipRequest(startBlock, OPEN_END, false, true, true, true, List.of());
    }

    /** From {@code startBlock} on, the rest unchanged. */
    ShipRequest withStart(long startBlock) {
        return new ShipRequest(startBlock, Math.max(startBlock, endBlock), irreversibleOnly, fetchBlock, fetchTraces,
                fetchDeltas, havePositions);
    }

    /** Up to, not including, {@code endBlock}. */
    public ShipRequest to(long endBlock) {
        return new ShipRequest(startBlock, endBlock, irreversibleOnly, fetchBlock, fetchTraces, fetchDeltas, havePositions);
    }

    /** Only irreversible blocks, or not. */
    public ShipRequest irreversibleOnly(boolean only) {
        return new ShipRequest(startBlock, endBlock, only, fetchBlock, fetchTraces, fetchDeltas, havePositions);
    }

    /** With the blocks themselves, or not. */
    public ShipRequest withBlock(boolean fetch) {
        return new ShipRequest(startBlock, endBlock, irreversibleOnly, fetch, fetchTraces, fetchDeltas, havePositions);
    }

    /** With the transaction traces, or not. */
    public ShipRequest withTraces(boolean fetch) {
        return new ShipRequest(startBlock, endBlock, irreversibleOnly, fetchBlock, fetch, fetchDeltas, havePositions);
    }

    /** With the table deltas, or not. */
    public ShipRequest withDeltas(boolean fetch) {
        return new ShipRequest(startBlock, endBlock, irreversibleOnly, fetchBlock, fetchTraces, fetch, havePositions);
    }

    /** With the blocks the consumer has (see {@link #havePositions()}). */
    public ShipRequest havePositions(List<ShipPosition> positions) {
        return new ShipRequest(startBlock, endBlock, irreversibleOnly, fetchBlock, fetchTraces, fetchDeltas, positions);
    }
}
