package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Checksum256;

import java.util.Objects;

/**
 * What {@link Session#transactAndTrack} emits: first {@link Accepted} with the transact's result
 * (the node took the transaction), then a {@link StatusChanged} for each state the transaction
 * goes through, the last one final ({@code IRREVERSIBLE}, {@code FAILED} or {@code EXPIRED}).
 *
 * <pre>{@code
 * session.transactAndTrack(args).subscribe(e -> {
 *     if (e instanceof TransactEvent.Accepted a) { log.info("sent {}", a.result().id()); }
 *     if (e instanceof TransactEvent.StatusChanged s) { log.info("{} is {}", s.transactionId(), s.state()); }
 * });
 * }</pre>
 *
 * <p>In JSON an event names its kind in {@code type}: {@code {"type":"accepted","result":{...}}}
 * or {@code {"type":"status","transactionId":"...","status":{"state":"IRREVERSIBLE",...}}}, so a
 * page tells them apart and {@code TransactEvent} reads back as the right record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TransactEvent.Accepted.class, name = "accepted"),
        @JsonSubTypes.Type(value = TransactEvent.StatusChanged.class, name = "status")})
public sealed interface TransactEvent permits TransactEvent.Accepted, TransactEvent.StatusChanged {

    /**
     * The transaction's id.
     *
     * @return its id
     */
    Checksum256 transactionId();

    /**
     * The transaction was signed and a node accepted it.
     *
     * @param result what {@link Session#transact} gives
     */
    record Accepted(TransactResult result) implements TransactEvent {

        /** Checks the value. */
        public Accepted {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public Checksum256 transactionId() {
            return result.id();
        }
    }

    /**
     * The transaction's state changed, as the node's {@code get_transaction_status} reports it.
     *
     * @param transactionId the transaction's id
     * @param status the node's report
     */
    record StatusChanged(Checksum256 transactionId, TransactionStatus status) implements TransactEvent {

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
