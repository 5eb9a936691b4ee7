package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account on a chain with the wallet that signs for it. Built by a session kit's login, or
 * directly by services holding their own keys. Immutable and thread-safe: one session serves any
 * number of concurrent transactions; {@link #withEndpoint}, {@link #withData} and
 * {@link #withUserInterface} return new sessions and leave this one as it was. Every operation is
 * cold: nothing happens before subscription.
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

    private final TransactPipeline pipeline;
    private final JsonNode data;

    private Session(TransactPipeline pipeline, JsonNode data) {
        this.pipeline = pipeline;
        this.data = data;
    }

    /**
     * This session with another user interface, for a server that signs for many users at once:
     * each request's prompts (a signing request's QR code, say) go to that user's page. The copy
     * shares this session's client, ABI and head caches, meters and data; this session is
     * unchanged.
     *
     * <pre>{@code
     * session.withUserInterface(browserUi).transactAndTrack(transfer)
     * }</pre>
     *
     * @param ui the interface for the copy's prompts and progress, or {@code null} for none
     * @return a new session
     */
    public Session withUserInterface(UserInterface ui) {
        return new Session(pipeline.withUserInterface(ui), data);
    }

    /** The user interface of this session's prompts and progress, or {@code null}. */
    public UserInterface ui() {
        return pipeline.ui();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The chain; its URLs are those of the current endpoint. */
    public ChainDefinition chain() {
        return pipeline.endpoint().chain;
    }

    /** The account. */
    public Name actor() {
        return pipeline.signer().actor();
    }

    /** The permission. */
    public Name permission() {
        return pipeline.signer().permission();
    }

    /** The account and permission. */
    public PermissionLevel permissionLevel() {
        return pipeline.signer();
    }

    /** The wallet that signs. */
    public WalletPlugin walletPlugin() {
        return pipeline.wallet();
    }

    /** The chain client of the current endpoint. */
    public ChainClient client() {
        return pipeline.endpoint().client;
    }

    /** A copy of the application data persisted with the session, or {@code null}. */
    public JsonNode data() {
        JsonNode d = data;
        return d == null ? null : d.deepCopy();
    }

    /**
     * This session with other application data (a copy is kept); this session is unchanged. To
     * keep it, store the new session: {@code kit.persistSession(session.withData(d), false)}.
     *
     * @param data the data, or {@code null} for none
     * @return a new session sharing everything else with this one
     */
    public Session withData(JsonNode data) {
        return new Session(pipeline, data == null ? null : data.deepCopy());
    }

    /**
     * This session on another chain client, which must serve the session's chain; this session is
     * unchanged and keeps its client. The caller owns {@code client}: the session never closes
     * it. To reach the same chain on another node with the same settings, derive the client:
     *
     * <pre>{@code
     * ChainClient backup = session.client().mutate().endpoints("https://backup.example").build();
     * Session moved = session.withEndpoint(backup);
     * }</pre>
     *
     * <p>The copy shares this session's user interface, data, plugins, meters and a kit's ABI
     * cache; its head cache (TAPoS) is its own, read through {@code client}; a session's own ABI
     * cache (one built without a kit or {@link Builder#abiCache}) starts afresh on {@code client}.
     *
     * @param client the chain client
     * @return a new session
     */
    public Session withEndpoint(ChainClient client) {
        Objects.requireNonNull(client, "client");
        return new Session(pipeline.on(Endpoint.withClientUrls(chain(), client)), data);
    }

    /**
     * Seconds after the chain's head time at which the session's transactions expire (its
     * builder's {@code expireSeconds}, unless a call's {@link TransactOptions} says otherwise): a
     * transaction sent and not answered lands before then, or never.
     */
    public int expireSeconds() {
        return pipeline.settings().expireSeconds();
    }

    /** A contract's ABI: a pinned one given to the builder, or through the session's {@link #abiCache()}. */
    public Mono<Abi> abi(Name contract) {
        return pipeline.abis().abi(Objects.requireNonNull(contract, "contract"));
    }

    /** The ABI cache the session uses (its kit's cache of the chain when a kit made it). */
    public AbiCache abiCache() {
        return pipeline.abis().cache();
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

    /**
     * Transacts a signing request with the default options: see {@link TransactArgs#of(SigningRequest)}.
     * If the request says not to broadcast, the result holds the signatures and no node answer.
     */
    public Mono<TransactResult> transact(SigningRequest request) {
        return transact(TransactArgs.of(request), TransactOptions.DEFAULT);
    }

    /** Transacts a signing request: see {@link TransactArgs#of(SigningRequest)}. */
    public Mono<TransactResult> transact(SigningRequest request, TransactOptions options) {
        return transact(TransactArgs.of(request), options);
    }

    /** Transacts with the default options. */
    public Mono<TransactResult> transact(TransactArgs args) {
        return transact(args, TransactOptions.DEFAULT);
    }

    /**
     * Builds, signs and (unless {@code options} say not to) broadcasts a transaction: action data
     * encoded through the ABI cache; signer placeholders resolved in authorizations and in the
     * data's {@code name} values; {@code beforeSign} hooks in order; TAPoS and expiration from the
     * cached head where the header is unset; the wallet signs; {@code afterSign}; broadcast
     * ({@code send_transaction2}, else {@code send_transaction}); return values decoded;
     * {@code afterBroadcast}. Cancelling the subscription cancels what is waited for (the wallet,
     * the user interface, the node).
     *
     * @param args the actions or transaction
     * @param options options of this call
     * @return the result; errors keep their type (a node's refusal is a
     *     {@link ChainApiException} with the node's error name and details; a broken plugin rule
     *     a {@link SessionException})
     */
    public Mono<TransactResult> transact(TransactArgs args, TransactOptions options) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(options, "options");
        return pipeline.transact(args, options);
    }

    /** Transacts one encoded action and follows it to a final state. */
    public Flux<TransactEvent> transactAndTrack(Action action) {
        return transactAndTrack(TransactArgs.of(action), TransactOptions.DEFAULT);
    }

    /** Transacts encoded actions and follows the transaction to a final state. */
    public Flux<TransactEvent> transactAndTrack(List<Action> actions) {
        return transactAndTrack(TransactArgs.ofActions(actions), TransactOptions.DEFAULT);
    }

    /** Transacts a transaction and follows it to a final state. */
    public Flux<TransactEvent> transactAndTrack(Transaction transaction) {
        return transactAndTrack(TransactArgs.of(transaction), TransactOptions.DEFAULT);
    }

    /**
     * Transacts a signing request and follows the transaction to a final state.
     *
     * @throws IllegalArgumentException if the request says not to broadcast
     */
    public Flux<TransactEvent> transactAndTrack(SigningRequest request) {
        return transactAndTrack(TransactArgs.of(request), TransactOptions.DEFAULT);
    }

    /** Transacts with the default options and follows the transaction to a final state. */
    public Flux<TransactEvent> transactAndTrack(TransactArgs args) {
        return transactAndTrack(args, TransactOptions.DEFAULT);
    }

    /**
     * As {@link #transact(TransactArgs, TransactOptions)}, then follows the transaction with the
     * chain client's status stream ({@link ChainClient#trackTransaction}): emits
     * {@link TransactEvent.Accepted} with the result, then a {@link TransactEvent.StatusChanged}
     * for each state until a final one ({@code IRREVERSIBLE}, {@code FAILED} or {@code EXPIRED}),
     * then completes.
     *
     * @param args the actions or transaction
     * @param options options of this call; they must broadcast
     * @return the events; the transact's errors, or the tracking's (a
     *     {@link io.antelopekit.api.ChainTimeoutException} when no final state comes in time)
     * @throws IllegalArgumentException if {@code options}, or the signing request of
     *     {@code args}, do not broadcast
     */
    public Flux<TransactEvent> transactAndTrack(TransactArgs args, TransactOptions options) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(options, "options");
        if (!options.broadcast()) {
            throw new IllegalArgumentException("transactAndTrack follows a broadcast transaction; options say "
                    + "broadcast=false (use transact)");
        }
        if (args.request() != null && !args.request().shouldBroadcast()) {
            throw new IllegalArgumentException("transactAndTrack follows a broadcast transaction; the signing "
                    + "request says not to broadcast (use transact)");
        }
        ChainClient client = client();
        return Flux.defer(() -> pipeline.transact(args, options).flatMapMany(r -> {
            Checksum256 id = r.id();
            return Flux.<TransactEvent>just(new TransactEvent.Accepted(r))
                    .concatWith(client.trackTransaction(id).map(s -> new TransactEvent.StatusChanged(id, s)));
        }));
    }

    /** {@link #transactAll(Flux, BatchOptions)} with {@link BatchOptions#DEFAULT}. */
    public Flux<ActionOutcome> transactAll(Flux<Action> actions) {
        return transactAll(actions, BatchOptions.DEFAULT);
    }

    /**
     * Sends a stream of encoded actions in batched transactions and emits one
     * {@link ActionOutcome} per action: its index in the input, the transaction that carried it and
     * whether it was executed, refused (with the node's error) or is of unknown fate.
     *
     * <pre>{@code
     * session.transactAll(payouts.map(p -> transfer(p)), BatchOptions.builder().concurrency(8).build())
     *         .filter(o -> !o.isSuccess())
     *         .subscribe(o -> log.warn("payout #{} failed: {}", o.index(), o.error().getMessage()));
     * }</pre>
     *
     * <ul>
     * <li>Packing: up to {@link BatchOptions#maxActions()} actions and
     *     {@link BatchOptions#maxBytes()} bytes per transaction; a batch that is not full is sent
     *     after {@link BatchOptions#maxWait()}. Each batch is one {@link #transact(TransactArgs,
     *     TransactOptions)} with {@link BatchOptions#transactOptions()}, so the transact plugins,
     *     the wallet, the user interface and the meters see it as any other transaction (its
     *     revisions also list two hooks of the batcher's own, {@code antelopekit.batch.header}
     *     first and {@code antelopekit.batch.signed} last).</li>
     * <li>Backpressure: at most {@link BatchOptions#concurrency()} transactions are in flight, and
     *     the input is asked for no more than what they and the batch being filled hold (at most
     *     {@code (concurrency + 1) * maxActions} actions); outcomes nobody requested yet hold their
     *     transaction's place, so a slow subscriber slows the input.</li>
     * <li>Order: with {@link BatchOptions#ordered()} outcomes come in input order (at most
     *     {@code concurrency} batches wait for an earlier one); otherwise each transaction's
     *     outcomes come as soon as it ends.</li>
     * <li>Refusals: a transaction of several actions that the chain refuses for something an
     *     action may have done (an assertion, a missing authority, bad data) is halved and each
     *     half sent again, the left one first, down to single actions, so one bad action never
     *     keeps the others from landing; the single action's outcome is {@code FAILED} with the
     *     node's {@link ChainApiException}. Faults of the transaction itself (expiration, TAPoS,
     *     duplicate, signatures) and exhausted account resources are not split: every action of
     *     the batch gets the error.</li>
     * <li>No double landing: a batch is sent again (halved) only after the chain definitely
     *     refused it. When a transaction was signed but its fate is unknown (a timeout, a broken
     *     connection, a node unavailable after the client's own retries, which resend the same
     *     bytes), its actions are {@code UNKNOWN}, with the transaction id to look it up, and are
     *     never resent. Batches of identical actions get expirations a second apart, so they never
     *     collide as duplicates of each other; a {@code tx_duplicate} refusal (an identical
     *     transaction sent by someone else) is reported, not retried.</li>
     * <li>Errors: every action taken from the input gets an outcome; an error of the input sends
     *     the batch being filled, then ends the outcomes with that error once the transactions in
     *     flight ended. Cancelling stops sending new batches and cancels those in flight (which
     *     may still land).</li>
     * </ul>
     *
     * @param actions the encoded actions (placeholders in authorizations are resolved as usual)
     * @param options packing, concurrency and order
     * @return the outcomes; cold: nothing is sent before subscription
     */
    public Flux<ActionOutcome> transactAll(Flux<Action> actions, BatchOptions options) {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(options, "options");
        return new Batcher(this, pipeline.settings().plugins(), options).run(actions);
    }

    /**
     * Has the wallet sign a transaction as it is: no plugins, no TAPoS, no broadcast.
     *
     * @param transaction the transaction
     * @return the wallet's signatures
     */
    public Mono<List<Signature>> signTransaction(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return pipeline.sign(transaction);
    }

    /**
     * Answers a version 3 identity request (a login request) for the session's chain and
     * permission: the wallet signs the request's identity transaction, which expires
     * {@value TaposContext#DEFAULT_EXPIRE_SECONDS} seconds from now. A service checks the proof
     * with an {@link io.antelopekit.esr.IdentityProofVerifier}.
     *
     * @param request the identity request (version 3, with the application's scope)
     * @return the proof; a {@link SessionException} if the request is not a version 3 identity
     *     request or asks for another account or permission, or if the wallet changed the
     *     transaction or gave no signature; an {@link UnknownChainException} if the request is for
     *     another chain
     */
    public Mono<IdentityProof> identityProof(SigningRequest request) {
        Objects.requireNonNull(request, "request");
        return pipeline.identityProof(request, TaposContext.DEFAULT_EXPIRE_SECONDS);
    }

    /**
     * Makes an identity proof for {@code scope} (the application the user logs into) that expires
     * {@code ttl} from now: {@link #identityProof(SigningRequest)} of a version 3 identity request
     * for the session's chain and permission.
     *
     * <pre>{@code
     * session.createIdentityProof(Name.from("myapp"), Duration.ofMinutes(1))
     *         .map(IdentityProof::toString)          // "EOSIO <base64>", the Authorization header
     *         .flatMap(header -> http.post().uri("/login").header("Authorization", header)...)
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code ttl} is not between 1 second and 2^32-1 seconds
     */
    public Mono<IdentityProof> createIdentityProof(Name scope, Duration ttl) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(ttl, "ttl");
        long seconds = ttl.getSeconds();
        if (seconds < 1 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ttl " + ttl + " is not between 1 and 4294967295 seconds");
        }
        return Mono.defer(() -> pipeline.identityProof(SigningRequest.builder().chainId(chain().id())
                .identity(permissionLevel()).identityScope(scope).build(), seconds));
    }

    /**
     * The session in WharfKit's stored JSON shape:
     * {@code {chain, actor, permission, walletPlugin: {id, data}, data?}}; {@code data} only
     * when it is set and not an empty object.
     */
    public SerializedSession serialize() {
        JsonNode d = data;
        boolean empty = d == null || d.isNull() || (d.isObject() && d.isEmpty());
        return new SerializedSession(chain().id().toString(), actor().toString(), permission().toString(),
                new SerializedSession.WalletData(walletPlugin().id(), walletPlugin().data()),
                empty ? null : d.deepCopy(), null);
    }

    @Override
    public String toString() {
        return "Session[" + permissionLevel() + " on " + chain().id() + " with " + walletPlugin().id() + "]";
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
        private Map<String, JsonNode> transactPluginsOptions = Map.of();
        private UserInterface ui;
        private JsonNode data;
        private final Map<Name, Abi> abis = new HashMap<>();
        private AbiCache abiCache;
        private Duration headRefresh = DEFAULT_HEAD_REFRESH;
        private Duration headMaxAge = DEFAULT_HEAD_MAX_AGE;
        private MeterRegistry meterRegistry;

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

        /**
         * The chain client, owned by the caller (never closed by the session); by default the
         * session makes one on the chain's URLs.
         */
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

        /**
         * Options of the transact plugins, by plugin id, given to every transaction of the session
         * (a call's {@link TransactOptions#transactPluginsOptions()} replace those of the same plugin).
         */
        public Builder transactPluginsOptions(Map<String, JsonNode> options) {
            this.transactPluginsOptions = Map.copyOf(Objects.requireNonNull(options, "options"));
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

        /** Application data persisted with the session (a copy is kept). */
        public Builder data(JsonNode data) {
            this.data = data;
            return this;
        }

        /** A contract's ABI, pinned: never fetched, never refreshed (not put in the {@link #abiCache}). */
        public Builder abi(Name contract, Abi abi) {
            abis.put(Objects.requireNonNull(contract, "contract"), Objects.requireNonNull(abi, "abi"));
            return this;
        }

        /**
         * The ABI cache of the session's chain, shared with other sessions of the chain (a kit
         * gives its own); by default the session has a {@link DefaultAbiCache} of its own.
         */
        public Builder abiCache(AbiCache abiCache) {
            this.abiCache = Objects.requireNonNull(abiCache, "abiCache");
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
         * Records the session's timers in {@code registry}: {@code antelopekit.session.transact},
         * {@code antelopekit.session.sign} and {@code antelopekit.session.broadcast}, tagged
         * {@code chain} (the chain id), {@code wallet} (the wallet id) and {@code outcome}
         * ({@code success}, {@code error}, {@code cancelled}).
         *
         * @param registry the registry, or {@code null} for none
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * @throws IllegalStateException if chain, actor, permission or wallet is missing
         */
        public Session build() {
            List<String> missing = new ArrayList<>();
            missing(missing, chain, "chain");
            missing(missing, actor, "actor");
            missing(missing, permission, "permission");
            missing(missing, walletPlugin, "walletPlugin");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Session.builder() is missing " + String.join(", ", missing));
            }
            Endpoint first = new Endpoint(chain, client != null ? client
                    : ChainClient.builder().endpoints(chain.urls().toArray(String[]::new)).build());
            PermissionLevel signer = new PermissionLevel(actor, permission);
            TransactSettings settings = new TransactSettings(transactPlugins, expireSeconds, allowModify,
                    transactPluginsOptions);
            SessionMetrics metrics = SessionMetrics.of(meterRegistry, chain.id().toString(), walletPlugin.id());
            ChainClient c = first.client;
            TransactPipeline pipeline = new TransactPipeline(signer, walletPlugin, settings, metrics, ui, first,
                    new SessionAbis(abis, abiCache, c), new HeadCache(() -> c, headRefresh, headMaxAge));
            return new Session(pipeline, data == null ? null : data.deepCopy());
        }

        private static void missing(List<String> missing, Object value, String name) {
            if (value == null) {
                missing.add(name);
            }
        }
    }
}
