package io.antelopekit.api.model;

/**
 * A transaction's state as {@code /v1/chain/get_transaction_status} reports it.
 *
 * <pre>{@code
 * if (status.knownState().isFinal()) { ... }
 * }</pre>
 */
public enum TransactionState {
    /** Applied by the node, not yet in a block. */
    LOCALLY_APPLIED,
    /** In a block that is not yet irreversible. */
    IN_BLOCK,
    /** In an irreversible block: final. */
    IRREVERSIBLE,
    /** Its block was forked out; it may come back in another block. */
    FORKED_OUT,
    /** Failed: final. */
    FAILED,
    /** Expired before it got into an irreversible block: final. */
    EXPIRED,
    /** The node does not know it (not received, or no longer tracked). */
    UNKNOWN,
    /** A state name this SDK does not know; the name is in {@link TransactionStatus#state()}. */
    OTHER;

    /**
     * The state with the node's name.
     *
     * @param name such as {@code "IN_BLOCK"}
     * @return the state, {@link #OTHER} for a name not listed here
     */
    public static TransactionState of(String name) {
        if (name != null) {
            for (TransactionState s : values()) {
                if (s != OTHER && s.name().equals(name)) {
                    return s;
                }
            }
        }
        return OTHER;
    }

    /**
     * Whether the state can no longer change.
     *
     * @return true for {@link #IRREVERSIBLE}, {@link #FAILED} and {@link #EXPIRED}
     */
    public boolean isFinal() {
        return this == IRREVERSIBLE || this == FAILED || this == EXPIRED;
    }
}
