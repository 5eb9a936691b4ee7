package io.antelopekit.transact;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.TransactContext;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A guard for bots and services: refuses any transaction with an action that is not on its
 * allow-list, before anything is signed. An entry is a whole contract ({@code "mygame"} or
 * {@code "mygame::*"}) or one action ({@code "eosio.token::transfer"}), optionally only for
 * some authorizers: an account ({@code "bot"}, any permission) or a permission
 * ({@code "bot@active"}). An action passes when an entry of its contract covers its name and,
 * for an entry with authorizers, it has at least one authorization and each is one of them.
 * Context-free actions are checked too (they carry no authorization, so only entries without
 * authorizers let them pass).
 *
 * <pre>{@code
 * AllowListPlugin guard = AllowListPlugin.builder()
 *         .allow("eosio.token::transfer", "bot@active")
 *         .allow("mygame")                               // every action of mygame
 *         .allow("greymassnoop::noop", "payer@cosign")   // a resource payer's no-op, see below
 *         .build();
 * Session.builder()...transactPlugins(guard, payer)
 * }</pre>
 *
 * <p>It checks twice. In {@code beforeSign}, where it should be the first plugin: a refused
 * transaction fails with a {@link TransactRefusedException} ({@link TransactRefusedException.Reason#NOT_ALLOWED})
 * before any later plugin or the wallet is asked to sign. In {@code afterSign}, the transaction
 * as finally signed, with what later plugins added: an action added after it (a resource payer's
 * no-op, say) must be listed too, or the transaction fails there, signed but never broadcast.
 * The plugin never changes a transaction, so it works whether or not modification is allowed.
 * Immutable and thread-safe; a check allocates nothing unless it refuses.
 */
public final class AllowListPlugin implements TransactPlugin {

    /** The plugin's id. */
    public static final String ID = "transact-plugin-allow-list";

    /** The allow-list entries of one contract. */
    private static final class ContractRule {
        /** Authorizer restrictions of the whole-contract entries ({@link Authorizers#ANYONE} among them: open). */
        final List<Authorizers> anyAction = new ArrayList<>(1);
        final Map<Name, List<Authorizers>> byAction = new HashMap<>(4);
    }

    /** Who may authorize an action an entry allows. */
    private record Authorizers(Set<Name> actors, Set<PermissionLevel> levels) {
        static final Authorizers ANYONE = new Authorizers(Set.of(), Set.of());

        boolean open() {
            return actors.isEmpty() && levels.isEmpty();
        }

        boolean allows(List<PermissionLevel> authorization) {
            if (open()) {
                return true;
            }
            if (authorization.isEmpty()) {
                return false;
            }
            for (int i = 0; i < authorization.size(); i++) {
                PermissionLevel p = authorization.get(i);
                if (!actors.contains(p.actor()) && !levels.contains(p)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            Set<String> all = new TreeSet<>();
            actors.forEach(a -> all.add(a.toString()));
            levels.forEach(l -> all.add(l.toString()));
            return String.join(", ", all);
        }
    }

    private final Map<Name, ContractRule> rules;
    private final List<String> entries;

    private AllowListPlugin(Map<Name, ContractRule> rules, List<String> entries) {
        this.rules = rules;
        this.entries = entries;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A guard allowing exactly these entries, for any authorizer.
     *
     * @param entries {@code "contract"}, {@code "contract::*"} or {@code "contract::action"}
     * @throws InvalidValueException if an entry is malformed
     */
    public static AllowListPlugin of(String... entries) {
        Builder b = builder();
        for (String e : entries) {
            b.allow(e);
        }
        return b.build();
    }

    @Override
    public String id() {
        return ID;
    }

    /** The entries, as given (normalized), in order. */
    public List<String> entries() {
        return entries;
    }

    /**
     * Whether {@code action} is allowed.
     *
     * @param action an action
     * @return whether an entry covers its contract, name and authorizers
     */
    public boolean allows(Action action) {
        return refusal(Objects.requireNonNull(action, "action")) == null;
    }

    /**
     * Checks {@code transaction}: every context-free action, then every action.
     *
     * @param transaction the transaction
     * @throws TransactRefusedException naming the first action not allowed and its index
     */
    public void check(Transaction transaction) {
        check(transaction, "");
    }

    private void check(Transaction transaction, String when) {
        List<Action> cfas = transaction.contextFreeActions();
        for (int i = 0; i < cfas.size(); i++) {
            String why = refusal(cfas.get(i));
            if (why != null) {
                throw new TransactRefusedException(ID, TransactRefusedException.Reason.NOT_ALLOWED, i, true,
                        cfas.get(i), why + when);
            }
        }
        List<Action> actions = transaction.actions();
        for (int i = 0; i < actions.size(); i++) {
            String why = refusal(actions.get(i));
            if (why != null) {
                throw new TransactRefusedException(ID, TransactRefusedException.Reason.NOT_ALLOWED, i, false,
                        actions.get(i), why + when);
            }
        }
    }

    /** Why {@code a} is not allowed, or {@code null} when it is. */
    private String refusal(Action a) {
        ContractRule rule = rules.get(a.account());
        if (rule == null) {
            return "contract " + a.account() + " is not on the allow-list";
        }
        List<Authorizers> forAction = rule.byAction.get(a.name());
        if (forAction == null && rule.anyAction.isEmpty()) {
            return "action " + a.name() + " is not on the allow-list; of " + a.account() + " it allows "
                    + new TreeSet<>(rule.byAction.keySet().stream().map(Name::toString).toList());
        }
        List<PermissionLevel> auth = a.authorization();
        if (allows(rule.anyAction, auth) || (forAction != null && allows(forAction, auth))) {
            return null;
        }
        Set<String> who = new LinkedHashSet<>();
        rule.anyAction.forEach(x -> who.add(x.toString()));
        if (forAction != null) {
            forAction.forEach(x -> who.add(x.toString()));
        }
        return "the allow-list allows " + a.account() + "::" + a.name() + " only when each authorization is one of ["
                + String.join("; ", who) + "]";
    }

    private static boolean allows(List<Authorizers> options, List<PermissionLevel> auth) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).allows(auth)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a transaction with an action not allowed, before the wallet or a later plugin signs. */
    @Override
    public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
        return Mono.fromRunnable(() -> check(transaction, " (checked before signing; nothing was signed)"));
    }

    /** Checks the transaction as signed again, with what later plugins added; refused, it is not broadcast. */
    @Override
    public Mono<Void> afterSign(SignedTransaction transaction, TransactContext context) {
        return Mono.fromRunnable(() -> check(transaction.transaction(), " (checked after signing, before the "
                + "broadcast: an action added by a later plugin must be on the allow-list too)"));
    }

    @Override
    public String toString() {
        return "AllowListPlugin" + entries;
    }

    /** Builds an {@link AllowListPlugin}; not thread-safe. */
    public static final class Builder {
        private final Map<Name, ContractRule> rules = new HashMap<>();
        private final List<String> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * Allows an entry. With authorizers, an action it covers passes only when it has at least
         * one authorization and each is one of them.
         *
         * @param entry {@code "contract"}, {@code "contract::*"} or {@code "contract::action"}
         * @param authorizers accounts ({@code "bot"}: any of its permissions) or permissions
         *     ({@code "bot@active"}); none for anyone
         * @return this builder
         * @throws InvalidValueException if the entry or an authorizer is malformed
         */
        public Builder allow(String entry, String... authorizers) {
            Objects.requireNonNull(entry, "entry");
            int sep = entry.indexOf("::");
            String contractPart = sep < 0 ? entry : entry.substring(0, sep);
            String actionPart = sep < 0 ? "*" : entry.substring(sep + 2);
            Name contract = name(entry, "contract", contractPart);
            Name action = actionPart.equals("*") ? null : name(entry, "action", actionPart);
            Set<Name> actors = new LinkedHashSet<>();
            Set<PermissionLevel> levels = new LinkedHashSet<>();
            for (int i = 0; i < authorizers.length; i++) {
                String who = Objects.requireNonNull(authorizers[i], "authorizer");
                try {
                    if (who.indexOf('@') >= 0) {
                        levels.add(PermissionLevel.from(who));
                    } else {
                        actors.add(name(entry, "authorizer", who));
                    }
                } catch (InvalidValueException e) {
                    throw new InvalidValueException("allow-list entry \"" + entry + "\": authorizer[" + i + "] \""
                            + who + "\" is not an account or account@permission: " + e.getMessage(), e);
                }
            }
            Authorizers auth = actors.isEmpty() && levels.isEmpty() ? Authorizers.ANYONE
                    : new Authorizers(Set.copyOf(actors), Set.copyOf(levels));
            ContractRule rule = rules.computeIfAbsent(contract, c -> new ContractRule());
            if (action == null) {
                rule.anyAction.add(auth);
            } else {
                rule.byAction.computeIfAbsent(action, a -> new ArrayList<>(1)).add(auth);
            }
            String normalized = contract + "::" + (action == null ? "*" : action.toString());
            entries.add(auth.open() ? normalized : normalized + " by [" + auth + "]");
            return this;
        }

        private static Name name(String entry, String what, String text) {
            if (text.isEmpty()) {
                throw new InvalidValueException("allow-list entry \"" + entry + "\": the " + what + " is empty");
            }
            Name n;
            try {
                n = Name.from(text);
            } catch (InvalidValueException e) {
                throw new InvalidValueException("allow-list entry \"" + entry + "\": " + what + " \"" + text
                        + "\" is not a valid name: " + e.getMessage(), e);
            }
            if (!n.toString().equals(text)) {
                throw new InvalidValueException("allow-list entry \"" + entry + "\": " + what + " \"" + text
                        + "\" is not a valid name (it reads as \"" + n + "\")");
            }
            return n;
        }

        /**
         * The guard.
         *
         * @throws IllegalStateException if nothing is allowed
         */
        public AllowListPlugin build() {
            if (entries.isEmpty()) {
                throw new IllegalStateException("AllowListPlugin.builder() has no entry: it would refuse everything");
            }
            Map<Name, ContractRule> frozen = new HashMap<>();
            rules.forEach((c, r) -> {
                ContractRule copy = new ContractRule();
                copy.anyAction.addAll(r.anyAction);
                r.byAction.forEach((a, list) -> copy.byAction.put(a, List.copyOf(list)));
                frozen.put(c, copy);
            });
            return new AllowListPlugin(Map.copyOf(frozen), List.copyOf(entries));
        }
    }
}
