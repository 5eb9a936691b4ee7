package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.SendOptions;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Action;
import io.antelopekit.chain.Compression;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SignedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.Transaction;
import io.antelopekit.chain.TransactionHeader;
import io.antelopekit.crypto.Signature;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginSignResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An account on a chain with the wallet that signs for it. Built by a session kit's login, or
 * directly by services holding their own keys. Immutable; every operation is cold.
 *
 * <pre>{@code
 * Session session = Session.builder()
 *         .chain(ChainDefinition.of(chainId, "http://127.0.0.1:8888"))
 *         .actor("alice").permission("active")
 *         .walletPlugin(WalletPluginPrivateKey.of(key))
 *         .build();
 * session.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer", Map.of(
 *         "from", "............1", "to", "bob", "quantity", "1.0000 EOS", "memo", ""))))
 *     .subscribe(result -> System.out.println(result.id()));
 * }</pre>
 */
public final class Session {

    /** Seconds until a transaction expires by default: 120. */
    public static final int DEFAULT_EXPIRE_SECONDS = 120;
    /** How old the cached head may get before it is refreshed in the background: 1 s. */
    public static final Duration DEFAULT_HEAD_REFRESH = Duration.ofSeconds(1);
    /** How old the cached head may get before a transaction waits for a fresh one: 60 s. */
    public static final Duration DEFAULT_HEAD_MAX_AGE = Duration.ofSeconds(60);

    private static final SendOptions SEND_OPTIONS = new SendOptions(false, null, false);

    private final ChainDefinition chain;
    private final PermissionLevel permissionLevel;
    private final WalletPlugin walletPlugin;
    private final ChainClient client;
    private final List<TransactPlugin> transactPlugins;
    private final int expireSeconds;
    private final boolean allowModify;
    private final UserInterface ui;
    private final JsonNode data;
    private final AbiCache abis;
    private final HeadCache heads;
    private final AtomicBoolean noSendTransaction2;

