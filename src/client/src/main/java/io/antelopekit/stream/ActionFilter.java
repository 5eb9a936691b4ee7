package io.antelopekit.stream;

import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which actions {@link BlockStream#actions(ActionFilter)} emits: immutable, each method returns a
 * narrower filter. Contracts, actions and receivers are checked before anything is decoded, so a
 * stream of one contract's actions fetches no other contract's ABI.
 *
 * <pre>{@code
 * ActionFilter.all().contract("eosio.token").action("transfer").account("alice")
 * ActionFilter.transfersTo("alice")                    // any token contract's transfer to alice
 * ActionFilter.transfersTo("alice").receiver("alice")  // the same, as alice was notified of them
 * }</pre>
 *
 * <p><b>Receivers: each action once.</b> An action runs once for its contract and once for each
 * account notified of it, and a state history node reports each run as a trace. Without
 * {@link #receiver(String...)}, a filter passes only the contract's own run (the receiver is the
 * contract): each action, top-level or inline, is reported once, and notifications are not. With
 * receivers named, it passes exactly the runs of those receivers: the notifications they got, and
 * their own contracts' actions. Over HTTP ({@code get_block}) there are only top-level actions,
 * each run by its contract: there a receiver filter passes an action only when its contract is one
 * of the receivers named.
 */
public final class ActionFilter {

    private static final ActionFilter ALL = new ActionFilter(Set.of(), Set.of(), Set.of(), Set.of(), null);
    private static final Name TRANSFER = Name.from("transfer");

    private final Set<Name> contracts;
    private final Set<Name> actions;
    private final Set<Name> accounts;
    private final Set<Name> receivers;
    private final Predicate<ActionEvent> where;

    private ActionFilter(Set<Name> contracts, Set<Name> actions, Set<Name> accounts, Set<Name> receivers,
            Predicate<ActionEvent> where) {
        this.contracts = contracts;
        this.actions = actions;
        this.accounts = accounts;
        this.receivers = receivers;
        this.where = where;
    }

    /** Every action. */
    public static ActionFilter all() {
        return ALL;
    }

    /**
     * Token transfers to {@code account}: a {@code transfer} action, of any contract, whose decoded
     * data have {@code to} equal to {@code account} (narrow it with {@link #contract(String...)}).
     * Each transfer is reported once, as the token contract ran it: a top-level transfer, and from
     * a state history node an inline one too (such as a withdrawal a contract pays out to the
     * account). Add {@code .receiver(account)} to get instead the notification the account
     * received of each (which its own contract, if any, handled).
     */
    public static ActionFilter transfersTo(String account) {
        return transfersTo(Name.from(account));
    }

    /** {@link #transfersTo(String)}. */
    public static ActionFilter transfersTo(Name account) {
        Objects.requireNonNull(account, "account");
        String to = account.toString();
        return ALL.action(TRANSFER).where(e -> to.equals(e.data().path("to").asText(null)));
    }

    /** Only actions of these contracts (in addition to any named before). */
    public ActionFilter contract(String... contracts) {
        return contract(names(contracts));
    }

    /** Only actions of these contracts (in addition to any named before). */
    public ActionFilter contract(Name... contracts) {
        return new ActionFilter(union(this.contracts, contracts), actions, accounts, receivers, where);
    }

    /** Only actions with these names (in addition to any named before). */
    public ActionFilter action(String... actions) {
        return action(names(actions));
    }

    /** Only actions with these names (in addition to any named before). */
    public ActionFilter action(Name... actions) {
        return new ActionFilter(contracts, union(this.actions, actions), accounts, receivers, where);
    }

    /**
     * Only actions that involve one of these accounts (in addition to any named before): as an
     * authorizer, or as the value of a {@code name} field of the action's data (as the ABI
     * declares it, such as a transfer's {@code from} and {@code to}).
     */
    public ActionFilter account(String... accounts) {
        return account(names(accounts));
    }

    /** {@link #account(String...)}. */
    public ActionFilter account(Name... accounts) {
        return new ActionFilter(contracts, actions, union(this.accounts, accounts), receivers, where);
    }

    /**
     * Only the runs of actions by these receivers (in addition to any named before): the
     * notifications they got and their own contracts' actions, instead of each action as its
     * contract ran it (see the class comment).
     */
    public ActionFilter receiver(String... receivers) {
        return receiver(names(receivers));
    }

    /** {@link #receiver(String...)}. */
    public ActionFilter receiver(Name... receivers) {
        return new ActionFilter(contracts, actions, accounts, union(this.receivers, receivers), where);
    }

    /** Only actions that also pass {@code predicate} (after decoding; with any predicate set before). */
    public ActionFilter where(Predicate<ActionEvent> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new ActionFilter(contracts, actions, accounts, receivers, where == null ? predicate : where.and(predicate));
    }

    /** Whether actions of this contract and name may pass (checked before decoding). */
    boolean wants(Name contract, Name action) {
        return (contracts.isEmpty() || contracts.contains(contract)) && (actions.isEmpty() || actions.contains(action));
    }

    /** Whether the run of an action of {@code contract} by {@code receiver} may pass (checked before decoding). */
    boolean wants(Name contract, Name action, Name receiver) {
        return wants(contract, action) && (receivers.isEmpty() ? receiver.equals(contract) : receivers.contains(receiver));
    }

    /** Whether the accounts and predicate pass; {@code nameFields} are the data's {@code name} fields. */
    boolean matches(ActionEvent e, Set<String> nameFields) {
        if (!accounts.isEmpty() && !involves(e, nameFields)) {
            return false;
        }
        return where == null || where.test(e);
    }

    private boolean involves(ActionEvent e, Set<String> nameFields) {
        for (PermissionLevel p : e.action().authorization()) {
            if (accounts.contains(p.actor())) {
                return true;
            }
        }
        for (String field : nameFields) {
            String value = e.data().path(field).asText(null);
            if (value != null && Name.isValid(value) && accounts.contains(Name.from(value))) {
                return true;
            }
        }
        return false;
    }

    private static Name[] names(String[] names) {
        return Arrays.stream(names).map(Name::from).toArray(Name[]::new);
    }

    private static Set<Name> union(Set<Name> set, Name[] more) {
        if (more.length == 0) {
            throw new IllegalArgumentException("name at least one");
        }
        Set<Name> out = new HashSet<>(set);
        for (Name n : more) {
            out.add(Objects.requireNonNull(n, "name"));
        }
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return "ActionFilter[contracts " + contracts + ", actions " + actions + ", accounts " + accounts
                + (receivers.isEmpty() ? "" : ", receivers " + receivers) + (where != null ? ", and a predicate" : "") + "]";
    }
}
