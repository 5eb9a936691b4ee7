package io.antelopekit.session;

import io.antelopekit.chain.Action;
import io.antelopekit.chain.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to transact: a whole transaction, or actions (encoded {@link Action}s or
 * {@link ActionRequest}s to encode), in order.
 *
 * <pre>{@code
 * TransactArgs.of(ActionRequest.of("eosio.token", "transfer", data))
 * }</pre>
 */
public final class TransactArgs {

    private final Transaction transaction;
    private final List<Object> actions;

    private TransactArgs(Transaction transaction, List<Object> actions) {
        this.transaction = transaction;
        this.actions = actions;
    }

    /** A whole transaction; its header is kept when set. */
    public static TransactArgs of(Transaction transaction) {
        return new TransactArgs(Objects.requireNonNull(transaction, "transaction"), List.of());
    }

    /** Encoded actions. */
    public static TransactArgs of(Action... actions) {
        return new TransactArgs(null, List.of((Object[]) actions));
    }

    /** Actions to encode through the session's ABI cache. */
    public static TransactArgs of(ActionRequest... actions) {
        return new TransactArgs(null, List.of((Object[]) actions));
    }

    /**
     * A list mixing {@link Action}s and {@link ActionRequest}s.
     *
     * @throws IllegalArgumentException if an element is neither, or the list is empty
     */
    public static TransactArgs ofActions(List<?> actions) {
        List<Object> copy = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            Object a = actions.get(i);
            if (!(a instanceof Action) && !(a instanceof ActionRequest)) {
                throw new IllegalArgumentException("actions[" + i + "] is neither an Action nor an ActionRequest: "
                        + (a == null ? "null" : a.getClass().getName()));
            }
            copy.add(a);
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("actions is empty");
        }
        return new TransactArgs(null, List.copyOf(copy));
    }

    Transaction transaction() {
        return transaction;
    }

    List<Object> actions() {
        return actions;
    }

    @Override
    public String toString() {
        return transaction != null ? "TransactArgs[" + transaction + "]" : "TransactArgs" + actions;
    }
}
