package io.antelopekit.stream.ship;

import io.antelopekit.chain.Checksum256;
import java.util.List;
import java.util.Objects;

/**
 * A transaction's trace in a block.
 *
 * @param id            the transaction id
 * @param status        {@code executed}, {@code soft_fail}, {@code hard_fail}, {@code delayed} or
 *                      {@code expired}
 * @param cpuUsageUs    CPU billed, in microseconds
 * @param netUsageWords NET billed, in 8-byte words
 * @param elapsed       microseconds it took
 * @param scheduled     whether it ran as a deferred transaction
 * @param actionTraces  every action trace, in execution order (notifications and inline actions
 *                      included)
 * @param except        the failure, or {@code null}
 * @param errorCode     the error code, or {@code null}
 */
public record ShipTransactionTrace(Checksum256 id, String status, long cpuUsageUs, long netUsageWords, long elapsed,
        boolean scheduled, List<ShipActionTrace> actionTraces, String except, Long errorCode) {

    /** Checks and copies. */
    public ShipTransactionTrace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        actionTraces = List.copyOf(actionTraces);
    }

    /** Whether it was executed. */
    public boolean isExecuted() {
        return "executed".equals(status);
    }
}
