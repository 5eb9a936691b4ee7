package io.antelopekit.session;

import io.antelopekit.plugin.ActionReturnValue;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.TransactResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.SendOptions;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.session.internal.Placeholders;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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

    private static final SendOptions SEND_OPTIONS = new SendOptions(false, null, false);
    private static final TransactionHeader UNSET_HEADER = new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0);

    private final PermissionLevel permissionLevel;
    private final WalletPlugin walletPlugin;
    private final List<TransactPlugin> transactPlugins;
    private final int expireSeconds;
    private final boolean allowModify;
    private final Map<String, JsonNode> transactPluginsOptions;
    private final UserInterface ui;
    /**
     * A {@code MeterRegistry}, or null. Typed {@code Object}: Micrometer is an optional dependency,
     * and frameworks that inspect an object's fields (Spring does, for a bean) load every field's type.
     */
    private final Object meterRegistry;
    private final SessionMetrics metrics;
    private final AbiCache abis;
    /** ABIs given to the builder: never fetched, never refreshed. */
    private final Map<Name, Abi> pinned;
    private final boolean ownAbiCache;
    private final HeadCache heads;
    private final Endpoint endpoint;
    private final JsonNode data;

    private Session(Builder b, Endpoint first) {
        this.permissionLevel = new PermissionLevel(b.actor, b.permission);
        this.walletPlugin = b.walletPlugin;
        this.transactPlugins = List.copyOf(b.transactPlugins);
        this.expireSeconds = b.expireSeconds;
        this.allowModify = b.allowModify;
        this.transactPluginsOptions = Map.copyOf(b.transactPluginsOptions);
        this.ui = b.ui;
        this.meterRegistry = b.meterRegistry;
        this.metrics = SessionMetrics.of(b.meterRegistry, b.chain.id().toString(), b.walletPlugin.id());
        this.endpoint = first;
        this.pinned = Map.copyOf(b.abis);
        ChainClient client = first.client;
        this.ownAbiCache = b.abiCache == null;
        this.abis = b.abiCache != null ? b.abiCache : DefaultAbiCache.of(() -> client, DefaultAbiCache.DEFAULT_MAX_SIZE);
        this.heads = new HeadCache(() -> client, b.headRefresh, b.headMaxAge);
        this.data = b.data == null ? null : b.data.deepCopy();
    }

    /** A copy of {@code source} with another user interface, endpoint or data; the rest is shared. */
    private Session(Session source, UserInterface ui, Endpoint endpoint, JsonNode data) {
        this.permissionLevel = source.permissionLevel;
        this.walletPlugin = source.walletPlugin;
        this.transactPlugins = source.transactPlugins;
        this.expireSeconds = source.expireSeconds;
        this.allowModify = source.allowModify;
        this.transactPluginsOptions = source.transactPluginsOptions;
        this.ui = ui;
        this.meterRegistry = source.meterRegistry;
        this.metrics = source.metrics;
        this.endpoint = endpoint;
        this.pinned = source.pinned;
        this.ownAbiCache = source.ownAbiCache;
        if (endpoint == source.endpoint) {
            this.abis = source.abis;
            this.heads = source.heads;
        } else {
            ChainClient client = endpoint.client;
            // a kit's cache (or one given) stays shared; the session's own fetches through the new client
            this.abis = ownAbiCache ? DefaultAbiCache.of(() -> client, DefaultAbiCache.DEFAULT_MAX_SIZE) : source.abis;
            this.heads = source.heads.on(() -> client);
        }
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
        return new Session(this, ui, endpoint, data);
    }

    /** The user interface of this session's prompts and progress, or {@code null}. */
    public UserInterface ui() {
        return ui;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The chain; its URLs are those of the current endpoint. */
    public ChainDefinition chain() {
        return endpoint.chain;
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

    /** The chain client of the current endpoint. */
    public ChainClient client() {
        return endpoint.client;
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
        return new Session(this, ui, endpoint, data == null ? null : data.deepCopy());
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
        return new Session(this, ui, new Endpoint(withUrls(endpoint.chain, client.config().endpoints()), client), data);
    }

    private static ChainDefinition withUrls(ChainDefinition chain, List<URI> urls) {
        List<String> list = new ArrayList<>(urls.size());
        urls.forEach(u -> list.add(u.toString()));
        return chain.withUrls(list);
    }

    /** A contract's ABI: a pinned one given to the builder, or through the session's {@link #abiCache()}. */
    public Mono<Abi> abi(Name contract) {
        return cachedAbi(Objects.requireNonNull(contract, "contract"));
    }

    /** The ABI cache the session uses (its kit's cache of the chain when a kit made it). */
    public AbiCache abiCache() {
        return abis;
    }

    private Mono<Abi> cachedAbi(Name contract) {
        Abi abi = pinned.get(contract);
        return abi != null ? Mono.just(abi) : abis.abi(contract);
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
        return Mono.defer(() -> transactOn(endpoint, args, options));
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
        Endpoint e = endpoint;
        return Flux.defer(() -> transactOn(e, args, options).flatMapMany(r -> {
            Checksum256 id = r.id();
            return Flux.<TransactEvent>just(new TransactEvent.Accepted(r))
                    .concatWith(e.client.trackTransaction(id).map(s -> new TransactEvent.StatusChanged(id, s)));
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
        return new Batcher(this, transactPlugins, options).run(actions);
    }

    /**
     * Has the wallet sign a transaction as it is: no plugins, no TAPoS, no broadcast.
     *
     * @param transaction the transaction
     * @return the wallet's signatures
     */
    public Mono<List<Signature>> signTransaction(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        Endpoint e = endpoint;
        return metrics.sign(Mono.defer(() -> walletPlugin.sign(transaction,
                        context(e, false, this::cachedAbi, Map.of(), expireSeconds))))
                .map(WalletPluginSignResponse::signatures);
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
        return prove(request, TaposContext.DEFAULT_EXPIRE_SECONDS);
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
        return Mono.defer(() -> prove(SigningRequest.builder().chainId(chain().id()).identity(permissionLevel)
                .identityScope(scope).build(), seconds));
    }

    private Mono<IdentityProof> prove(SigningRequest request, long ttlSeconds) {
        Endpoint e = endpoint;
        return Mono.defer(() -> {
            if (!request.isIdentity() || request.version() < 3) {
                return Mono.error(new SessionException("an identity proof answers a version 3 identity request, not "
                        + (request.isIdentity() ? "a version " + request.version() + " identity request"
                                : "a transaction request") + ": " + request));
            }
            PermissionLevel asked = request.identityPermission().orElse(null);
            if (asked != null && !(matches(asked.actor(), actor()) && matches(asked.permission(), permission()))) {
                return Mono.error(new SessionException("the identity request asks for " + asked
                        + ", the session is " + permissionLevel));
            }
            TaposContext ctx = forChain(request, e.chain.id(),
                    TaposContext.none().withTimestamp(TimePointSec.fromInstant(Instant.now()), ttlSeconds));
            ResolvedSigningRequest resolved = request.resolve(Map.of(), permissionLevel, ctx);
            Transaction transaction = resolved.transaction();
            TransactContext context = context(e, false, this::cachedAbi, transactPluginsOptions, expireSeconds);
            return metrics.sign(Mono.defer(() -> walletPlugin.sign(transaction, context)))
                    .switchIfEmpty(Mono.error(() -> new SessionException(
                            "wallet " + walletPlugin.id() + " completed without signing the identity request")))
                    .map(r -> {
                        if (r.transaction() != null && !r.transaction().equals(transaction)) {
                            throw new SessionException("wallet " + walletPlugin.id()
                                    + " changed the identity transaction; a proof signs it unchanged");
                        }
                        if (r.signatures().isEmpty()) {
                            throw new SessionException("wallet " + walletPlugin.id()
                                    + " gave no signature for the identity request");
                        }
                        return resolved.identityProof(r.signatures().get(0));
                    });
        });
    }

    /** Whether a name an identity request asks for is the session's (a placeholder is anyone's). */
    private static boolean matches(Name asked, Name own) {
        return asked.equals(own) || Placeholders.isPlaceholder(asked);
    }

    /**
     * {@code ctx} for resolving {@code request} on the session's chain.
     *
     * @throws UnknownChainException if the request is for another chain, or is a multi-chain
     *     request that does not allow the session's
     */
    private static TaposContext forChain(SigningRequest request, Checksum256 chainId, TaposContext ctx) {
        if (!request.isMultiChain()) {
            Checksum256 own = request.chainId().orElseThrow();
            if (!own.equals(chainId)) {
                throw new UnknownChainException("the signing request is for chain " + own + ", the session is on "
                        + chainId);
            }
            return ctx;
        }
        List<Checksum256> allowed = request.chainIds();
        if (!allowed.isEmpty() && !allowed.contains(chainId)) {
            throw new UnknownChainException("the multi-chain signing request allows chains " + allowed
                    + ", not the session's chain " + chainId);
        }
        return ctx.withChainId(chainId);
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
                new SerializedSession.WalletData(walletPlugin.id(), walletPlugin.data()), empty ? null : d.deepCopy(),
                null);
    }

    private DefaultTransactContext context(Endpoint e, boolean modify, Function<Name, Mono<Abi>> abiLookup,
            Map<String, JsonNode> pluginOptions, int expire) {
        return new DefaultTransactContext(e.chain, e.client, permissionLevel, ui, modify, abiLookup, pluginOptions,
                t -> HeadCache.headerUnset(t) ? heads.get().map(h -> h.withHeader(t, expire)) : Mono.just(t));
    }

    private Mono<TransactResult> transactOn(Endpoint e, TransactArgs args, TransactOptions options) {
        Mono<TransactResult> run = Mono.defer(() -> run(e, args, options));
        if (ui != null) {
            run = run.onErrorResume(x -> ui.onError(x).onErrorResume(y -> Mono.empty()).then(Mono.error(x)));
        }
        return metrics.transact(run);
    }

    private Mono<TransactResult> run(Endpoint e, TransactArgs args, TransactOptions options) {
        boolean modify = options.allowModify() != null ? options.allowModify() : allowModify;
        int expire = options.expireSeconds() != null ? options.expireSeconds() : expireSeconds;
        List<TransactPlugin> plugins = options.transactPlugins() != null ? options.transactPlugins() : transactPlugins;
        Map<Name, Abi> given = options.abis();
        Function<Name, Mono<Abi>> abiLookup = given.isEmpty() ? this::cachedAbi : name -> {
            Abi abi = given.get(name);
            return abi != null ? Mono.just(abi) : cachedAbi(name);
        };
        // only a cached ABI is refreshed, never one the call or the builder gave
        Predicate<Name> refreshable = name -> !given.containsKey(name) && !pinned.containsKey(name);
        Map<String, JsonNode> pluginOptions = transactPluginsOptions;
        if (!options.transactPluginsOptions().isEmpty()) {
            // a call's options replace the session's options of the same plugin
            Map<String, JsonNode> merged = new java.util.HashMap<>(transactPluginsOptions);
            merged.putAll(options.transactPluginsOptions());
            pluginOptions = merged;
        }
        DefaultTransactContext context = context(e, modify, abiLookup, pluginOptions, expire);
        Checksum256 chainId = e.chain.id();
        // a signing request that says not to broadcast is signed only
        boolean broadcast = options.broadcast() && (args.request() == null || args.request().shouldBroadcast());

        Mono<State> state = ui(UserInterface::onTransact).then(args.request() != null
                ? fromRequest(args.request(), abiLookup, chainId).map(State::new)
                : build(args, abiLookup, refreshable, chainId).map(State::new));
        for (TransactPlugin plugin : plugins) {
            state = state.flatMap(s -> plugin.beforeSign(s.transaction, context.allowingModify(s.modifiable(modify)))
                    .map(r -> s.apply(plugin.id(), r, modify, chainId))
                    .switchIfEmpty(Mono.fromSupplier(() -> s.unchanged(plugin.id(), modify))));
        }
        Mono<State> signed = state
                .flatMap(s -> s.headerUnset() ? context.resolveHeader(s.transaction).map(s::withHeader) : Mono.just(s))
                .flatMap(s -> ui(UserInterface::onSign)
                        .then(metrics.sign(Mono.defer(() -> walletPlugin.sign(s.transaction,
                                context.allowingModify(s.modifiable(modify))))
                                .switchIfEmpty(Mono.error(() -> new SessionException(
                                        "wallet " + walletPlugin.id() + " completed without signing")))))
                        .map(r -> s.walletSigned(r, walletPlugin.id(), modify)));
        for (TransactPlugin plugin : plugins) {
            signed = signed.flatMap(s -> plugin.afterSign(s.signedTransaction(), context).thenReturn(s));
        }
        Mono<TransactResult> result = signed.flatMap(s -> ui(UserInterface::onSignComplete).thenReturn(s.result(e.chain,
                permissionLevel, chainId)));
        if (!broadcast) {
            return result.flatMap(r -> ui(UserInterface::onTransactComplete).thenReturn(r));
        }
        result = result.flatMap(r -> ui(UserInterface::onBroadcast)
                .then(metrics.broadcast(send(e, PackedTransaction.from(
                        SignedTransaction.of(r.transaction(), r.signatures(), List.of()), Compression.NONE))))
                .doOnNext(response -> invalidateSetAbi(r.transaction()))
                .flatMap(response -> returns(response, abiLookup).map(returns -> r.withResponse(response, returns))));
        for (TransactPlugin plugin : plugins) {
            result = result.flatMap(r -> plugin.afterBroadcast(r, context).thenReturn(r));
        }
        return result.flatMap(r -> ui(UserInterface::onBroadcastComplete)
                .then(ui(UserInterface::onTransactComplete)).thenReturn(r));
    }

    private Mono<Void> ui(Function<UserInterface, Mono<Void>> callback) {
        return ui == null ? Mono.empty() : Mono.defer(() -> callback.apply(ui));
    }

    private static Mono<TransactionResponse> send(Endpoint e, PackedTransaction packed) {
        ChainClient client = e.client;
        if (e.noSendTransaction2) {
            return client.sendTransaction(packed);
        }
        return client.sendTransaction2(packed, SEND_OPTIONS).onErrorResume(
                x -> x instanceof ChainApiException a && a.httpStatus() == 404,
                x -> {
                    e.noSendTransaction2 = true;
                    return client.sendTransaction(packed);
                });
    }

    // ---- return values ----

    /** The return values of the node's action traces, decoded through the ABIs' action results. */
    private static Mono<List<ActionReturnValue>> returns(TransactionResponse response,
            Function<Name, Mono<Abi>> abiLookup) {
        if (response.processed() == null || response.processed().actionTraces() == null) {
            return Mono.just(List.of());
        }
        List<ActionTrace> withValue = null;
        for (ActionTrace t : response.processed().actionTraces()) {
            if (t.returnValueHexData() != null && !t.returnValueHexData().isEmpty() && t.act() != null) {
                if (withValue == null) {
                    withValue = new ArrayList<>(2);
                }
                withValue.add(t);
            }
        }
        if (withValue == null) {
            return Mono.just(List.of());
        }
        return Flux.fromIterable(withValue).concatMap(t -> returnValue(t, abiLookup)).collectList();
    }

    /**
     * One trace's return value. Decoded with the contract's ABI only where the contract's own code
     * ran the action (a notified receiver's value is not the action's declared result).
     */
    static Mono<ActionReturnValue> returnValue(ActionTrace t, Function<Name, Mono<Abi>> abiLookup) {
        Name contract = t.act().account();
        Name action = t.act().name();
        String hex = t.returnValueHexData();
        ActionReturnValue undecoded = new ActionReturnValue(t.actionOrdinal(), contract, action, hex, null,
                t.returnValueData());
        if (t.receiver() != null && !t.receiver().equals(contract)) {
            return Mono.just(undecoded);
        }
        return abiLookup.apply(contract)
                .map(abi -> decodeReturn(t, abi, undecoded))
                .onErrorResume(x -> Mono.just(undecoded))
                .defaultIfEmpty(undecoded);
    }

    static ActionReturnValue decodeReturn(ActionTrace t, Abi abi, ActionReturnValue undecoded) {
        Optional<String> type = abi.actionResultType(undecoded.action());
        if (type.isEmpty()) {
            return undecoded;
        }
        JsonNode value;
        try {
            value = abi.decode(type.get(), Bytes.from(undecoded.hex()).bytes());
        } catch (RuntimeException x) {
            value = null;
        }
        return new ActionReturnValue(undecoded.actionOrdinal(), undecoded.contract(), undecoded.action(),
                undecoded.hex(), type.get(), value);
    }

    // ---- building the transaction ----

    private Mono<Transaction> build(TransactArgs args, Function<Name, Mono<Abi>> abiLookup,
            Predicate<Name> refreshable, Checksum256 chainId) {
        if (args.request() != null) {
            return fromRequest(args.request(), abiLookup, chainId).map(r -> r.resolved().transaction());
        }
        if (args.transaction() != null) {
            Transaction t = args.transaction();
            return resolveEncoded(t.actions(), abiLookup).flatMap(actions ->
                    resolveEncoded(t.contextFreeActions(), abiLookup).map(cfas -> {
                        Transaction out = actions == t.actions() ? t : t.withActions(actions);
                        return cfas == t.contextFreeActions() ? out : out.withContextFreeActions(cfas);
                    }));
        }
        List<Object> items = args.actions();
        if (items.size() == 1) {
            return toAction(items.get(0), abiLookup, refreshable).map(a -> Transaction.of(UNSET_HEADER, a));
        }
        return Flux.fromIterable(items).concatMap(i -> toAction(i, abiLookup, refreshable), items.size())
                .collectList().map(actions -> Transaction.of(UNSET_HEADER, actions));
    }

    /**
     * A signing request resolved for the session: its contracts' ABIs through {@code abiLookup};
     * when it carries no TAPoS values, resolved with zeros, which leaves the header unset for the
     * steps after the {@code beforeSign} hooks to fill in, as for any other transaction.
     */
    private Mono<FromRequest> fromRequest(SigningRequest request, Function<Name, Mono<Abi>> abiLookup,
            Checksum256 chainId) {
        return Mono.defer(() -> {
            if (request.isIdentity()) {
                return Mono.error(new SessionException("an identity request is not a transaction to transact; "
                        + "answer it with Session.identityProof: " + request));
            }
            TaposContext ctx = forChain(request, chainId, request.requiresTapos()
                    ? TaposContext.explicit(TimePointSec.of(0), 0, 0) : TaposContext.none());
            List<Name> contracts = request.requiredAbis();
            if (contracts.isEmpty()) {
                return Mono.just(new FromRequest(request, Map.of(),
                        request.resolve(Map.of(), permissionLevel, ctx)));
            }
            return Flux.fromIterable(contracts)
                    .flatMap(c -> abiLookup.apply(c).map(abi -> Map.entry(c, abi)), contracts.size())
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .map(found -> new FromRequest(request, found, request.resolve(found, permissionLevel, ctx)));
        });
    }

    /**
     * A signing request resolved for the session, with the ABIs it was resolved with; when it
     * carries no TAPoS values, {@code resolved} has zeros there.
     */
    private record FromRequest(SigningRequest request, Map<Name, Abi> abis, ResolvedSigningRequest resolved) {

        /** The request resolved with the TAPoS values of {@code header} (its own when it has them). */
        ResolvedSigningRequest withHeader(TransactionHeader header, PermissionLevel signer, Checksum256 chainId) {
            if (!request.requiresTapos()) {
                return resolved;
            }
            return request.resolve(abis, signer, forChain(request, chainId,
                    TaposContext.explicit(header.expiration(), header.refBlockNum(), header.refBlockPrefix())));
        }
    }

    private Mono<Action> toAction(Object item, Function<Name, Mono<Abi>> abiLookup, Predicate<Name> refreshable) {
        if (item instanceof Action a) {
            return resolveEncoded(a, abiLookup);
        }
        ActionRequest r = (ActionRequest) item;
        Name contract = r.account();
        if (!refreshable.test(contract)) {
            return abiLookup.apply(contract).map(abi -> encode(r, abi));
        }
        // a cached ABI that does not know the action or a field may be older than the contract:
        // fetched again once, and the action encoded once more (its error then is the error)
        return abiLookup.apply(contract).flatMap(abi -> {
            if (AbiRefresh.unknownActionOrField(abi, r.name(), r.data())) {
                return abis.refresh(contract, abi).map(fresh -> encode(r, fresh));
            }
            try {
                return Mono.just(encode(r, abi));
            } catch (AbiSerializationException x) {
                return abis.refresh(contract, abi).map(fresh -> encode(r, fresh));
            }
        });
    }

    private Action encode(ActionRequest r, Abi abi) {
        return resolveData(Action.of(r.account(), r.name().toString(),
                Placeholders.resolve(r.authorization(), permissionLevel), r.data(), abi), abi);
    }

    /** Forgets the cached ABI of each contract a broadcast {@code eosio::setabi} changed. */
    private void invalidateSetAbi(Transaction t) {
        for (Action a : t.actions()) {
            Name target = AbiRefresh.setAbiTarget(a);
            if (target != null) {
                abis.invalidate(target);
            }
        }
    }

    /** Encoded actions with placeholders resolved; the same list when none had any. */
    private Mono<List<Action>> resolveEncoded(List<Action> actions, Function<Name, Mono<Abi>> abiLookup) {
        List<Action> out = null;
        boolean async = false;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            Action resolved = resolve(a);
            async |= mayHoldPlaceholder(a);
            if (resolved != a) {
                if (out == null) {
                    out = new ArrayList<>(actions);
                }
                out.set(i, resolved);
            }
        }
        if (!async) {
            return Mono.just(out == null ? actions : out);
        }
        return Flux.fromIterable(actions).concatMap(a -> resolveEncoded(a, abiLookup)).collectList();
    }

    private static boolean mayHoldPlaceholder(Action a) {
        return a.data().length() >= 8 && Placeholders.mayContain(a.data().bytes());
    }

    /**
     * An encoded action with its placeholders resolved: in its authorization always; in its data
     * through the contract's ABI (the options', the cache's, or fetched) when the bytes may hold
     * one. Data that no ABI can be had for, or that does not decode with it, is kept as given.
     */
    private Mono<Action> resolveEncoded(Action a, Function<Name, Mono<Abi>> abiLookup) {
        Action authorized = resolve(a);
        if (!mayHoldPlaceholder(a)) {
            return Mono.just(authorized);
        }
        return abiLookup.apply(a.account()).map(abi -> {
            try {
                return abi.actionType(a.name()).isPresent() ? resolveData(authorized, abi) : authorized;
            } catch (RuntimeException x) {
                return authorized;
            }
        }).onErrorResume(x -> Mono.just(authorized)).defaultIfEmpty(authorized);
    }

    /** {@code a} with the placeholders in its data's {@code name} values resolved. */
    private Action resolveData(Action a, Abi abi) {
        if (!mayHoldPlaceholder(a)) {
            return a;
        }
        Bytes data = a.data();
        Bytes resolved = Placeholders.resolveData(abi, abi.actionType(a.name()).orElseThrow(), data,
                permissionLevel);
        return resolved == data ? a : Action.of(a.account(), a.name().toString(), a.authorization(), resolved, abi);
    }

    private Action resolve(Action a) {
        List<PermissionLevel> auth = a.authorization();
        List<PermissionLevel> resolved = Placeholders.resolve(auth, permissionLevel);
        return resolved == auth ? a : a.withAuthorization(resolved);
    }

    @Override
    public String toString() {
        return "Session[" + permissionLevel + " on " + chain().id() + " with " + walletPlugin.id() + "]";
    }

    /** The session's chain (with the client's URLs) and client, and what it learned of that node. */
    private static final class Endpoint {
        final ChainDefinition chain;
        final ChainClient client;
        /** Set once the node answered 404 to {@code send_transaction2}. */
        volatile boolean noSendTransaction2;

        Endpoint(ChainDefinition chain, ChainClient client) {
            this.chain = chain;
            this.client = client;
        }
    }

    /** One transaction's progress through the steps; used by one subscription, step after step. */
    private static final class State {
        Transaction transaction;
        final List<Signature> signatures = new ArrayList<>(2);
        final List<TransactResult.Revision> revisions = new ArrayList<>(2);
        private Set<PublicKey> pluginKeys;
        /** The signing request transacted, or null. */
        private final FromRequest request;

        State(Transaction transaction) {
            this.transaction = transaction;
            this.request = null;
        }

        State(FromRequest request) {
            this.transaction = request.resolved().transaction();
            this.request = request;
        }

        boolean headerUnset() {
            return HeadCache.headerUnset(transaction);
        }

        State withHeader(Transaction t) {
            transaction = t;
            return this;
        }

        State unchanged(String pluginId, boolean modify) {
            revisions.add(new TransactResult.Revision(pluginId, false, 0, modify && signatures.isEmpty(), transaction,
                    transaction));
            return this;
        }

        /** Whether {@code t} is the current transaction with only its (unset) header completed. */
        private boolean completesHeader(Transaction t) {
            return headerUnset() && !HeadCache.headerUnset(t) && t.withHeader(transaction.header()).equals(transaction);
        }

        /**
         * A {@code beforeSign} answer: a change is applied when modification is allowed (a header
         * completion always is) and refused once a signature locks the transaction; signatures
         * must be of the transaction as it then stands, each recovering to a key, no key twice.
         */
        /** Whether a change would be applied now: modification allowed and no signature locks the transaction. */
        boolean modifiable(boolean modify) {
            return modify && signatures.isEmpty();
        }

        State apply(String pluginId, TransactHookResult r, boolean modify, Checksum256 chainId) {
            boolean modified = false;
            Transaction before = transaction;
            boolean allowModify = modifiable(modify);
            Transaction proposed = r.transaction();
            if (proposed != null && !proposed.equals(transaction)) {
                if (!signatures.isEmpty()) {
                    if (modify) {
                        throw new SessionException("transact plugin " + pluginId
                                + " changed a transaction that a signature already locks");
                    }
                } else if (modify || completesHeader(proposed)) {
                    transaction = proposed;
                    modified = true;
                }
            }
            List<Signature> added = r.signatures();
            if (!added.isEmpty()) {
                if (proposed != null && !proposed.equals(transaction)) {
                    throw new SessionException("transact plugin " + pluginId + " signed a change that was not applied"
                            + (modify ? "" : " (modification is not allowed)"));
                }
                if (headerUnset()) {
                    throw new SessionException("transact plugin " + pluginId + " signed a transaction whose header "
                            + "(TAPoS, expiration) is not set; resolve it first with TransactContext.resolveHeader");
                }
                Checksum256 digest = transaction.signingDigest(chainId);
                if (pluginKeys == null) {
                    pluginKeys = new HashSet<>(4);
                }
                for (int i = 0; i < added.size(); i++) {
                    Signature sig = added.get(i);
                    PublicKey key;
                    try {
                        key = sig.recover(digest);
                    } catch (RuntimeException x) {
                        throw new SessionException("transact plugin " + pluginId + " signature[" + i + "] " + sig
                                + " does not sign the transaction on chain " + chainId + ": " + x.getMessage(), x);
                    }
                    if (!pluginKeys.add(key)) {
                        throw new SessionException("transact plugin " + pluginId + " signature[" + i
                                + "] is a second signature by key " + key + " (a node refuses duplicate signatures)");
                    }
                }
                signatures.addAll(added);
            }
            revisions.add(new TransactResult.Revision(pluginId, modified, added.size(), allowModify, before,
                    proposed != null ? proposed : before));
            return this;
        }

        /** The wallet's answer: a change is an error once locked or when modification is not allowed. */
        State walletSigned(WalletPluginSignResponse r, String walletId, boolean modify) {
            if (r.transaction() != null && !r.transaction().equals(transaction)) {
                if (!signatures.isEmpty()) {
                    throw new SessionException("wallet " + walletId
                            + " changed a transaction that a plugin's signature already locks");
                }
                if (!modify) {
                    throw new SessionException("wallet " + walletId
                            + " changed the transaction, but modification is not allowed");
                }
                transaction = r.transaction();
            }
            signatures.addAll(r.signatures());
            return this;
        }

        SignedTransaction signedTransaction() {
            return SignedTransaction.of(transaction, signatures, List.of());
        }

        TransactResult result(ChainDefinition chain, PermissionLevel signer, Checksum256 chainId) {
            SigningRequest given = request == null ? null : request.request();
            ResolvedSigningRequest resolved = request == null ? null
                    : request.withHeader(transaction.header(), signer, chainId);
            return new TransactResult(chain, transaction, transaction.id(), signatures, signer, revisions, List.of(),
                    null, given, resolved);
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
            Endpoint first = new Endpoint(chain, client != null ? client
                    : ChainClient.builder().endpoints(chain.urls().toArray(String[]::new)).build());
            return new Session(this, first);
        }
    }
}
