package io.antelopekit.stream.ship;

import io.antelopekit.chain.Checksum256;
import java.util.Objects;

/**
 * What a state history node has: its answer to {@code get_status_request_v0}. A range's end is
 * exclusive; {@code 0..0} means the node keeps no such log.
 *
 * @param head                  the node's head block
 * @param lastIrreversible      its last irreversible block
 * @param traceBeginBlock       the first block of the trace log
 * @param traceEndBlock         the block after the last one of the trace log
 * @param chainStateBeginBlock  the first block of the chain state (delta) log
 * @param chainStateEndBlock    the block after the last one of the chain state log
 * @param chainId               the chain id, or {@code null} from an old node that does not send it
 */
public record ShipStatus(ShipPosition head, ShipPosition lastIrreversible, long traceBeginBlock, long traceEndBlock,
        long chainStateBeginBlock, long chainStateEndBlock, Checksum256 chainId) {

    /** Checks the values. */
    public ShipStatus {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(lastIrreversible, "lastIrreversible");
    }
}
