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
 * narrower filter. Contracts and actions are checked before anything is decoded, so a stream of one
 * contract's actions fetches no other contract's ABI.
 *
 * <pre>{@code
 * ActionFilter.all().contract("eosio.token").action("transfer").account("alice")
 * ActionFilter.transfersTo("alice")      // any token contract's transfer to alice
 * }</pre>
 */
public final class ActionFilter {

    private static final ActionFilter ALL = new ActionFilter(Set.of(), Set.of(), Set.of(), null);
    private static final Name TRANSFER = Name.from("transfer");

    private final Set<Name> contracts;
    private final Set<Name> actions;
    private final Set<Name> accounts;
    private final Predicate<ActionEvent> where;

    private ActionFilter(Set<Name> contracts, Set<Name> actions, Set<Name> accounts, Predicate<ActionEvent> where) {
        this.contracts = contracts;
        this.actions = actions;
        this.accounts = accounts;
        this.where = where;
    }

    /** Every action. */
    public static ActionFilter all() {
        return ALL;
    }

    /**
     * Token transfers to {@code account}: a {@code transfer} action, of any contract, whose decoded
     * data have {@code to} equal to {@code account} (narrow it with {@link #contract(String...)}).
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
        return new ActionFilter(union(this.contracts, contracts), actions, accounts, where);
    }

    /** Only actions with these names (in addition to any named before). */
    public ActionFilter action(String... actions) {
        return action(names(actions));
    }

    /** Only actions with these names (in addition to any named before). */
    public ActionFilter action(Name... actions) {
        return new ActionFilter(contracts, union(this.actions, actions), accounts, where);
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
        return new ActionFilter(contracts, actions, union(this.accounts, accounts), where);
    }

    /** Only actions that also pass {@code predicate} (after decoding; with any predicate set before). */
    public ActionFilter where(Predicate<ActionEvent> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new ActionFilter(contracts, actions, accounts, where == null ? predicate : where.and(predicate));
    }

    /** Whether actions of this contract and name may pass (checked before decoding). */
    boolean wants(Name contract, Name action) {
        return (contracts.isEmpty() || contracts.contains(contract)) && (actions.isEmpty() || actions.contains(action));
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
                + (where != null ? ", and a predicate" : "") + "]";
    }
}
