package io.antelopekit.stream.ship;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.Action;
import java.util.Objects;

/**
 * One action trace of a transaction trace: an action as one receiver ran it. A top-level action,
 * an inline action a contract sent, and each notification ({@code require_recipient}) have a
 * trace of their own. The node's {@code action_trace} carries no
 * {@code closest_unnotified_ancestor_action_ordinal}; {@link #creatorActionOrdinal()} links
 * notifications and inline actions to the action that made them.
 *
 * @param actionOrdinal        its ordinal in the transaction, from 1
 * @param creatorActionOrdinal the ordinal of the action that sent or notified it, 0 for a
 *                             top-level action
 * @param receiver             the account whose code ran it
 * @param act                  the action, with its binary data
 * @param data                 the data decoded through the contract's ABI, or a missing node when
 *                             no ABI reads them
 * @param contextFree          whether it is a context-free action
 * @param elapsed              microseconds it took
 * @param console              what it printed
 * @param receipt              its receipt as JSON ({@code receiver}, {@code act_digest},
 *                             {@code global_sequence}, {@code recv_sequence}, ...), or a missing
 *                             node when it failed
 * @param except               the failure, or {@code null}
 * @param errorCode            the contract's error code, or {@code null}
 * @param returnValue          what it returned (empty from {@code action_trace_v0})
 */
public record ShipActionTrace(int actionOrdinal, int creatorActionOrdinal, Name receiver, Action act, JsonNode data,
        boolean contextFree, long elapsed, String console, JsonNode receipt, String except, Long errorCode,
        Bytes returnValue) {

    /** Checks the values. */
    public ShipActionTrace {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(returnValue, "returnValue");
    }

    /** Whether this is a notification: the receiver is not the action's contract. */
    public boolean isNotification() {
        return !receiver.equals(act.account());
    }

    /**
     * Whether a contract sent it: an inline action, not one of the transaction's and not a
     * notification. A notification of an inline action is told by its creator
     * ({@link #creatorActionOrdinal()}), whose trace is inline.
     */
    public boolean isInline() {
        return creatorActionOrdinal != 0 && !isNotification();
    }

    /** Whether {@link #data()} holds the decoded data. */
    public boolean isDecoded() {
        return !data.isMissingNode();
    }

    @Override
    public String toString() {
        return "ShipActionTrace[" + actionOrdinal + " " + act.account() + "::" + act.name() + " on " + receiver + "]";
    }
}