    private Session(Builder b, ChainClient client) {
        this.chain = b.chain;
        this.permissionLevel = new PermissionLevel(b.actor, b.permission);
        this.walletPlugin = b.walletPlugin;
        this.client = client;
        this.transactPlugins = List.copyOf(b.transactPlugins);
        this.expireSeconds = b.expireSeconds;
        this.allowModify = b.allowModify;
        this.ui = b.ui;
        this.data = b.data;
        this.abis = new AbiCache(client, b.abis);
        this.heads = new HeadCache(client, b.headRefresh, b.headMaxAge);
        this.noSendTransaction2 = new AtomicBoolean();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The chain. */
    public ChainDefinition chain() {
        return chain;
    }

    /** The account. */
    public Name actor() {
        return permissionLevel.actor();
    }

    /** The permission. */
    public Name permission() {
        return permissionLevel.permission();
    }

    /** The account and permission. */
    public PermissionLevel permissionLevel() {
        return permissionLevel;
    }

    /** The wallet that signs. */
    public WalletPlugin walletPlugin() {
        return walletPlugin;
    }

    /** The chain client. */
    public ChainClient client() {
        return client;
    }

    /** The application data persisted with the session, or {@code null}. */
    public JsonNode data() {
        return data;
    }

    /** A contract's ABI through the session's cache (one fetch per contract). */
    public Mono<Abi> abi(Name contract) {
        return abis.get(Objects.requireNonNull(contract, "contract"));
    }

    /** Transacts one encoded action with the default options. */
    public Mono<TransactResult> transact(Action action) {
        return transact(TransactArgs.of(action), TransactOptions.DEFAULT);
    }

    /** Transacts encoded actions with the default options. */
    public Mono<TransactResult> transact(List<Action> actions) {
        return transact(TransactArgs.ofActions(actions), TransactOptions.DEFAULT);
    }

    /** Transacts a transaction with the default options. */
    public Mono<TransactResult> transact(Transaction transaction) {
        return transact(TransactArgs.of(transaction), TransactOptions.DEFAULT);
    }

    /** Transacts with the default options. */
    public Mono<TransactResult> transact(TransactArgs args) {
        return transact(args, TransactOptions.DEFAULT);
    }

    /**
     * Builds, signs and (unless {@code options} say not to) broadcasts a transaction: action data
     * encoded through the ABI cache; signer placeholders resolved; {@code beforeSign} hooks in
     * order; TAPoS and expiration from the cached head where the header is unset; the wallet
     * signs; {@code afterSign}; broadcast; {@code afterBroadcast}.
     *
     * @param args the actions or transaction
     * @param options options of this call
     * @return the result; errors keep their type (a node's refusal is a
     *     {@link ChainApiException} with the node's error name; a broken plugin rule a
     *     {@link SessionException})
     */
    public Mono<TransactResult> transact(TransactArgs args, TransactOptions options) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(options, "options");
        Mono<TransactResult> run = Mono.defer(() -> run(args, options));
        if (ui == null) {
            return run;
        }
        return run.onErrorResume(e -> ui.onError(e).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
    }

    /**
     * Has the wallet sign a transaction as it is: no plugins, no TAPoS, no broadcast.
     *
     * @param transaction the transaction
     * @return the wallet's signatures
     */
    public Mono<List<Signature>> signTransaction(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return Mono.defer(() -> walletPlugin.sign(transaction, context(Map.of())))
                .map(WalletPluginSignResponse::signatures);
    }

    /** The session in WharfKit's stored JSON shape. */
    public SerializedSession serialize() {
        return new SerializedSession(chain.id().toString(), actor().toString(), permission().toString(),
                new SerializedSession.WalletData(walletPlugin.id(), walletPlugin.data()), data, null);
    }

    private TransactContext context(Map<String, JsonNode> pluginOptions) {
        return new TransactContext(chain, client, permissionLevel, ui, abis::get, pluginOptions);
    }

    private Mono<TransactResult> run(TransactArgs args, TransactOptions options) {
        boolean modify = options.allowModify() != null ? options.allowModify() : allowModify;
        int expire = options.expireSeconds() != null ? options.expireSeconds() : expireSeconds;
        List<TransactPlugin> plugins = options.transactPlugins() != null ? options.transactPlugins() : transactPlugins;
        TransactContext context = context(options.transactPluginsOptions());

        Mono<State> state = ui(UserInterface::onTransact).then(build(args)).map(State::new);
        for (TransactPlugin plugin : plugins) {
            state = state.flatMap(s -> plugin.beforeSign(s.transaction, context)
                    .map(r -> s.apply(plugin.id(), r, modify, chain.id()))
                    .switchIfEmpty(Mono.fromSupplier(() -> s.unchanged(plugin.id()))));
        }
        Mono<State> signed = state
                .flatMap(s -> s.headerUnset() ? tapos(s, expire) : Mono.just(s))
                .flatMap(s -> ui(UserInterface::onSign)
                        .then(walletPlugin.sign(s.transaction, context))
                        .map(r -> s.walletSigned(r, walletPlugin.id()))
                        .switchIfEmpty(Mono.error(() -> new SessionException(
                                "wallet " + walletPlugin.id() + " completed without signing")))
                        .flatMap(x -> ui(UserInterface::onSignComplete).thenReturn(x)));
        Mono<State> afterSign = signed;
        for (TransactPlugin plugin : plugins) {
            afterSign = afterSign.flatMap(s -> plugin.afterSign(s.signedTransaction(), context).thenReturn(s));
        }
        Mono<TransactResult> result = afterSign.flatMap(s -> {
            if (!options.broadcast()) {
                return Mono.just(s.result(chain, permissionLevel, null));
            }
            PackedTransaction packed = PackedTransaction.from(s.signedTransaction(), Compression.NONE);
            return ui(UserInterface::onBroadcast)
                    .then(send(packed))
                    .map(response -> s.result(chain, permissionLevel, response))
                    .flatMap(r -> ui(UserInterface::onBroadcastComplete).thenReturn(r));
        });
        for (TransactPlugin plugin : plugins) {
            result = result.flatMap(r -> r.response() == null ? Mono.just(r)
                    : plugin.afterBroadcast(r, context).thenReturn(r));
        }
        return result.flatMap(r -> ui(UserInterface::onTransactComplete).thenReturn(r));
    }

    private Mono<Void> ui(Function<UserInterface, Mono<Void>> callback) {
        return ui == null ? Mono.empty() : Mono.defer(() -> callback.apply(ui));
    }

    private Mono<TransactionResponse> send(PackedTransaction packed) {
        if (noSendTransaction2.get()) {
            return client.sendTransaction(packed);
        }
        return client.sendTransaction2(packed, SEND_OPTIONS).onErrorResume(
                e -> e instanceof ChainApiException a && a.httpStatus() == 404,
                e -> {
                    noSendTransaction2.set(true);
                    return client.sendTransaction(packed);
                });
    }

    private Mono<State> tapos(State s, int expire) {
        if (!s.signatures.isEmpty()) {
            return Mono.error(new SessionException("a transact plugin signed a transaction whose header (TAPoS, "
                    + "expiration) is not set; set the header before signing"));
        }
        return heads.get().map(head -> {
            ChainInfo info = head.info();
            TransactionHeader old = s.transaction.header();
            long expiration = head.chainTimeNow().getEpochSecond() + expire;
            TransactionHeader header = new TransactionHeader(TimePointSec.of(expiration),
                    info.refBlockNum(ChainInfo.TaposBlock.LAST_IRREVERSIBLE),
                    info.refBlockPrefix(ChainInfo.TaposBlock.LAST_IRREVERSIBLE),
                    old.maxNetUsageWords(), old.maxCpuUsageMs(), old.delaySec());
            s.transaction = s.transaction.withHeader(header);
            return s;
        });
    }

    // ---- building the transaction ----

    private static final TransactionHeader UNSET_HEADER = new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0);

