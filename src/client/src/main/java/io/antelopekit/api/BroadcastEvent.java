package io.antelopekit.api;

import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Checksum256;
import java.util.Objects;

/**
 * What {@link ChainClient#broadcast} emits: first {@link Accepted} (a node took the
 * transaction), then a {@link StatusChanged} for each state the transaction goes through, the
 * last one final.
 *
 * <pre>{@code
 * client.broadcast(packed).subscribe(e -> {
 *     if (e instanceof BroadcastEvent.StatusChanged s && s.state() == TransactionState.IRREVERSIBLE) { ... }
 * });
 * }</pre>
 */
public sealed interface BroadcastEvent permits BroadcastEvent.Accepted, BroadcastEvent.StatusChanged {

    /**
     * The transaction's id.
     *
     * @return its id
     */
    Checksum256 transactionId();

    /**
     * A node accepted the transaction.
     *
     * @param transactionId the transaction's id
     * @param response the node's answer with the trace; its {@code processed} is {@code null} when
     *        {@code duplicate}
     * @param duplicate true when a retry was answered {@code tx_duplicate}: an earlier try had
     *        reached the node, and its trace is unknown
     */
    record Accepted(Checksum256 transactionId, TransactionResponse response, boolean duplicate)
            implements BroadcastEvent {

        /** Checks the values. */
        public Accepted {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * The transaction's state changed.
     *
     * @param transactionId the transaction's id
     * @param status the node's report
     */
    record StatusChanged(Checksum256 transactionId, TransactionStatus status) implements BroadcastEvent {

        /** Checks the values. */
        public StatusChanged {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(status, "status");
        }

        /**
         * The new state.
         *
         * @return the state
         */
        public TransactionState state() {
            return status.knownState();
        }
    }
}
