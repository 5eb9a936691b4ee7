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
import io.antelopekit.session.TransactContext;
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
 * Session session = Session.builder()...transactPlugins(payer.plugins()).build();
 * }</pre>
 *
 * <p><b>Two plugins.</b> {@link #plugins()} gives two transact plugins, to register together
 * and in that order, after any plugin that changes the transaction and before any other that
 * signs it:
 * <ol>
 *   <li>{@value #ID} proposes the transaction with the no-op first. The session applies the
 *       change only when modification is allowed ({@code allowModify}, by default true); a
 *       plugin cannot tell in advance, so the signing waits for the next step.</li>
 *   <li>{@value #COSIGN_ID} signs what the session then has, if its first action is exactly the
 *       payer's no-op: it completes the header (TAPoS, expiration) as the session would, and
 *       signs that transaction's digest on the session's chain, the same digest the user's
 *       wallet signs next. Without the no-op (modification not allowed), it adds nothing and
 *       logs that at DEBUG: the transaction goes on unchanged, paid by the user; the result's
 *       revisions show it ({@code modified=false}, then {@code signatures=0}).</li>
 * </ol>
 *
 * <p><b>Refusals.</b> Both steps refuse, with a {@link TransactRefusedException}
 * ({@link TransactRefusedException.Reason#PAYER_AUTHORITY_USED}) naming the action and its index,
 * a transaction in which any action other than the payer's leading no-op names the payer's
 * account as an authorizer (a user must not get the payer to sign a transfer from the payer's
 * account), so nothing is signed. A transaction whose actions already start with the payer's
 * no-op is cosigned as it is. A signer that gives no signature, or a wallet that changes the
 * transaction, fails with {@link TransactRefusedException.Reason#PAYER_NOT_SIGNED}. On a chain
 * not among {@link Builder#chains} both steps do nothing.
 *
 * <p>With an {@link AllowListPlugin}, register the guard first, and list the no-op
 * ({@code "greymassnoop::noop"}, for the payer's permission) since it checks the signed
 * transaction again. Immutable and thread-safe; {@link #toString()} shows the payer's public
 * keys, never a private key.
 */
public final class ResourcePayerPlugin {

    /** The id of the step that puts the no-op first. */
    public static final String ID = "transact-plugin-resource-payer";
    /** The id of the step that signs with the payer's key. */
    public static final String COSIGN_ID = "transact-plugin-resource-payer.cosign";
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
    private final TransactPlugin prepend = new Prepend();
    private final TransactPlugin cosign = new Cosign();

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

    /**
     * The two steps, in the order to register them: {@value #ID}, then {@value #COSIGN_ID}.
     *
     * @return a new array (for {@code Session.Builder.transactPlugins(...)}; {@code List.of(...)}
     *     it for {@code TransactOptions.withTransactPlugins})
     */
    public TransactPlugin[] plugins() {
        return new TransactPlugin[] {prepend, cosign};
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

    /** Step 1: proposes the transaction with the payer's no-op first. */
    private final class Prepend implements TransactPlugin {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
            return Mono.fromSupplier(() -> {
                if (!onChain(context)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> ID + ": chain " + context.chain().id()
                            + " is not among the payer's chains; transaction left as it is");
                    return null;
                }
                Transaction next = withNoop(transaction);
                return next == transaction ? null : TransactHookResult.modify(next);
            });
        }

        @Override
        public String toString() {
            return ID + " of " + ResourcePayerPlugin.this;
        }
    }

    /** Step 2: signs the transaction when its first action is the payer's no-op. */
    private final class Cosign implements TransactPlugin {
        @Override
        public String id() {
            return COSIGN_ID;
        }

        @Override
        public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
            return Mono.defer(() -> {
                if (!onChain(context)) {
                    return Mono.empty();
                }
                if (!checkPayerAuthority(transaction, COSIGN_ID)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> COSIGN_ID + ": the first action is not the payer's "
                            + "no-op (modification not allowed, or " + ID + " not registered before it); "
                            + payer + " does not cosign, the transaction goes on unchanged");
                    return Mono.empty();
                }
                return context.resolveHeader(transaction).flatMap(full -> signer.apply(full, context)
                        .switchIfEmpty(Mono.fromSupplier(List::of))
                        .map(signatures -> {
                            if (signatures.isEmpty()) {
                                throw new TransactRefusedException(COSIGN_ID,
                                        TransactRefusedException.Reason.PAYER_NOT_SIGNED,
                                        "the payer's signer (" + signerDescription + ") gave no signature", null);
                            }
                            return TransactHookResult.sign(full, signatures);
                        }));
            });
        }

        @Override
        public String toString() {
            return COSIGN_ID + " of " + ResourcePayerPlugin.this;
        }
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

        /** Works only on these chains (elsewhere both steps do nothing); by default on every chain. */
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
                copy.signer = (t, c) -> w.sign(t, TransactContext.of(c.chain(), c.client(), level)).map(r -> {
                    if (r.transaction() != null && !r.transaction().equals(t)) {
                        throw new TransactRefusedException(COSIGN_ID, TransactRefusedException.Reason.PAYER_NOT_SIGNED,
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
