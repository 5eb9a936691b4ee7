package io.antelopekit.session;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;

import java.util.Objects;

/**
 * What became of one action of {@link Session#transactAll(reactor.core.publisher.Flux, BatchOptions)}.
 *
 * <pre>{@code
 * session.transactAll(actions).subscribe(o -> {
 *     if (o.isSuccess()) {
 *         log.info("#{} in {} (block {})", o.index(), o.transactionId(), o.blockNum());
 *     } else {
 *         log.warn("#{} {}: {}", o.index(), o.status(), o.errorName(), o.error());
 *     }
 * });
 * }</pre>
 *
 * @param index the action's position in the input, from 0
 * @param action the action as given
 * @param transactionId the transaction that carried it: the executed one, the one the chain
 *     refused (never on chain), or the one whose fate is unknown; {@code null} when none was signed
 * @param status what happened
 * @param blockNum the block the node put the transaction in, or 0 when not known (not executed,
 *     or the node's answer to a retried broadcast carried no trace)
 * @param error why it failed (a {@link ChainApiException} for the chain's refusal, with the
 *     node's error name and details), or {@code null} when executed
 */
public record ActionOutcome(long index, Action action, Checksum256 transactionId, Status status, long blockNum,
        Throwable error) {

    /** What happened to an action. */
    public enum Status {
        /**
         * A node executed the transaction holding the action (it is in a block, or pending in the
         * next one; follow it with {@link io.antelopekit.api.ChainClient#trackTransaction} for
         * finality).
         */
        EXECUTED,
        /** The action did not run: the chain refused it, or it was never sent. */
        FAILED,
        /**
         * The transaction was signed and sent, but no answer said whether a node took it (a
         * timeout, a broken connection, an unavailable node): it may still land. It is not
         * retried; look it up with its {@link #transactionId()}.
         */
        UNKNOWN
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the status and the error disagree
     */
    public ActionOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        if ((status == Status.EXECUTED) != (error == null)) {
            throw new IllegalArgumentException("an outcome has an error exactly when it is not EXECUTED: status "
                    + status + ", error " + error);
        }
        if (status == Status.EXECUTED && transactionId == null) {
            throw new IllegalArgumentException("an EXECUTED outcome names its transaction");
        }
    }

    /** Whether the action was executed. */
    public boolean isSuccess() {
        return status == Status.EXECUTED;
    }

    /**
     * The chain exception name of a node's refusal, such as {@code eosio_assert_message_exception}
     * or {@code unsatisfied_authorization}.
     *
     * @return the name, or {@code null} when executed or when the error is not a node's answer
     */
    public String errorName() {
        return error instanceof ChainApiException a ? a.name() : null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ActionOutcome[#").append(index).append(' ').append(status);
        if (transactionId != null) {
            sb.append(" in ").append(transactionId);
        }
        if (blockNum != 0) {
            sb.append(" block ").append(blockNum);
        }
        sb.append(", ").append(action.account()).append("::").append(action.name());
        if (error != null) {
            sb.append(", ").append(error.getClass().getSimpleName()).append(": ").append(error.getMessage());
        }
        return sb.append(']').toString();
    }
}
