package io.antelopekit.session;

import io.antelopekit.plugin.LoginContext;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.CreateAccountContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.AuthorizedAccount;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Makes and keeps an application's {@link Session}s: logs users in through their wallets and the
 * {@link UserInterface}, stores the sessions (several accounts on several chains, one default per
 * chain), restores them, logs them out, and creates accounts. One {@link ChainClient} per chain is
 * built with the kit (or given to its builder) and shared by that chain's sessions for the kit's
 * whole life; {@link #dispose()} closes those it built. The kit never changes a session it made:
 * sessions are immutable ({@link Session#withEndpoint}, {@link Session#withData} and
 * {@link Session#withUserInterface} return new ones).
 *
 * <pre>{@code
 * SessionKit kit = SessionKit.builder()
 *         .appName("myapp")
 *         .chains(ChainDefinition.of(chainId, "https://jungle4.greymass.com"))
 *         .ui(ui)
 *         .walletPlugins(WalletPluginPrivateKey.of(key))
 *         .build();
 * kit.login(LoginOptions.builder().permissionLevel("alice@active").build())
 *         .flatMap(result -> result.session().transact(args))
 *         .subscribe();
 * }</pre>
 *
 * <p>Every operation is cold (nothing happens before subscription) and never blocks. Sessions are
 * stored as WharfKit stores them: a {@code session} entry (the current session's JSON) and a
 * {@code sessions} entry (a JSON array of every session, sorted by chain, actor and permission,
 * with {@code "default": true} on one session per chain), so either can read what the other wrote.
 * The list is changed with {@link ReactiveSessionStorage#update}, so concurrent logins lose nothing.
 */
public final class SessionKit implements Disposable {

    /** Seconds until a transaction expires by default: 120. */
    public static final int DEFAULT_EXPIRE_SECONDS = 120;
    /** The storage key of the current session. */
    public static final String SESSION_KEY = "session";
    /** The storage key of the session list. */
    public static final String SESSIONS_KEY = "sessions";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Comparator<JsonNode> STORAGE_ORDER = Comparator
            .<JsonNode, String>comparing(s -> s.path("chain").asText())
            .thenComparing(s -> s.path("actor").asText())
            .thenComparing(s -> s.path("permission").asText());

    /** A chain's current definition and the client its sessions share. */
    private record ChainEntry(ChainDefinition definition, ChainClient client, boolean owned) {
    }

    /** A stored session's identity: chain, actor, permission. */
    private record Key(Checksum256 chain, Name actor, Name permission) {
        static Key of(SerializedSession s) {
            return new Key(Checksum256.from(s.chain()), Name.from(s.actor()), Name.from(s.permission()));
        }

        @Override
        public String toString() {
            return actor + "@" + permission + " on " + chain;
        }
    }

    private final String appName;
    private final List<Checksum256> chainOrder;
    private final ConcurrentHashMap<Checksum256, ChainEntry> chains;
    private final BiConsumer<ChainDefinition, ChainClient.Builder> clientCustomizer;
    /**
     * A {@code MeterRegistry}, or null. Typed {@code Object}: Micrometer is an optional dependency,
     * and frameworks that inspect a bean's fields (Spring does) load every field's type.
     */
    private final Object meterRegistry;
    private final UserInterface ui;
    private final List<WalletPlugin> walletPlugins;
    private final Map<String, WalletPluginFactory> walletFactories;
    private final boolean allowModify;
    private final int expireSeconds;
    private final List<LoginPlugin> loginPlugins;
    private final List<TransactPlugin> transactPlugins;
    private final Map<String, JsonNode> transactPluginsOptions;
    private final ReactiveSessionStorage storage;
    private final Map<Name, Abi> abis;
    /** Each chain's ABI cache, shared by the kit's sessions of the chain. */
    private final Map<Checksum256, AbiCache> abiCaches;
    private final List<AccountCreationPlugin> accountCreationPlugins;
    private final LoginMetrics loginMetrics;
    private final Sinks.Many<SessionEvent> events = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean disposed = new AtomicBoolean();

    private SessionKit(Builder b, Map<String, WalletPluginFactory> factories) {
        this.appName = b.appName;
        this.clientCustomizer = b.clientCustomizer;
        this.meterRegistry = b.meterRegistry;
        this.ui = b.ui;
        this.walletPlugins = List.copyOf(b.walletPlugins);
        this.walletFactories = Map.copyOf(factories);
        this.allowModify = b.allowModify;
        this.expireSeconds = b.expireSeconds;
        this.loginPlugins = List.copyOf(b.loginPlugins);
        this.transactPlugins = List.copyOf(b.transactPlugins);
        this.transactPluginsOptions = Map.copyOf(b.transactPluginsOptions);
        this.storage = b.storage != null ? b.storage : ReactiveSessionStorage.inMemory();
        this.abis = Map.copyOf(b.abis);
        this.accountCreationPlugins = List.copyOf(b.accountCreationPlugins);
        this.loginMetrics = b.meterRegistry == null ? null : new LoginMetrics(b.meterRegistry);
        List<Checksum256> order = new ArrayList<>();
        ConcurrentHashMap<Checksum256, ChainEntry> map = new ConcurrentHashMap<>();
        try {
            for (ChainDefinition c : b.chains) {
                order.add(c.id());
                ChainClient given = b.clients.get(c.id());
                map.put(c.id(), given != null ? new ChainEntry(c, given, false) : new ChainEntry(c, newClient(c), true));
            }
        } catch (RuntimeException e) {
            map.values().stream().filter(ChainEntry::owned).forEach(entry -> entry.client().dispose());
            throw e;
        }
        for (Checksum256 id : b.clients.keySet()) {
            if (!map.containsKey(id)) {
                map.values().stream().filter(ChainEntry::owned).forEach(entry -> entry.client().dispose());
                throw new UnknownChainException("a client was given for chain " + id
                        + ", which is not among the kit's chains " + order);
            }
        }
        for (Checksum256 id : b.abiCaches.keySet()) {
            if (!map.containsKey(id)) {
                map.values().stream().filter(ChainEntry::owned).forEach(entry -> entry.client().dispose());
                throw new UnknownChainException("an ABI cache was given for chain " + id
                        + ", which is not among the kit's chains " + order);
            }
        }
        this.chainOrder = List.copyOf(order);
        this.chains = map;
        Map<Checksum256, AbiCache> caches = new java.util.HashMap<>();
        for (Checksum256 id : order) {
            AbiCache given = b.abiCaches.get(id);
            caches.put(id, given != null ? given
                    : DefaultAbiCache.of(() -> chains.get(id).client(), DefaultAbiCache.DEFAULT_MAX_SIZE));
        }
        this.abiCaches = Map.copyOf(caches);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ configuration

    /** The application's name. */
    public String appName() {
        return appName;
    }

    /** The chains, in the order given, with their current endpoints. */
    public List<ChainDefinition> chains() {
        List<ChainDefinition> out = new ArrayList<>(chainOrder.size());
        for (Checksum256 id : chainOrder) {
            out.add(chains.get(id).definition());
        }
        return out;
    }

    /**
     * The chain {@code id}.
     *
     * @throws UnknownChainException if the kit has no such chain
     */
    public ChainDefinition chain(Checksum256 id) {
        return entry(id, "chain").definition();
    }

    /**
     * The client the sessions of chain {@code id} share.
     *
     * @throws UnknownChainException if the kit has no such chain
     */
    public ChainClient client(Checksum256 id) {
        return entry(id, "chain").client();
    }

    /**
     * The ABI cache the sessions of chain {@code id} share (the one given to
     * {@link Builder#abiCache}, or a {@link DefaultAbiCache} fetching through the chain's current
     * client); the ABIs given to {@link Builder#abis} are pinned in each session, not put in it.
     *
     * @throws UnknownChainException if the kit has no such chain
     */
    public AbiCache abiCache(Checksum256 id) {
        entry(id, "chain");
        return abiCaches.get(id);
    }

    /** The wallets, in the order given (the user interface picks one by index). */
    public List<WalletPlugin> walletPlugins() {
        return walletPlugins;
    }

    /** The user interface. */
    public UserInterface ui() {
        return ui;
    }

    /** Where sessions are stored. */
    public ReactiveSessionStorage storage() {
        return storage;
    }

    /** The options given for transact plugins, by plugin id (see {@link Builder#transactPluginsOptions}). */
    public Map<String, JsonNode> transactPluginsOptions() {
        return transactPluginsOptions;
    }

    /**
     * What happens to the kit's sessions: logins, logouts, default changes, restores. A hot
     * stream: subscribers see what happens after they subscribe; a subscriber that cannot keep
     * up misses events (emission never waits, and never fails an operation).
     */
    public Flux<SessionEvent> events() {
        return events.asFlux();
    }

    /**
     * Closes the clients the kit built (never those given to {@link Builder#client}) and ends
     * {@link #events()}. Sessions the kit made use those clients: dispose of the kit when the
     * application stops.
     */
    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            chains.values().stream().filter(ChainEntry::owned).forEach(e -> e.client().dispose());
            synchronized (events) {
                events.tryEmitComplete();
            }
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        List<String> wallets = new ArrayList<>();
        walletPlugins.forEach(w -> wallets.add(w.id()));
        return "SessionKit[" + appName + ", chains=" + chainOrder + ", wallets=" + wallets + "]";
    }

    // ------------------------------------------------------------------ login

    /** Logs in with nothing preselected; see {@link #login(LoginOptions)}. */
    public Mono<LoginResult> login() {
        return login(LoginOptions.DEFAULT);
    }

    /**
     * Logs a user in: the UI's {@code onLogin}; the wallet preselected (the only one, or
     * {@code options.walletPlugin}) and its config merged into what the UI must ask; the chain
     * preselected (given, or the only one) and the permission (given); the UI's {@code login} only
     * for what is still required (with the permissions the wallet's key authorizes offered when the
     * wallet needs a permission picked); the wallet's supported chains checked; the
     * {@code beforeLogin} hooks; the wallet's {@code login} (its answer decides chain and account);
     * the {@link Session}; the {@code afterLogin} hooks; the session stored (awaited); the UI's
     * {@code onLoginComplete}.
     *
     * @param options what is preselected
     * @return the result; on any error the UI's {@code onError} is called first and the error
     *     keeps its type (a user's cancel stays a {@link io.antelopekit.plugin.CancelledException});
     *     an unknown chain is an {@link UnknownChainException}, an unknown wallet id an
     *     {@link UnknownWalletException}
     */
    public Mono<LoginResult> login(LoginOptions options) {
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            LoginMetrics.Attempt attempt = new LoginMetrics.Attempt();
            Mono<LoginResult> run = Mono.defer(() -> runLogin(options, attempt)).onErrorResume(this::failed);
            return loginMetrics == null ? run : loginMetrics.time(run, attempt);
        });
    }

    private Mono<LoginResult> runLogin(LoginOptions options, LoginMetrics.Attempt attempt) {
        List<ChainDefinition> choices;
        if (options.chains() == null) {
            choices = chains();
        } else {
            choices = new ArrayList<>();
            for (Checksum256 id : options.chains()) {
                choices.add(entry(id, "login option chains").definition());
            }
        }
        List<LoginPlugin> hooks = options.loginPlugins() != null ? options.loginPlugins() : loginPlugins;
        LoginContext start = new DefaultLoginContext(appName, choices, null, null, ui, options.arbitrary(), walletPlugins,
                null, new LoginContext.Requirements(true, true, true, false), List.of(), null);
        return ui.onLogin()
                .then(Mono.fromCallable(() -> preselect(start, options)))
                .doOnNext(attempt::note)
                .flatMap(ctx -> ctx.uiRequirements().any() ? askUser(ctx).doOnNext(attempt::note) : Mono.just(ctx))
                .flatMap(ctx -> {
                    WalletPlugin wallet = ctx.walletPlugin();
                    if (ctx.chain() != null) {
                        if (!wallet.config().supports(ctx.chain().id())) {
                            return Mono.error(new SessionException("wallet plugin '" + wallet.id() + "' ("
                                    + wallet.metadata().name() + ") does not support chain " + ctx.chain().id()
                                    + "; it supports " + wallet.config().supportedChains()));
                        }
                    }
                    return Flux.fromIterable(hooks).concatMap(h -> h.beforeLogin(ctx)).then()
                            .then(Mono.defer(() -> wallet.login(ctx)))
                            .switchIfEmpty(Mono.error(() -> new SessionException("wallet plugin '" + wallet.id()
                                    + "' completed its login without an answer")))
                            .flatMap(response -> afterWalletLogin(ctx, wallet, response, options, hooks, attempt));
                });
    }

    private LoginContext preselect(LoginContext ctx, LoginOptions options) {
        LoginContext.Requirements r = ctx.uiRequirements();
        Integer index = null;
        if (options.walletPlugin() != null) {
            index = walletIndex(options.walletPlugin());
            if (index < 0) {
                throw new UnknownWalletException("login option walletPlugin '" + options.walletPlugin()
                        + "' names no wallet plugin of this kit (it has " + walletIds() + ")");
            }
        } else if (walletPlugins.size() == 1) {
            index = 0;
        }
        if (index != null) {
            var config = walletPlugins.get(index).config();
            ctx = ctx.withWalletPluginIndex(index);
            r = new LoginContext.Requirements(false, config.requiresChainSelect(), config.requiresPermissionSelect(),
                    config.requiresPermissionEntry());
        }
        boolean chainSelect;
        if (options.chain() != null) {
            ChainDefinition chain = find(ctx.chains(), options.chain());
            if (chain == null) {
                throw new UnknownChainException("login option chain " + options.chain()
                        + " is not among the chains to choose from " + ids(ctx.chains()));
            }
            ctx = ctx.withChain(chain, entry(chain.id(), "chain").client());
            chainSelect = false;
        } else if (ctx.chains().size() == 1) {
            ChainDefinition chain = ctx.chains().get(0);
            ctx = ctx.withChain(chain, entry(chain.id(), "chain").client());
            chainSelect = false;
        } else {
            chainSelect = true;
        }
        boolean permissionSelect = r.permissionSelect();
        boolean permissionEntry = r.permissionEntry();
        if (options.permissionLevel() != null) {
            ctx = ctx.withPermissionLevel(options.permissionLevel());
            permissionSelect = false;
            permissionEntry = false;
        }
        return ctx.withRequirements(new LoginContext.Requirements(r.walletSelect(), chainSelect, permissionSelect,
                permissionEntry));
    }

    private Mono<LoginContext> askUser(LoginContext ctx) {
        Mono<LoginContext> offered = ctx.uiRequirements().permissionSelect() && ctx.walletPlugin() != null
                && ctx.chain() != null ? withPermissionOptions(ctx) : Mono.just(ctx);
        return offered.flatMap(c -> ui.login(c)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(selection -> applySelection(c, selection.orElse(null))));
    }

    /** The permissions the wallet's key authorizes on the chosen chain, offered to the UI. */
    private Mono<LoginContext> withPermissionOptions(LoginContext ctx) {
        return ctx.walletPlugin().retrievePublicKey(ctx.chain().id())
                .flatMap(key -> ctx.client().getAccountsByAuthorizers(List.of(), List.of(key)))
                .map(response -> {
                    Set<PermissionLevel> levels = new LinkedHashSet<>();
                    for (AuthorizedAccount a : response.accounts()) {
                        levels.add(new PermissionLevel(a.accountName(), a.permissionName()));
                    }
                    return List.copyOf(levels);
                })
                // a node without the lookup: nothing to offer, the UI may still ask for an entry
                .onErrorResume(ChainApiException.class, e -> Mono.just(List.of()))
                .defaultIfEmpty(List.of())
                .map(ctx::withPermissionOptions);
    }

    private LoginContext applySelection(LoginContext ctx, UserInterface.LoginSelection selection) {
        if (selection != null) {
            if (selection.walletPluginIndex() != null) {
                int i = selection.walletPluginIndex();
                if (i < 0 || i >= walletPlugins.size()) {
                    throw new SessionException("the user interface chose wallet plugin index " + i + "; the kit has "
                            + walletPlugins.size() + " wallet plugins " + walletIds());
                }
                ctx = ctx.withWalletPluginIndex(i);
            }
            if (selection.chainId() != null) {
                ChainDefinition chain = find(ctx.chains(), selection.chainId());
                if (chain == null) {
                    throw new UnknownChainException("the user interface chose chain " + selection.chainId()
                            + ", which is not among the chains to choose from " + ids(ctx.chains()));
                }
                ctx = ctx.withChain(chain, entry(chain.id(), "chain").client());
            }
            if (selection.permissionLevel() != null) {
                ctx = ctx.withPermissionLevel(selection.permissionLevel());
            }
        }
        if (ctx.walletPlugin() == null) {
            throw new SessionException("the user interface chose no wallet plugin (walletPluginIndex is missing); "
                    + "the kit has " + walletIds());
        }
        return ctx;
    }

    private Mono<LoginResult> afterWalletLogin(LoginContext ctx, WalletPlugin wallet,
            WalletPluginLoginResponse response, LoginOptions options, List<LoginPlugin> hooks,
            LoginMetrics.Attempt attempt) {
        ChainEntry entry = entry(response.chainId(), "wallet plugin '" + wallet.id() + "' logged in on chain");
        attempt.chain = response.chainId().toString();
        List<TransactPlugin> plugins = options.transactPlugins() != null ? options.transactPlugins() : transactPlugins;
        Session session = newSession(entry, response.permissionLevel(), wallet, null, plugins,
                options.transactPluginsOptions() != null ? options.transactPluginsOptions() : transactPluginsOptions);
        LoginContext done = ctx.withChain(entry.definition(), entry.client())
                .withPermissionLevel(response.permissionLevel());
        return Flux.fromIterable(hooks).concatMap(h -> h.afterLogin(done)).then()
                .then(persist(session, options.setAsDefault()))
                .flatMap(previousDefault -> {
                    SerializedSession stored = session.serialize().withDefault(options.setAsDefault());
                    emit(new SessionEvent(SessionEvent.Type.LOGIN, entry.definition().id(), stored));
                    if (options.setAsDefault() && !previousDefault.equals(Optional.of(Key.of(stored)))) {
                        emit(new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, entry.definition().id(), stored));
                    }
                    return ui.onLoginComplete();
                })
                .then(Mono.fromSupplier(() -> new LoginResult(done, response, session)));
    }

    private <T> Mono<T> failed(Throwable error) {
        return Mono.defer(() -> ui.onError(error))
                .onErrorResume(e -> Mono.empty())
                .then(Mono.error(error));
    }

    // ------------------------------------------------------------------ storage

    /**
     * The two keys the kit stores, always changed together in one atomic update, so that the
     * stored current session is, at every instant, one of the listed sessions and flagged as its
     * chain's default (a crash or a concurrent login cannot leave them apart).
     */
    private static final Set<String> STORED_KEYS = Set.of(SESSION_KEY, SESSIONS_KEY);

    /**
     * Stores {@code session}, in one atomic update of the storage: the list (replacing an entry of
     * the same chain, actor and permission) and, when it becomes the default, the {@code session}
     * entry (which, when it names this session, is otherwise refreshed with the list's entry).
     *
     * @return the key of the chain's default before, if it had one
     */
    private Mono<Optional<Key>> persist(Session session, boolean setAsDefault) {
        return Mono.defer(() -> {
            SerializedSession serialized = session.serialize().withDefault(setAsDefault);
            ObjectNode entry = JSON.valueToTree(serialized);
            Key key = Key.of(serialized);
            AtomicReference<Key> previousDefault = new AtomicReference<>();
            return storage.updateAll(STORED_KEYS, values -> {
                        String list = withSession(values.get(SESSIONS_KEY), entry, key, setAsDefault, previousDefault);
                        Map<String, String> next = new HashMap<>(values);
                        next.put(SESSIONS_KEY, list);
                        if (setAsDefault) {
                            next.put(SESSION_KEY, text(entry));
                        } else if (key.equals(previousDefault.get()) && values.get(SESSION_KEY) != null
                                && isKey(values.get(SESSION_KEY), key)) {
                            // it stays the default it was (see withSession): the current entry follows the list's
                            ObjectNode current = entry.deepCopy();
                            current.put("default", true);
                            next.put(SESSION_KEY, text(current));
                        }
                        return next;
                    })
                    .then(Mono.fromSupplier(() -> Optional.ofNullable(previousDefault.get())));
        });
    }

    /** Whether the stored current session {@code text} is the session of {@code key}; false when unreadable. */
    private static boolean isKey(String text, Key key) {
        try {
            return Key.of(parseSession(text, SESSION_KEY)).equals(key);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static String withSession(String old, ObjectNode entry, Key key, boolean setAsDefault,
            AtomicReference<Key> previousDefault) {
        ArrayNode list = parseList(old);
        List<JsonNode> out = new ArrayList<>(list.size() + 1);
        boolean replacedWasDefault = false;
        Key previous = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            Key k = keyOf(s, i);
            boolean isDefault = s.path("default").asBoolean(false);
            boolean sameChain = k.chain().equals(key.chain());
            if (sameChain && isDefault) {
                previous = k;
            }
            if (k.equals(key)) {
                replacedWasDefault = isDefault;
                continue;
            }
            if (setAsDefault && sameChain) {
                ObjectNode copy = ((ObjectNode) s).deepCopy();
                copy.put("default", false);
                out.add(copy);
            } else {
                out.add(s);
            }
        }
        ObjectNode mine = entry.deepCopy();
        if (!setAsDefault && replacedWasDefault) {
            // a session logged in again without becoming the default keeps the default it had
            mine.put("default", true);
        }
        out.add(mine);
        out.sort(STORAGE_ORDER);
        previousDefault.set(previous);
        return text(JSON.createArrayNode().addAll(out));
    }

    /**
     * The stored sessions whose wallet is registered in this kit, as stored (sorted by chain,
     * actor and permission); empty when none is stored.
     *
     * @return the sessions; a {@link SessionException} if the stored list is not a list of sessions
     */
    public Flux<SerializedSession> getSessions() {
        return Flux.defer(() -> storage.read(SESSIONS_KEY)
                .flatMapMany(text -> Flux.fromIterable(parseSessions(text)))
                .filter(s -> walletIndex(s.walletPlugin().id()) >= 0));
    }

    // ------------------------------------------------------------------ restore

    /**
     * Restores the current session (the last one set as default, on any chain).
     *
     * @return the session; empty when none is stored
     */
    public Mono<Session> restore() {
        return Mono.defer(() -> storage.read(SESSION_KEY).flatMap(text -> {
            SerializedSession current = parseSession(text, SESSION_KEY);
            // the list's entry wins; the current entry is only the fallback (they are written together)
            RestoreArgs args = RestoreArgs.of(current).withWalletPlugin(current.walletPlugin().id(), null);
            return restoreMatching(args, current, null);
        }));
    }

    /**
     * Restores a session: on {@code args.chain()}, the stored one with the given actor, permission
     * and wallet id (the chain's default among several matches), or the chain's default when none
     * is given. The wallet is rebuilt from its stored data, a new instance per session, by the
     * {@link WalletPluginFactory} of its id; a wallet without a factory (or whose data is not
     * enough to rebuild it) is the kit's registered wallet of that id.
     *
     * <p>As in WharfKit: when no stored session matches but {@code args} names actor, permission
     * and wallet ({@link RestoreArgs#isComplete()}), the session is built from {@code args} alone
     * (wallet data and application data included) and stored, as a login would store it. When a
     * stored session matches, it wins (its chain, account and application data), except that
     * wallet data given in {@code args} replaces the stored wallet data, and the session is stored
     * again with it. Otherwise the stored sessions and defaults are left as they are unless
     * {@link RestoreArgs#setAsDefault()}. (WharfKit also stores every restored session as the
     * default; here a restore changes the default only when asked to.)
     *
     * @return the session; empty when no stored session matches and {@code args} does not name
     *     actor, permission and wallet (WharfKit throws there); an {@link UnknownChainException}
     *     if the kit has no such chain, an {@link UnknownWalletException} if the wallet id cannot
     *     be resolved
     */
    public Mono<Session> restore(RestoreArgs args) {
        Objects.requireNonNull(args, "args");
        return Mono.defer(() -> {
            entry(args.chain(), "restore chain");
            return restoreMatching(args, null, null);
        });
    }

    /**
     * Restores a session as {@link #restore(RestoreArgs)} does, with the options of WharfKit's
     * {@code restore(args, options)}: the session gets {@code options.transactPlugins()} and
     * {@code options.transactPluginsOptions()} instead of the kit's (where given), and
     * {@code options.setAsDefault()} replaces {@code args.setAsDefault()} (true unless the
     * options say otherwise, as in WharfKit, where a restored session becomes the default). The
     * other options (chain, chains, permission, wallet, arbitrary data, login plugins) belong to
     * a login and are not used, as in WharfKit.
     *
     * <pre>{@code
     * kit.restore(RestoreArgs.of(chainId).withActor("bob").withPermission("active"),
     *         LoginOptions.builder().transactPlugins(ResourcePayerPlugin.of(...)).setAsDefault(false).build())
     * }</pre>
     *
     * @param args which session
     * @param options the transact plugins, their options and whether it becomes the default
     * @return the session; see {@link #restore(RestoreArgs)}
     */
    public Mono<Session> restore(RestoreArgs args, LoginOptions options) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            entry(args.chain(), "restore chain");
            return restoreMatching(args, null, options);
        });
    }

    /**
     * Restores exactly this session (built from {@code session} when it is not stored); see
     * {@link #restore(RestoreArgs)}.
     */
    public Mono<Session> restore(SerializedSession session) {
        return restore(RestoreArgs.of(Objects.requireNonNull(session, "session")));
    }

    /**
     * Restores every stored session whose wallet is registered in this kit, in storage order,
     * leaving the stored defaults as they are.
     *
     * @return the sessions
     */
    public Flux<Session> restoreAll() {
        return getSessions().concatMap(s -> Mono.fromCallable(() -> {
            Session session = fromStored(s);
            emit(new SessionEvent(SessionEvent.Type.RESTORE, session.chain().id(), s));
            return session;
        }));
    }

    private Mono<Session> restoreMatching(RestoreArgs args, SerializedSession fallback, LoginOptions options) {
        boolean setAsDefault = options != null ? options.setAsDefault() : args.setAsDefault();
        return storage.read(SESSIONS_KEY)
                .map(SessionKit::parseSessions)
                .defaultIfEmpty(List.of())
                .flatMap(list -> {
                    SerializedSession found = find(list, args);
                    if (found == null) {
                        found = fallback;
                    }
                    boolean store = setAsDefault;
                    if (found == null) {
                        if (!args.isComplete()) {
                            return Mono.empty();
                        }
                        // WharfKit: nothing stored matches, but the arguments describe a whole session
                        found = new SerializedSession(args.chain().toString(), args.actor().toString(),
                                args.permission().toString(),
                                new SerializedSession.WalletData(args.walletPlugin(), args.walletData()), args.data(),
                                null);
                        store = true;
                    } else if (args.walletData() != null && !args.walletData().equals(found.walletPlugin().data())) {
                        // the arguments' wallet data replaces the stored one
                        found = new SerializedSession(found.chain(), found.actor(), found.permission(),
                                new SerializedSession.WalletData(found.walletPlugin().id(), args.walletData()),
                                found.data(), found.isDefault());
                        store = true;
                    }
                    SerializedSession stored = found;
                    Session session = options == null ? fromStored(stored)
                            : fromStored(stored,
                                    options.transactPlugins() != null ? options.transactPlugins() : transactPlugins,
                                    options.transactPluginsOptions() != null ? options.transactPluginsOptions()
                                            : transactPluginsOptions);
                    Mono<Optional<Key>> persisted = store ? persist(session, setAsDefault)
                            : Mono.just(Optional.empty());
                    return persisted.map(previous -> {
                        emit(new SessionEvent(SessionEvent.Type.RESTORE, session.chain().id(), stored));
                        if (setAsDefault && !previous.equals(Optional.of(Key.of(stored)))) {
                            emit(new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, session.chain().id(),
                                    stored.withDefault(true)));
                        }
                        return session;
                    });
                });
    }

    private static SerializedSession find(List<SerializedSession> list, RestoreArgs args) {
        boolean anyCriterion = args.actor() != null || args.permission() != null || args.walletPlugin() != null;
        SerializedSession first = null;
        for (SerializedSession s : list) {
            Key k = Key.of(s);
            if (!k.chain().equals(args.chain())
                    || args.actor() != null && !args.actor().equals(k.actor())
                    || args.permission() != null && !args.permission().equals(k.permission())
                    || args.walletPlugin() != null && !args.walletPlugin().equals(s.walletPlugin().id())) {
                continue;
            }
            if (Boolean.TRUE.equals(s.isDefault())) {
                return s;
            }
            if (anyCriterion && first == null) {
                first = s;
            }
        }
        return first;
    }

    /**
     * Stores a session that signed in outside {@link #login}, such as a web sign-in whose identity
     * proof the application verified itself, and returns it built with this kit's settings
     * (wallet, transact plugins, client, meters), as {@link #restore} would. The wallet named by
     * {@code session.walletPlugin().id()} must be registered in this kit or rebuildable by a
     * factory. An entry of the same chain, actor and permission is replaced; the session becomes
     * its chain's default when {@code session.isDefault()} is true. Emits a {@code LOGIN} event.
     *
     * <pre>{@code
     * kit.persistSession(new SerializedSession(chainId.toString(), "alice", "active",
     *         new SerializedSession.WalletData("wallet-plugin-esr", null), null, false))
     * }</pre>
     *
     * @param session the session to store
     * @return the session, once stored
     * @throws UnknownChainException (signalled) if the chain is not one of this kit's
     * @throws UnknownWalletException (signalled) if its wallet is not registered
     */
    public Mono<Session> persistSession(SerializedSession session) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> {
            Session built = fromStored(session);
            return persistSession(built, Boolean.TRUE.equals(session.isDefault())).thenReturn(built);
        });
    }

    /**
     * Stores {@code session} (built by this kit or by {@link Session#builder()}) in this kit's
     * storage, as a login does, and emits a {@code LOGIN} event.
     *
     * @param session the session
     * @param setAsDefault whether it becomes its chain's default session
     * @return completes once stored
     */
    public Mono<Void> persistSession(Session session, boolean setAsDefault) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> persist(session, setAsDefault).doOnNext(previousDefault -> {
            SerializedSession stored = session.serialize().withDefault(setAsDefault);
            emit(new SessionEvent(SessionEvent.Type.LOGIN, session.chain().id(), stored));
            if (setAsDefault && !previousDefault.equals(Optional.of(Key.of(stored)))) {
                emit(new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, session.chain().id(), stored));
            }
        }).then());
    }

    private Session fromStored(SerializedSession s) {
        return fromStored(s, transactPlugins, transactPluginsOptions);
    }

    private Session fromStored(SerializedSession s, List<TransactPlugin> plugins, Map<String, JsonNode> pluginOptions) {
        Key key = Key.of(s);
        ChainEntry entry = entry(key.chain(), "stored session " + key.actor() + "@" + key.permission() + " is on chain");
        WalletPlugin wallet = rebuildWallet(s.walletPlugin());
        return newSession(entry, new PermissionLevel(key.actor(), key.permission()), wallet, s.data(),
                plugins, pluginOptions);
    }

    private WalletPlugin rebuildWallet(SerializedSession.WalletData data) {
        String id = data.id();
        int index = walletIndex(id);
        WalletPluginFactory factory = walletFactories.get(id);
        if (factory != null) {
            try {
                WalletPlugin w = factory.restore(data.data());
                if (w != null) {
                    return w;
                }
            } catch (RuntimeException e) {
                if (index < 0) {
                    throw new SessionException("wallet plugin '" + id + "' cannot be rebuilt from its stored data, "
                            + "and no wallet plugin of that id is registered in this kit: " + e.getMessage(), e);
                }
            }
        }
        if (index >= 0) {
            return walletPlugins.get(index);
        }
        throw new UnknownWalletException("wallet plugin '" + id + "' is not registered in this kit (it has "
                + walletIds() + ") and no WalletPluginFactory of that id was found");
    }

    // ------------------------------------------------------------------ logout

    /**
     * Logs out every stored session of this kit's wallets: removes them (and the current session,
     * if it is one of them) from storage, then has each wallet log out, awaited. Sessions of
     * wallets not registered in this kit stay stored.
     */
    public Mono<Void> logout() {
        return Mono.defer(() -> {
            AtomicReference<List<SerializedSession>> removed = new AtomicReference<>(List.of());
            // the current session and the list in one atomic update: they never disagree
            return storage.updateAll(STORED_KEYS, values -> {
                        Map<String, String> next = new HashMap<>();
                        String current = values.get(SESSION_KEY);
                        if (current != null) {
                            try {
                                if (walletIndex(parseSession(current, SESSION_KEY).walletPlugin().id()) < 0) {
                                    next.put(SESSION_KEY, current);
                                }
                            } catch (SessionException unreadable) {
                                // removed
                            }
                        }
                        String old = values.get(SESSIONS_KEY);
                        removed.set(List.of());
                        if (old == null) {
                            return next;
                        }
                        ArrayNode list = parseList(old);
                        List<SerializedSession> gone = new ArrayList<>();
                        ArrayNode kept = JSON.createArrayNode();
                        for (int i = 0; i < list.size(); i++) {
                            SerializedSession s = toSession(list.get(i), SESSIONS_KEY + "[" + i + "]");
                            if (walletIndex(s.walletPlugin().id()) >= 0) {
                                gone.add(s);
                            } else {
                                kept.add(list.get(i));
                            }
                        }
                        removed.set(gone);
                        if (!kept.isEmpty()) {
                            next.put(SESSIONS_KEY, text(kept));
                        }
                        return next;
                    })
                    .thenMany(Flux.defer(() -> Flux.fromIterable(removed.get())))
                    .flatMapDelayError(s -> walletLogout(s, walletPlugins.get(walletIndex(s.walletPlugin().id())))
                            .then(Mono.fromRunnable(() -> loggedOut(s))), 16, 16)
                    .then();
        });
    }

    /**
     * Logs out one session: removes it from storage (and the current session entry if it is this
     * one), then has its wallet log out, awaited. Other sessions, and the defaults of other chains,
     * are left as they are.
     */
    public Mono<Void> logout(Session session) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> logoutOne(session.serialize(), session.walletPlugin()));
    }

    /**
     * Logs out one stored session; its wallet (the kit's registered wallet of its id, if any) logs
     * out, awaited. See {@link #logout(Session)}.
     */
    public Mono<Void> logout(SerializedSession session) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> {
            int index = walletIndex(session.walletPlugin().id());
            return logoutOne(session, index < 0 ? null : walletPlugins.get(index));
        });
    }

    private Mono<Void> logoutOne(SerializedSession target, WalletPlugin wallet) {
        Key key = Key.of(target);
        AtomicReference<SerializedSession> removed = new AtomicReference<>();
        // the current session and the list in one atomic update: they never disagree
        return storage.updateAll(STORED_KEYS, values -> {
                    Map<String, String> next = new HashMap<>();
                    String current = values.get(SESSION_KEY);
                    if (current != null && !isKey(current, key)) {
                        next.put(SESSION_KEY, current); // another session, or unreadable: kept
                    }
                    removed.set(null);
                    String old = values.get(SESSIONS_KEY);
                    if (old == null) {
                        return next;
                    }
                    ArrayNode list = parseList(old);
                    ArrayNode kept = JSON.createArrayNode();
                    for (int i = 0; i < list.size(); i++) {
                        if (keyOf(list.get(i), i).equals(key)) {
                            removed.set(toSession(list.get(i), SESSIONS_KEY + "[" + i + "]"));
                        } else {
                            kept.add(list.get(i));
                        }
                    }
                    next.put(SESSIONS_KEY, text(kept));
                    return next;
                })
                .then(Mono.defer(() -> wallet == null ? Mono.<Void>empty() : walletLogout(target, wallet)))
                .then(Mono.fromRunnable(() -> loggedOut(removed.get() != null ? removed.get() : target)));
    }

    private Mono<Void> walletLogout(SerializedSession s, WalletPlugin wallet) {
        Key key = Key.of(s);
        ChainEntry entry = chains.get(key.chain());
        ChainDefinition chain = entry == null ? null : entry.definition();
        int index = walletIndex(wallet.id());
        LoginContext context = new DefaultLoginContext(appName, chains(), chain,
                new PermissionLevel(key.actor(), key.permission()), ui, null, walletPlugins, index < 0 ? null : index,
                LoginContext.Requirements.NONE, List.of(), entry == null ? null : entry.client());
        return Mono.defer(() -> wallet.logout(context));
    }

    private void loggedOut(SerializedSession s) {
        Checksum256 chain = Checksum256.from(s.chain());
        emit(new SessionEvent(SessionEvent.Type.LOGOUT, chain, s));
        if (Boolean.TRUE.equals(s.isDefault())) {
            emit(new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, null));
        }
    }

    // ------------------------------------------------------------------ account creation

    /**
     * Creates an account with one of the kit's {@link AccountCreationPlugin}s: the plugin (given,
     * or the only one) and chain (given, the only one the plugin supports, or the only one of the
     * kit) are preselected; the UI's {@code onAccountCreate} is asked for what is still required;
     * the plugin creates the account; the UI's {@code onAccountCreateComplete}.
     *
     * @param options what is preselected, and the name and key wanted
     * @return the created account; on any error the UI's {@code onError} is called first and the
     *     error keeps its type
     */
    public Mono<CreateAccountResponse> createAccount(CreateAccountOptions options) {
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> runCreateAccount(options)).onErrorResume(this::failed);
    }

    private Mono<CreateAccountResponse> runCreateAccount(CreateAccountOptions options) {
        if (accountCreationPlugins.isEmpty()) {
            return Mono.error(new SessionException("no account creation plugins: add some with "
                    + "SessionKit.builder().accountCreationPlugins(...)"));
        }
        AccountCreationPlugin plugin = null;
        if (options.pluginId() != null) {
            plugin = accountCreationPlugin(options.pluginId(), "option pluginId");
        } else if (accountCreationPlugins.size() == 1) {
            plugin = accountCreationPlugins.get(0);
        }
        ChainDefinition chain = options.chain() == null ? null : entry(options.chain(), "createAccount chain").definition();
        List<ChainDefinition> choices = supportedBy(plugin);
        if (chain == null) {
            chain = defaultChain(plugin, choices);
        }
        boolean pluginSelect = plugin == null;
        boolean chainSelect = chain == null && (plugin == null || plugin.config().requiresChainSelect());
        CreateAccountContext ctx = new DefaultCreateAccountContext(appName, choices, chain,
                chain == null ? null : entry(chain.id(), "chain").client(), options.accountName(), options.publicKey(),
                ui, accountCreationPlugins, pluginSelect, chainSelect);
        AccountCreationPlugin preselected = plugin;
        Mono<Choice> ready;
        if (pluginSelect || chainSelect) {
            ready = ui.onAccountCreate(ctx)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .map(selection -> applyAccountSelection(ctx, preselected, selection.orElse(null)));
        } else {
            ready = Mono.just(new Choice(preselected, ctx));
        }
        return ready.flatMap(choice -> {
            AccountCreationPlugin p = choice.plugin();
            CreateAccountContext c = choice.context();
            if (c.chain() == null && p.config().requiresChainSelect()) {
                return Mono.error(new SessionException("account creation plugin '" + p.id()
                        + "' requires a chain, and none was chosen"));
            }
            if (c.chain() != null && !p.config().supports(c.chain().id())) {
                return Mono.error(new SessionException("account creation plugin '" + p.id()
                        + "' does not support chain " + c.chain().id() + "; it supports "
                        + p.config().supportedChains()));
            }
            return Mono.defer(() -> p.create(c))
                    .switchIfEmpty(Mono.error(() -> new SessionException("account creation plugin '" + p.id()
                            + "' completed without creating an account")));
        }).flatMap(r -> ui.onAccountCreateComplete().thenReturn(r));
    }

    /** The account creation plugin chosen and its context. */
    private record Choice(AccountCreationPlugin plugin, CreateAccountContext context) {
    }

    private Choice applyAccountSelection(CreateAccountContext ctx, AccountCreationPlugin preselected,
            UserInterface.AccountCreationSelection selection) {
        AccountCreationPlugin plugin = preselected;
        if (plugin == null && selection != null && selection.pluginId() != null) {
            plugin = accountCreationPlugin(selection.pluginId(), "user interface's choice");
        }
        if (plugin == null) {
            throw new SessionException("the user interface chose no account creation plugin; the kit has "
                    + accountCreationIds());
        }
        List<ChainDefinition> choices = supportedBy(plugin);
        ChainDefinition chain = ctx.chain();
        if (selection != null && selection.chainId() != null) {
            chain = find(choices, selection.chainId());
            if (chain == null) {
                throw new UnknownChainException("the user interface chose chain " + selection.chainId()
                        + ", which is not among the chains to choose from " + ids(choices));
            }
        }
        if (chain == null) {
            chain = defaultChain(plugin, choices);
        }
        CreateAccountContext c = new DefaultCreateAccountContext(ctx.appName(), choices, chain,
                chain == null ? null : entry(chain.id(), "chain").client(), ctx.accountName(), ctx.publicKey(), ui,
                ctx.accountCreationPlugins(), ctx.requiresPluginSelect(), ctx.requiresChainSelect());
        return new Choice(plugin, c);
    }

    private ChainDefinition defaultChain(AccountCreationPlugin plugin, List<ChainDefinition> choices) {
        if (plugin != null && plugin.config().supportedChains().size() == 1) {
            return find(choices, plugin.config().supportedChains().get(0));
        }
        return choices.size() == 1 ? choices.get(0) : null;
    }

    private List<ChainDefinition> supportedBy(AccountCreationPlugin plugin) {
        List<ChainDefinition> all = chains();
        if (plugin == null) {
            return all;
        }
        List<ChainDefinition> out = new ArrayList<>();
        for (ChainDefinition c : all) {
            if (plugin.config().supports(c.id())) {
                out.add(c);
            }
        }
        return out;
    }

    private AccountCreationPlugin accountCreationPlugin(String id, String where) {
        for (AccountCreationPlugin p : accountCreationPlugins) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new SessionException("createAccount " + where + " '" + id + "' names no account creation plugin of "
                + "this kit (it has " + accountCreationIds() + ")");
    }

    // ------------------------------------------------------------------ helpers

    private ChainClient newClient(ChainDefinition chain) {
        ChainClient.Builder b = ChainClient.builder().endpoints(chain.urls().toArray(String[]::new));
        if (meterRegistry != null) {
            b.meterRegistry((MeterRegistry) meterRegistry);
        }
        if (clientCustomizer != null) {
            clientCustomizer.accept(chain, b);
        }
        return b.build();
    }

    private Session newSession(ChainEntry entry, PermissionLevel level, WalletPlugin wallet, JsonNode data,
            List<TransactPlugin> plugins, Map<String, JsonNode> pluginOptions) {
        Session.Builder b = Session.builder()
                .chain(entry.definition())
                .client(entry.client())
                .permissionLevel(level)
                .walletPlugin(wallet)
                .expireSeconds(expireSeconds)
                .allowModify(allowModify)
                .ui(ui)
                .data(data)
                .transactPlugins(plugins.toArray(TransactPlugin[]::new))
                .transactPluginsOptions(pluginOptions);
        if (meterRegistry != null) {
            b.meterRegistry((MeterRegistry) meterRegistry);
        }
        abis.forEach(b::abi);
        b.abiCache(abiCaches.get(entry.definition().id()));
        return b.build();
    }

    private ChainEntry entry(Checksum256 id, String what) {
        ChainEntry e = id == null ? null : chains.get(id);
        if (e == null) {
            throw new UnknownChainException(what + " " + id + " is not a chain of this kit (it has " + chainOrder + ")");
        }
        return e;
    }

    private int walletIndex(String id) {
        for (int i = 0; i < walletPlugins.size(); i++) {
            if (walletPlugins.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> walletIds() {
        List<String> ids = new ArrayList<>(walletPlugins.size());
        walletPlugins.forEach(w -> ids.add(w.id()));
        return ids;
    }

    private List<String> accountCreationIds() {
        List<String> ids = new ArrayList<>(accountCreationPlugins.size());
        accountCreationPlugins.forEach(p -> ids.add(p.id()));
        return ids;
    }

    private static ChainDefinition find(List<ChainDefinition> list, Checksum256 id) {
        for (ChainDefinition c : list) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static List<Checksum256> ids(List<ChainDefinition> list) {
        List<Checksum256> ids = new ArrayList<>(list.size());
        list.forEach(c -> ids.add(c.id()));
        return ids;
    }

    private void emit(SessionEvent event) {
        try {
            synchronized (events) {
                events.tryEmitNext(event);
            }
        } catch (RuntimeException subscriberFailure) {
            // best effort: a failing subscriber never fails the operation
        }
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new SessionException("cannot write session JSON: " + e.getMessage(), e);
        }
    }

    private static ArrayNode parseList(String text) {
        if (text == null) {
            return JSON.createArrayNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SessionException("stored '" + SESSIONS_KEY + "' is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JSON.createArrayNode();
        }
        if (!node.isArray()) {
            throw new SessionException("stored '" + SESSIONS_KEY + "' is not a JSON array but " + node.getNodeType());
        }
        return (ArrayNode) node;
    }

    private static List<SerializedSession> parseSessions(String text) {
        ArrayNode list = parseList(text);
        List<SerializedSession> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(toSession(list.get(i), SESSIONS_KEY + "[" + i + "]"));
        }
        return out;
    }

    private static SerializedSession parseSession(String text, String where) {
        try {
            return toSession(JSON.readTree(text), where);
        } catch (JsonProcessingException e) {
            throw new SessionException("stored '" + where + "' is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static SerializedSession toSession(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new SessionException("stored " + where + " is not a JSON object");
        }
        for (String field : new String[] {"chain", "actor", "permission"}) {
            if (!node.path(field).isTextual()) {
                throw new SessionException("stored " + where + "." + field + " is missing or not a string");
            }
        }
        if (!node.path("walletPlugin").path("id").isTextual()) {
            throw new SessionException("stored " + where + ".walletPlugin.id is missing or not a string");
        }
        SerializedSession s;
        try {
            s = JSON.treeToValue(node, SerializedSession.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SessionException("stored " + where + " is not a session: " + e.getMessage(), e);
        }
        try {
            Key.of(s);
        } catch (RuntimeException e) {
            throw new SessionException("stored " + where + " has an invalid chain, actor or permission: "
                    + e.getMessage(), e);
        }
        return s;
    }

    private static Key keyOf(JsonNode node, int index) {
        return Key.of(toSession(node, SESSIONS_KEY + "[" + index + "]"));
    }

    // ------------------------------------------------------------------ builder

    /**
     * Settings of a {@link SessionKit}. Required: {@link #appName}, {@link #chains} (at least one),
     * {@link #ui} and {@link #walletPlugins} (at least one). Not thread-safe; {@link #build()}
     * checks the settings together.
     */
    public static final class Builder {
        private String appName;
        private final List<ChainDefinition> chains = new ArrayList<>();
        private UserInterface ui;
        private final List<WalletPlugin> walletPlugins = new ArrayList<>();
        private boolean allowModify = true;
        private int expireSeconds = DEFAULT_EXPIRE_SECONDS;
        private final List<LoginPlugin> loginPlugins = new ArrayList<>();
        private final List<TransactPlugin> transactPlugins = new ArrayList<>();
        private final Map<String, JsonNode> transactPluginsOptions = new LinkedHashMap<>();
        private ReactiveSessionStorage storage;
        private final Map<Name, Abi> abis = new LinkedHashMap<>();
        private final List<AccountCreationPlugin> accountCreationPlugins = new ArrayList<>();
        private final List<WalletPluginFactory> walletPluginFactories = new ArrayList<>();
        private boolean serviceLoader = true;
        private BiConsumer<ChainDefinition, ChainClient.Builder> clientCustomizer;
        private final Map<Checksum256, ChainClient> clients = new java.util.LinkedHashMap<>();
        private final Map<Checksum256, AbiCache> abiCaches = new java.util.LinkedHashMap<>();
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        /** The application's name (required). */
        public Builder appName(String appName) {
            this.appName = appName;
            return this;
        }

        /** Adds chains (at least one in all; ids must differ). */
        public Builder chains(ChainDefinition... chains) {
            return chains(List.of(Objects.requireNonNull(chains, "chains")));
        }

        /** Adds chains (at least one in all; ids must differ). */
        public Builder chains(List<ChainDefinition> chains) {
            for (ChainDefinition c : Objects.requireNonNull(chains, "chains")) {
                this.chains.add(Objects.requireNonNull(c, "chain"));
            }
            return this;
        }

        /** The user interface (required). */
        public Builder ui(UserInterface ui) {
            this.ui = ui;
            return this;
        }

        /** Adds wallets (at least one in all; ids must differ); the UI picks one by its index. */
        public Builder walletPlugins(WalletPlugin... wallets) {
            for (WalletPlugin w : Objects.requireNonNull(wallets, "wallets")) {
                walletPlugins.add(Objects.requireNonNull(w, "walletPlugin"));
            }
            return this;
        }

        /** Whether transact plugins may change transactions (default true). */
        public Builder allowModify(boolean allowModify) {
            this.allowModify = allowModify;
            return this;
        }

        /** Seconds until a transaction expires (default {@value SessionKit#DEFAULT_EXPIRE_SECONDS}). */
        public Builder expireSeconds(int seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("expireSeconds must be positive, got " + seconds);
            }
            this.expireSeconds = seconds;
            return this;
        }

        /** Adds login plugins, their hooks run in the order added. */
        public Builder loginPlugins(LoginPlugin... plugins) {
            for (LoginPlugin p : Objects.requireNonNull(plugins, "plugins")) {
                loginPlugins.add(Objects.requireNonNull(p, "loginPlugin"));
            }
            return this;
        }

        /** Adds transact plugins for every session, their hooks run in the order added. */
        public Builder transactPlugins(TransactPlugin... plugins) {
            for (TransactPlugin p : Objects.requireNonNull(plugins, "plugins")) {
                transactPlugins.add(Objects.requireNonNull(p, "transactPlugin"));
            }
            return this;
        }

        /**
         * Options for transact plugins, by plugin id, given to every session of the kit (a login's
         * {@link LoginOptions#transactPluginsOptions()} replace them for its session, and a call's
         * {@link TransactOptions#transactPluginsOptions()} replace those of the same plugin).
         */
        public Builder transactPluginsOptions(Map<String, JsonNode> options) {
            transactPluginsOptions.putAll(Objects.requireNonNull(options, "options"));
            return this;
        }

        /** Where sessions are stored (default: in memory). */
        public Builder storage(ReactiveSessionStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** A contract's ABI pinned in every session: never fetched, never refreshed (a contract the application controls). */
        public Builder abi(Name contract, Abi abi) {
            abis.put(Objects.requireNonNull(contract, "contract"), Objects.requireNonNull(abi, "abi"));
            return this;
        }

        /** Contracts' ABIs pinned in every session, as {@link #abi}. */
        public Builder abis(Map<Name, Abi> abis) {
            Objects.requireNonNull(abis, "abis").forEach(this::abi);
            return this;
        }

        /** Adds account creation plugins (ids must differ). */
        public Builder accountCreationPlugins(AccountCreationPlugin... plugins) {
            for (AccountCreationPlugin p : Objects.requireNonNull(plugins, "plugins")) {
                accountCreationPlugins.add(Objects.requireNonNull(p, "accountCreationPlugin"));
            }
            return this;
        }

        /**
         * Adds factories that rebuild wallets at restore, before those found by
         * {@link ServiceLoader} (which win over none: a factory given here replaces a found one of the same id).
         */
        public Builder walletPluginFactories(WalletPluginFactory... factories) {
            for (WalletPluginFactory f : Objects.requireNonNull(factories, "factories")) {
                walletPluginFactories.add(Objects.requireNonNull(f, "walletPluginFactory"));
            }
            return this;
        }

        /** Whether to look for {@link WalletPluginFactory}s with {@link ServiceLoader} (default true). */
        public Builder serviceLoaderFactories(boolean enabled) {
            this.serviceLoader = enabled;
            return this;
        }

        /**
         * Has the kit's sessions of chain {@code chainId} use {@code client} (a pool the
         * application shares, such as Spring's {@code ChainClients}) instead of a client the kit
         * builds; the application keeps owning it: {@link SessionKit#dispose()} leaves it open.
         *
         * <pre>{@code
         * SessionKit.builder().chains(eos).client(eos.id(), sharedEosClient)
         * }</pre>
         *
         * @throws UnknownChainException (at {@link #build()}) if the kit has no such chain
         */
        public Builder client(Checksum256 chainId, ChainClient client) {
            clients.put(Objects.requireNonNull(chainId, "chainId"), Objects.requireNonNull(client, "client"));
            return this;
        }

        /**
         * Has the kit's sessions of chain {@code chainId} share {@code cache} instead of the
         * kit's {@link DefaultAbiCache} of that chain (one cache per chain: contract names are
         * per chain).
         *
         * @throws UnknownChainException (at {@link #build()}) if the kit has no such chain
         */
        public Builder abiCache(Checksum256 chainId, AbiCache cache) {
            abiCaches.put(Objects.requireNonNull(chainId, "chainId"), Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /**
         * Adjusts the {@link ChainClient} the kit builds for each chain (timeouts, pool, retries):
         * called with the chain and a builder that already has the chain's URLs and the kit's
         * meter registry; called once per chain, at {@link #build()}.
         */
        public Builder clientCustomizer(BiConsumer<ChainDefinition, ChainClient.Builder> customizer) {
            this.clientCustomizer = customizer;
            return this;
        }

        /**
         * Records the login timer {@code antelopekit.session.login} (tags {@code chain},
         * {@code wallet}, {@code outcome}) and the chain clients' meters in {@code registry}.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * Builds the kit and its chain clients.
         *
         * @throws IllegalStateException naming every missing or contradictory setting: no app
         *     name, no chains, a chain id twice, no UI, no wallets, a wallet id twice, a wallet or
         *     account creation plugin that supports none of the chains, a plugin id twice
         */
        public SessionKit build() {
            List<String> problems = new ArrayList<>();
            if (appName == null || appName.isBlank()) {
                problems.add("appName is missing: call appName(name)");
            }
            if (chains.isEmpty()) {
                problems.add("no chains: call chains(...) with at least one ChainDefinition");
            }
            Map<Checksum256, Integer> chainIds = new HashMap<>();
            for (int i = 0; i < chains.size(); i++) {
                Integer first = chainIds.putIfAbsent(chains.get(i).id(), i);
                if (first != null) {
                    problems.add("chain id " + chains.get(i).id() + " is given twice (chains[" + first + "] and chains["
                            + i + "])");
                }
            }
            if (ui == null) {
                problems.add("ui is missing: call ui(userInterface)");
            }
            if (walletPlugins.isEmpty()) {
                problems.add("no wallet plugins: call walletPlugins(...) with at least one");
            }
            duplicates(walletPlugins, WalletPlugin::id, "walletPlugins", problems);
            duplicates(loginPlugins, LoginPlugin::id, "loginPlugins", problems);
            duplicates(transactPlugins, TransactPlugin::id, "transactPlugins", problems);
            duplicates(accountCreationPlugins, AccountCreationPlugin::id, "accountCreationPlugins", problems);
            if (!chains.isEmpty()) {
                for (WalletPlugin w : walletPlugins) {
                    if (chainIds.keySet().stream().noneMatch(id -> w.config().supports(id))) {
                        problems.add("wallet plugin '" + w.id() + "' supports none of the kit's chains (it supports "
                                + w.config().supportedChains() + ")");
                    }
                }
                for (AccountCreationPlugin p : accountCreationPlugins) {
                    if (chainIds.keySet().stream().noneMatch(id -> p.config().supports(id))) {
                        problems.add("account creation plugin '" + p.id() + "' supports none of the kit's chains "
                                + "(it supports " + p.config().supportedChains() + ")");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("SessionKit.builder(): " + String.join("; ", problems));
            }
            Map<String, WalletPluginFactory> factories = new HashMap<>();
            if (serviceLoader) {
                for (WalletPluginFactory f : ServiceLoader.load(WalletPluginFactory.class)) {
                    factories.putIfAbsent(f.id(), f);
                }
            }
            for (WalletPluginFactory f : walletPluginFactories) {
                factories.put(f.id(), f);
            }
            return new SessionKit(this, factories);
        }

        private static <T> void duplicates(List<T> items, Function<T, String> id, String what, List<String> problems) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String key = id.apply(items.get(i));
                Integer first = seen.putIfAbsent(key, i);
                if (first != null) {
                    problems.add(what + " id '" + key + "' is given twice (" + what + "[" + first + "] and " + what
                            + "[" + i + "])");
                }
            }
        }
    }
}
