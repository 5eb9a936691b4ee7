package io.antelopekit.transact;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.session.Contexts;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A service account that pays the CPU and NET of its users' transactions (a cosigner, as
 * Greymass Fuel is): it puts a no-op action authorized by the payer alone first in the
 * transaction, and signs the final transaction with the payer's key. A chain bills a
 * transaction's resources to the first authorizer of its first action, so the payer pays; the
 * user's actions and authorizations stay as they were.
 *
 * <pre>{@code
 * ResourcePayerPlugin payer = ResourcePayerPlugin.builder()
 *         .payer("payer@cosign")               // a permission linked to greymassnoop::noop only
 *         .key(payerKey)                       // or .wallet(walletPlugin) or .signer((trx, ctx) -> ...)
 *         .build();
 * Session session = Session.builder()...transactPlugins(payer).build();
 * }</pre>
 *
 * <p><b>One step, in {@code beforeSign}.</b> Register it after any plugin that changes the
 * transaction and before any other that signs it. On a chain among {@link Builder#chains} (or
 * any chain when none is given):
 * <ul>
 *   <li>when the transaction's first action already is the payer's no-op, it signs the
 *       transaction as it is (header completed as the session completes it);</li>
 *   <li>otherwise, when the context {@linkplain TransactContext#allowModify() allows a change}
 *       (modification allowed, no signature yet), it puts the no-op first, completes the header
 *       and signs that transaction's digest on the session's chain, the same digest the user's
 *       wallet signs next: the change and the payer's signature come back in one answer;</li>
 *   <li>otherwise (modification not allowed, or an earlier plugin's signature locks the
 *       transaction), it adds nothing and logs that at DEBUG: the transaction goes on
 *       unchanged, paid by the user; the result's revision shows it ({@code modified=false,
 *       signatures=0}).</li>
 * </ul>
 *
 * <p><b>Refusals.</b> It refuses, with a {@link TransactRefusedException}
 * ({@link TransactRefusedException.Reason#PAYER_AUTHORITY_USED}) naming the action and its index,
 * a transaction in which any action other than the payer's leading no-op names the payer's
 * account as an authorizer (a user must not get the payer to sign a transfer from the payer's
 * account), so nothing is signed. A transaction whose actions already start with the payer's
 * no-op is cosigned as it is. A signer that gives no signature, or a wallet that changes the
 * transaction, fails with {@link TransactRefusedException.Reason#PAYER_NOT_SIGNED}. On a chain
 * not among {@link Builder#chains} it does nothing.
 *
 * <p>With an {@link AllowListPlugin}, register the guard first, and list the no-op
 * ({@code "greymassnoop::noop"}, for the payer's permission) since it checks the signed
 * transaction again. Immutable and thread-safe; {@link #toString()} shows the payer's public
 * keys, never a private key.
 */
public final class ResourcePayerPlugin implements TransactPlugin {

    /** The plugin's id. */
    public static final String ID = "transact-plugin-resource-payer";
    /** The no-op contract by default: {@code greymassnoop}, the de-facto standard. */
    public static final Name DEFAULT_NOOP_CONTRACT = Name.from("greymassnoop");
    /** The no-op action by default: {@code noop}. */
    public static final Name DEFAULT_NOOP_ACTION = Name.from("noop");

    private static final System.Logger LOG = System.getLogger(ResourcePayerPlugin.class.getName());

    private final PermissionLevel payer;
    private final Action noop;
    private final Set<Checksum256> chains;
    private final BiFunction<Transaction, TransactContext, Mono<List<Signature>>> signer;
    private final String signerDescription;

    private ResourcePayerPlugin(Builder b) {
        this.payer = b.payer;
        this.noop = Action.of(b.noopContract, b.noopAction, List.of(b.payer), Bytes.EMPTY);
        this.chains = b.chains;
        this.signer = b.signer;
        this.signerDescription = b.signerDescription;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    /** The payer's account and permission. */
    public PermissionLevel payer() {
        return payer;
    }

    /** The no-op action put first: the no-op contract's action, authorized by the payer, no data. */
    public Action noopAction() {
        return noop;
    }

    /** The chains it works on, or an empty set for every chain. */
    public Set<Checksum256> chains() {
        return chains;
    }

    /**
     * {@code transaction} with the payer's no-op first, as the first step proposes it; the
     * transaction itself when its first action already is the no-op.
     *
     * @throws TransactRefusedException if an action other than a leading no-op names the payer's account
     */
    public Transaction withNoop(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        if (checkPayerAuthority(transaction, ID)) {
            return transaction;
        }
        List<Action> actions = new ArrayList<>(transaction.actions().size() + 1);
        actions.add(noop);
        actions.addAll(transaction.actions());
        return transaction.withActions(actions);
    }

    /**
     * Whether the transaction starts with the payer's no-op; refuses it if another action names
     * the payer's account.
     */
    private boolean checkPayerAuthority(Transaction t, String pluginId) {
        List<Action> actions = t.actions();
        boolean leading = !actions.isEmpty() && actions.get(0).equals(noop);
        for (int i = leading ? 1 : 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            List<PermissionLevel> auth = a.authorization();
            for (int j = 0; j < auth.size(); j++) {
                if (auth.get(j).actor().equals(payer.actor())) {
                    throw new TransactRefusedException(pluginId, TransactRefusedException.Reason.PAYER_AUTHORITY_USED,
                            i, false, a, "it names the payer's account " + payer.actor() + " as an authorizer ("
                                    + auth.get(j) + "); the payer cosigns only its own no-op " + noop.account()
                                    + "::" + noop.name() + " as the first action");
                }
            }
        }
        return leading;
    }

    private boolean onChain(TransactContext context) {
        return chains.isEmpty() || chains.contains(context.chain().id());
    }

    @Override
    public String toString() {
        return "ResourcePayerPlugin[payer=" + payer + ", noop=" + noop.account() + "::" + noop.name() + ", signer="
                + signerDescription + (chains.isEmpty() ? "" : ", chains=" + chains) + "]";
    }

    @Override
    public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
        return Mono.defer(() -> {
            if (!onChain(context)) {
                LOG.log(System.Logger.Level.DEBUG, () -> ID + ": chain " + context.chain().id()
                        + " is not among the payer's chains; transaction left as it is");
                return Mono.empty();
            }
            Transaction target;
            if (checkPayerAuthority(transaction, ID)) {
                target = transaction;
            } else if (context.allowModify()) {
                target = withNoop(transaction);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> ID + ": the transaction may not be changed (modification "
                        + "not allowed, or a signature locks it) and does not start with the payer's no-op; "
                        + payer + " does not cosign, the transaction goes on unchanged");
                return Mono.empty();
            }
            return context.resolveHeader(target).flatMap(full -> signer.apply(full, context)
                    .switchIfEmpty(Mono.fromSupplier(List::of))
                    .map(signatures -> {
                        if (signatures.isEmpty()) {
                            throw new TransactRefusedException(ID, TransactRefusedException.Reason.PAYER_NOT_SIGNED,
                                    "the payer's signer (" + signerDescription + ") gave no signature", null);
                        }
                        return TransactHookResult.sign(full, signatures);
                    }));
        });
    }

    /**
     * Builds a {@link ResourcePayerPlugin}: the payer and one way to sign (keys, a wallet or a
     * signer function) are required.
     */
    public static final class Builder {
        private PermissionLevel payer;
        private Name noopContract = DEFAULT_NOOP_CONTRACT;
        private Name noopAction = DEFAULT_NOOP_ACTION;
        private Set<Checksum256> chains = Set.of();
        private final Map<PublicKey, PrivateKey> keys = new LinkedHashMap<>();
        private WalletPlugin wallet;
        private BiFunction<Transaction, TransactContext, Mono<List<Signature>>> signer;
        private String signerDescription;

        private Builder() {
        }

        /** The payer's account and permission, the only authorizer of the no-op. */
        public Builder payer(PermissionLevel payer) {
            this.payer = Objects.requireNonNull(payer, "payer");
            return this;
        }

        /**
         * The payer as {@code account@permission}.
         *
         * @throws InvalidValueException if it is not one
         */
        public Builder payer(String payer) {
            return payer(PermissionLevel.from(Objects.requireNonNull(payer, "payer")));
        }

        /** Signs with this key of the payer's permission (several keys: each signs). */
        public Builder key(PrivateKey key) {
            Objects.requireNonNull(key, "key");
            keys.put(key.toPublic(), key);
            return this;
        }

        /** Signs with each of these keys (for a permission that needs several). */
        public Builder keys(List<PrivateKey> keys) {
            Objects.requireNonNull(keys, "keys").forEach(this::key);
            return this;
        }

        /**
         * Signs through a wallet holding the payer's key: asked with a context for the payer's
         * permission level on the session's chain and client. It must sign the transaction as
         * given; a wallet that needs {@code get_required_keys} (a private-key wallet with several
         * keys) cannot, since the user's authority is in the same transaction: give the keys instead.
         */
        public Builder wallet(WalletPlugin wallet) {
            this.wallet = Objects.requireNonNull(wallet, "wallet");
            return this;
        }

        /**
         * Signs with a function (a remote signer, a hardware module): given the final transaction
         * (header complete) and the session's context, it answers the payer's signatures of
         * {@code transaction.signingDigest(context.chain().id())}.
         */
        public Builder signer(BiFunction<Transaction, TransactContext, Mono<List<Signature>>> signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The no-op contract and action; by default {@code greymassnoop::noop}. */
        public Builder noop(Name contract, Name action) {
            this.noopContract = Objects.requireNonNull(contract, "contract");
            this.noopAction = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * The no-op as {@code contract::action}.
         *
         * @throws InvalidValueException if it is not one
         */
        public Builder noop(String contractAndAction) {
            Objects.requireNonNull(contractAndAction, "contractAndAction");
            int sep = contractAndAction.indexOf("::");
            if (sep <= 0 || sep + 2 >= contractAndAction.length()) {
                throw new InvalidValueException("no-op \"" + contractAndAction + "\" is not contract::action");
            }
            return noop(Name.from(contractAndAction.substring(0, sep)), Name.from(contractAndAction.substring(sep + 2)));
        }

        /** Works only on these chains (elsewhere it does nothing); by default on every chain. */
        public Builder chains(Checksum256... chainIds) {
            this.chains = Set.of(chainIds);
            return this;
        }

        /**
         * The plugin.
         *
         * @throws IllegalStateException if the payer or a way to sign is missing, or several ways
         *     to sign are given
         */
        public ResourcePayerPlugin build() {
            if (payer == null) {
                throw new IllegalStateException("ResourcePayerPlugin.builder() is missing payer");
            }
            int ways = (keys.isEmpty() ? 0 : 1) + (wallet == null ? 0 : 1) + (signer == null ? 0 : 1);
            if (ways != 1) {
                throw new IllegalStateException("ResourcePayerPlugin.builder() needs exactly one way to sign (key(s), "
                        + "wallet or signer), got " + ways);
            }
            Builder copy = new Builder();
            copy.payer = payer;
            copy.noopContract = noopContract;
            copy.noopAction = noopAction;
            copy.chains = chains;
            if (!keys.isEmpty()) {
                List<PrivateKey> list = List.copyOf(keys.values());
                copy.signer = (t, c) -> Mono.fromSupplier(() -> {
                    Checksum256 digest = t.signingDigest(c.chain().id());
                    List<Signature> out = new ArrayList<>(list.size());
                    for (PrivateKey k : list) {
                        out.add(k.signDigest(digest));
                    }
                    return out;
                });
                copy.signerDescription = "keys " + List.copyOf(keys.keySet());
            } else if (wallet != null) {
                WalletPlugin w = wallet;
                PermissionLevel level = payer;
                copy.signer = (t, c) -> w.sign(t, Contexts.transact(c.chain(), c.client(), level)).map(r -> {
                    if (r.transaction() != null && !r.transaction().equals(t)) {
                        throw new TransactRefusedException(ID, TransactRefusedException.Reason.PAYER_NOT_SIGNED,
                                "the payer's wallet " + w.id() + " changed the transaction it was asked to sign", null);
                    }
                    return r.signatures();
                });
                copy.signerDescription = "wallet " + w.id();
            } else {
                copy.signer = signer;
                copy.signerDescription = "function";
            }
            return new ResourcePayerPlugin(copy);
        }
    }
}