    private Mono<Transaction> build(TransactArgs args) {
        if (args.transaction() != null) {
            Transaction t = args.transaction();
            return Mono.just(t.withActions(resolveActions(t.actions()))
                    .withContextFreeActions(resolveActions(t.contextFreeActions())));
        }
        List<Object> items = args.actions();
        if (items.size() == 1) {
            return toAction(items.get(0)).map(a -> Transaction.of(UNSET_HEADER, a));
        }
        return Flux.fromIterable(items).concatMap(this::toAction, items.size())
                .collectList().map(actions -> Transaction.of(UNSET_HEADER, actions));
    }

    private Mono<Action> toAction(Object item) {
        if (item instanceof Action a) {
            return Mono.just(resolve(a));
        }
        ActionRequest r = (ActionRequest) item;
        return abis.get(r.account()).map(abi -> Action.of(r.account(), r.name().toString(),
                resolve(r.authorization()), resolveData(r.data()), abi));
    }

    private List<Action> resolveActions(List<Action> actions) {
        List<Action> out = null;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            Action resolved = resolve(a);
            if (resolved != a) {
                if (out == null) {
                    out = new ArrayList<>(actions);
                }
                out.set(i, resolved);
            }
        }
        return out == null ? actions : out;
    }

    private Action resolve(Action a) {
        List<PermissionLevel> auth = a.authorization();
        List<PermissionLevel> resolved = resolve(auth);
        return resolved == auth ? a : a.withAuthorization(resolved);
    }

    private List<PermissionLevel> resolve(List<PermissionLevel> auth) {
        boolean placeholder = false;
        for (PermissionLevel p : auth) {
            placeholder |= isPlaceholder(p.actor()) || isPlaceholder(p.permission());
        }
        if (!placeholder) {
            return auth;
        }
        List<PermissionLevel> out = new ArrayList<>(auth.size());
        for (PermissionLevel p : auth) {
            out.add(new PermissionLevel(substitute(p.actor()), substitute(p.permission())));
        }
        return out;
    }

    private static boolean isPlaceholder(Name n) {
        return n.equals(ActionRequest.PLACEHOLDER_ACTOR) || n.equals(ActionRequest.PLACEHOLDER_PERMISSION);
    }

    private Name substitute(Name n) {
        if (n.equals(ActionRequest.PLACEHOLDER_ACTOR)) {
            return actor();
        }
        if (n.equals(ActionRequest.PLACEHOLDER_PERMISSION)) {
            return permission();
        }
        return n;
    }

    private static final String ACTOR_TEXT = ActionRequest.PLACEHOLDER_ACTOR.toString();
    private static final String PERMISSION_TEXT = ActionRequest.PLACEHOLDER_PERMISSION.toString();

    /** Placeholders in {@code JsonNode}, {@code Map}, {@code Collection} and {@code Name}/text values. */
    private Object resolveData(Object value) {
        if (value instanceof String s) {
            return s.equals(ACTOR_TEXT) ? actor().toString() : s.equals(PERMISSION_TEXT) ? permission().toString() : s;
        }
        if (value instanceof Name n) {
            return substitute(n);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>(m.size() * 2);
            m.forEach((k, v) -> out.put(k, resolveData(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object v : c) {
                out.add(resolveData(v));
            }
            return out;
        }
        if (value instanceof JsonNode node) {
            return resolveJson(node);
        }
        return value;
    }

    private JsonNode resolveJson(JsonNode node) {
        if (node.isTextual()) {
            Object r = resolveData(node.textValue());
            return r == node.textValue() ? node : TextNode.valueOf((String) r);
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.fields().forEachRemaining(e -> e.setValue(resolveJson(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, resolveJson(copy.get(i)));
            }
            return copy;
        }
        return node;
    }

    @Override
    public String toString() {
        return "Session[" + permissionLevel + " on " + chain.id() + " with " + walletPlugin.id() + "]";
    }

    /** One transaction's progress through the steps; used by one subscription, step after step. */
    private static final class State {
        Transaction transaction;
        final List<Signature> signatures = new ArrayList<>(2);
        final List<TransactResult.Revision> revisions = new ArrayList<>(2);

        State(Transaction transaction) {
            this.transaction = transaction;
        }

        boolean headerUnset() {
            TransactionHeader h = transaction.header();
            return h.expiration().seconds() == 0 && h.refBlockNum() == 0 && h.refBlockPrefix() == 0;
        }

        State unchanged(String pluginId) {
            revisions.add(new TransactResult.Revision(pluginId, false, 0));
            return this;
        }

        State apply(String pluginId, TransactHookResult r, boolean modify, Checksum256 chainId) {
            boolean modified = false;
            if (r.transaction() != null && !r.transaction().equals(transaction)) {
                if (!signatures.isEmpty()) {
                    throw new SessionException("transact plugin " + pluginId
                            + " changed a transaction that a signature already locks");
                }
                if (modify) {
                    transaction = r.transaction();
                    modified = true;
                }
            }
            if (!r.signatures().isEmpty()) {
                if (r.transaction() != null && !r.transaction().equals(transaction)) {
                    throw new SessionException("transact plugin " + pluginId
                            + " signed a change that was not applied (modification is not allowed)");
                }
                if (headerUnset()) {
                    throw new SessionException("transact plugin " + pluginId + " signed a transaction whose header "
                            + "(TAPoS, expiration) is not set");
                }
                Checksum256 digest = transaction.signingDigest(chainId);
                for (int i = 0; i < r.signatures().size(); i++) {
                    try {
                        r.signatures().get(i).recover(digest);
                    } catch (RuntimeException e) {
                        throw new SessionException("transact plugin " + pluginId + " signature[" + i
                                + "] does not sign the transaction: " + e.getMessage(), e);
                    }
                }
                signatures.addAll(r.signatures());
            }
            revisions.add(new TransactResult.Revision(pluginId, modified, r.signatures().size()));
            return this;
        }

        State walletSigned(WalletPluginSignResponse r, String walletId) {
            if (r.transaction() != null && !r.transaction().equals(transaction)) {
                if (!signatures.isEmpty()) {
                    throw new SessionException("wallet " + walletId
                            + " changed a transaction that a plugin's signature already locks");
                }
                transaction = r.transaction();
            }
            signatures.addAll(r.signatures());
            return this;
        }

        SignedTransaction signedTransaction() {
            return SignedTransaction.of(transaction, signatures, List.of());
        }

        TransactResult result(ChainDefinition chain, PermissionLevel signer, TransactionResponse response) {
            return new TransactResult(chain, transaction, transaction.id(), signatures, signer, revisions, response);
        }
    }

    /** Builds a {@link Session}; {@link #build()} checks that chain, actor, permission and wallet are set. */
    public static final class Builder {
        private ChainDefinition chain;
        private Name actor;
        private Name permission;
        private WalletPlugin walletPlugin;
        private ChainClient client;
        private final List<TransactPlugin> transactPlugins = new ArrayList<>();
        private int expireSeconds = DEFAULT_EXPIRE_SECONDS;
        private boolean allowModify = true;
        private UserInterface ui;
        private JsonNode data;
        private final Map<Name, Abi> abis = new HashMap<>();
        private Duration headRefresh = DEFAULT_HEAD_REFRESH;
        private Duration headMaxAge = DEFAULT_HEAD_MAX_AGE;

        private Builder() {
        }

        public Builder chain(ChainDefinition chain) {
            this.chain = Objects.requireNonNull(chain, "chain");
            return this;
        }

        public Builder actor(String actor) {
            return actor(Name.from(actor));
        }

        public Builder actor(Name actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        public Builder permission(String permission) {
            return permission(Name.from(permission));
        }

        public Builder permission(Name permission) {
            this.permission = Objects.requireNonNull(permission, "permission");
            return this;
        }

        /** Actor and permission at once. */
        public Builder permissionLevel(PermissionLevel level) {
            Objects.requireNonNull(level, "level");
            this.actor = level.actor();
            this.permission = level.permission();
            return this;
        }

        public Builder walletPlugin(WalletPlugin walletPlugin) {
            this.walletPlugin = Objects.requireNonNull(walletPlugin, "walletPlugin");
            return this;
        }

        /** The chain client; by default one made from the chain's URLs. */
        public Builder client(ChainClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Adds transact plugins, run in the order added. */
        public Builder transactPlugins(TransactPlugin... plugins) {
            for (TransactPlugin p : plugins) {
                transactPlugins.add(Objects.requireNonNull(p, "transactPlugin"));
            }
            return this;
        }

        public Builder expireSeconds(int seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("expireSeconds must be positive, got " + seconds);
            }
            this.expireSeconds = seconds;
            return this;
        }

        public Builder allowModify(boolean allowModify) {
            this.allowModify = allowModify;
            return this;
        }

        public Builder ui(UserInterface ui) {
            this.ui = ui;
            return this;
        }

        /** Application data persisted with the session. */
        public Builder data(JsonNode data) {
            this.data = data;
            return this;
        }

        /** A contract's ABI, so it is never fetched. */
        public Builder abi(Name contract, Abi abi) {
            abis.put(Objects.requireNonNull(contract, "contract"), Objects.requireNonNull(abi, "abi"));
            return this;
        }

        /** How old the cached head may get before a background refresh, and before a transaction waits. */
        public Builder headCache(Duration refreshAfter, Duration maxAge) {
            if (refreshAfter.isNegative() || maxAge.compareTo(refreshAfter) < 0) {
                throw new IllegalArgumentException("head cache needs 0 <= refreshAfter <= maxAge, got "
                        + refreshAfter + " and " + maxAge);
            }
            this.headRefresh = refreshAfter;
            this.headMaxAge = maxAge;
            return this;
        }

        /**
         * @throws IllegalStateException if chain, actor, permission or wallet is missing
         */
        public Session build() {
            List<String> missing = new ArrayList<>();
            if (chain == null) {
                missing.add("chain");
            }
            if (actor == null) {
                missing.add("actor");
            }
            if (permission == null) {
                missing.add("permission");
            }
            if (walletPlugin == null) {
                missing.add("walletPlugin");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Session.builder() is missing " + String.join(", ", missing));
            }
            ChainClient c = client != null ? client : ChainClient.builder().endpoints(chain.urls().toArray(String[]::new)).build();
            return new Session(this, c);
        }
    }
}
