package io.antelopekit.session;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.esr.SigningRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to transact: a whole transaction, actions (encoded {@link Action}s or
 * {@link ActionRequest}s to encode), in order, or a {@link SigningRequest} (an {@code esr:}
 * link) to resolve for the session.
 *
 * <pre>{@code
 * TransactArgs.of(ActionRequest.of("eosio.token", "transfer", data))
 * TransactArgs.of(SigningRequest.from("esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRkYGCGC..."))
 * }</pre>
 */
public final class TransactArgs {

    private final Transaction transaction;
    private final List<Object> actions;
    private final SigningRequest request;

    private TransactArgs(Transaction transaction, List<Object> actions) {
        this(transaction, actions, null);
    }

    private TransactArgs(Transaction transaction, List<Object> actions, SigningRequest request) {
        this.transaction = transaction;
        this.actions = actions;
        this.request = request;
    }

    /** A whole transaction; its header is kept when set. */
    public static TransactArgs of(Transaction transaction) {
        return new TransactArgs(Objects.requireNonNull(transaction, "transaction"), List.of());
    }

    /**
     * A signing request, resolved for the session's chain and permission when transacted: its
     * placeholders become the session's account and permission, its contracts' ABIs come from the
     * session's cache, and, unless it carries its own, TAPoS and expiration are set as for any
     * other transaction. It is broadcast only if both the request ({@link
     * SigningRequest#shouldBroadcast()}) and the call's options say so. A request for another
     * chain (or a multi-chain request that does not list the session's) fails with
     * {@link UnknownChainException}; an identity request with {@link SessionException} (use
     * {@link Session#identityProof(SigningRequest)}).
     */
    public static TransactArgs of(SigningRequest request) {
        return new TransactArgs(null, List.of(), Objects.requireNonNull(request, "request"));
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

    SigningRequest request() {
        return request;
    }

    @Override
    public String toString() {
        if (request != null) {
            return "TransactArgs[" + request + "]";
        }
        return transaction != null ? "TransactArgs[" + transaction + "]" : "TransactArgs" + actions;
    }
}
