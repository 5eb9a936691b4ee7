package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

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
 * <p>Every operation is cold (nothing happens before subscription) and never blocks. By default
 * sessions are stored as WharfKit stores them ({@link StorageLayout#WHARFKIT}): a {@code session}
 * entry (the current session's JSON) and a {@code sessions} entry (a JSON array of every session,
 * sorted by chain, actor and permission, with {@code "default": true} on one session per chain),
 * so either can read what the other wrote. Both are changed together with
 * {@link ReactiveSessionStorage#updateAll}, so concurrent logins lose nothing. A service with many
 * users stores one key per session instead ({@link Builder#storageLayout
 * storageLayout(StorageLayout.PER_SESSION)}), so that a login, a restore and a logout cost the
 * same with ten sessions stored as with a hundred thousand, and each session can expire on its
 * own ({@link Builder#sessionTtl}); {@link #migrateStorage} moves a store from one layout to the
 * other.
 */
public final class SessionKit implements Disposable {

    /** Seconds until a transaction expires by default: 120. */
    public static final int DEFAULT_EXPIRE_SECONDS = 120;
    /** The storage key of the current session. */
    public static final String SESSION_KEY = "session";
    /** The storage key of the session list. */
    public static final String SESSIONS_KEY = "sessions";

    private final String appName;
    private final StorageLayout storageLayout;
    private final Duration sessionTtl;
    private final UserInterface ui;
    private final KitChains chains;
    private final KitWallets wallets;
    private final StoredSessions stored;
    private final SessionMaker maker;
    private final LoginFlow loginFlow;
    private final Restorer restorer;
    private final Logout logout;
    private final AccountCreation accountCreation;
    private final KitEvents events = new KitEvents();
    private final AtomicBoolean disposed = new AtomicBoolean();

    private SessionKit(Builder b, Map<String, WalletPluginFactory> factories) {
        this.appName = b.appName;
        this.ui = b.ui;
        this.wallets = new KitWallets(b.walletPlugins, factories);
        this.storageLayout = b.storageLayout;
        this.sessionTtl = b.sessionTtl;
        this.stored = new StoredSessions(b.storage != null ? b.storage : ReactiveSessionStorage.inMemory(),
                b.storageLayout, b.appName, b.sessionTtl);
        LoginMetrics loginMetrics = b.meterRegistry == null ? null : new LoginMetrics(b.meterRegistry);
        this.chains = KitChains.of(b.chains, b.clients, b.abiCaches,
                chain -> KitChains.newClient(chain, b.meterRegistry, b.clientCustomizer));
        this.maker = new SessionMaker(chains, wallets, ui, b.expireSeconds, b.allowModify, b.meterRegistry, b.abis,
                b.transactPlugins, b.transactPluginsOptions);
        this.loginFlow = new LoginFlow(appName, chains, wallets, ui, b.loginPlugins, loginMetrics, maker, stored,
                events);
        this.restorer = new Restorer(chains, wallets, maker, stored, events);
        this.logout = new Logout(appName, chains, wallets, ui, stored, events);
        this.accountCreation = new AccountCreation(appName, chains, ui, b.accountCreationPlugins);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The application's name. */
    public String appName() {
        return appName;
    }

    /** The chains, in the order given, with their current endpoints. */
    public List<ChainDefinition> chains() {
        return new ArrayList<>(chains.definitions());
    }

    /**
     * The chain {@code id}.
     *
     * @throws UnknownChainException if the kit has no such chain
     */
    public ChainDefinition chain(Checksum256 id) {
        return chains.get(id, "chain").definition();
    }

    /**
     * The client the sessions of chain {@code id} share.
     *
     * @throws UnknownChainException if the kit has no such chain
     */
    public ChainClient client(Checksum256 id) {
        return chains.get(id, "chain").client();
    }

    /**
     * The ABI cache the sessions of chain {@code id} share (the one given to
     * {@link Builder#abiCache}, or a {@link DefaultAbiCache} fetching through the chain's current
     * client); the ABIs given to {@link Builder#abis} are pinned in each session, not put in it.
     *
     * @throws UnknownChainException if the kit has no such chain
     */
    public AbiCache abiCache(Checksum256 id) {
        return chains.get(id, "chain").abiCache();
    }

    /** The wallets, in the order given (the user interface picks one by index). */
    public List<WalletPlugin> walletPlugins() {
        return wallets.plugins();
    }

    /** The user interface. */
    public UserInterface ui() {
        return ui;
    }

    /** Where sessions are stored. */
    public ReactiveSessionStorage storage() {
        return stored.storage();
    }

    /** How the sessions are laid out in the storage (see {@link Builder#storageLayout}). */
    public StorageLayout storageLayout() {
        return storageLayout;
    }

    /** How long each stored session lives after its last login, persist or restore; empty when sessions do not expire. */
    public Optional<Duration> sessionTtl() {
        return Optional.ofNullable(sessionTtl);
    }

    /**
     * Moves the sessions of {@code appName} in {@code storage} from layout {@code from} to layout
     * {@code to}, so that a kit of the new layout finds them: the new layout is written first,
     * then the old one removed, each key only where it still holds what was moved. What the new
     * layout already holds is never overwritten (a kit of that layout wrote it: it is newer), so a
     * run that failed or crashed half-way is finished by running it again, and a run after a
     * finished one moves nothing. Run it while no kit of the old layout writes the store: a
     * session it changes meanwhile stays where it is, and the run fails with a
     * {@link SessionException} saying to run it again. {@code from == to} moves nothing.
     *
     * <pre>{@code
     * SessionKit.migrateStorage(redisStorage, "wallet-bot", StorageLayout.WHARFKIT, StorageLayout.PER_SESSION)
     *         .subscribe(n -> log.info("{} sessions moved", n), e -> log.error("run it again", e));
     * }</pre>
     *
     * <p>Moving to {@link StorageLayout#PER_SESSION} needs a storage that can list its keys only
     * to move back; moving from it, one that can. A session moved to the per-session layout does
     * not expire (see the overload with a time to live); one moved to WharfKit's layout no longer
     * does, and a chain's default or current session that WharfKit's entries already have stays.
     *
     * @param storage the store
     * @param appName the kit's app name (the per-session layout's keys start with it)
     * @param from the layout the sessions are in
     * @param to the layout to move them to
     * @return the number of sessions written in the new layout (0 when there was nothing left to move)
     * @throws IllegalArgumentException when {@code appName} is empty (thrown at once)
     */
    public static Mono<Integer> migrateStorage(ReactiveSessionStorage storage, String appName, StorageLayout from,
            StorageLayout to) {
        return migrateStorage(storage, appName, from, to, null);
    }

    /**
     * {@link #migrateStorage(ReactiveSessionStorage, String, StorageLayout, StorageLayout)}, each
     * session moved to the per-session layout living {@code sessionTtl} (as with
     * {@link Builder#sessionTtl}; a session the new layout already had starts its life again).
     *
     * @param sessionTtl the time to live of the sessions moved to the per-session layout, or null for none
     * @throws IllegalArgumentException when {@code appName} is empty, {@code sessionTtl} is shorter
     *     than 1 ms, or given while moving to WharfKit's layout (thrown at once)
     */
    public static Mono<Integer> migrateStorage(ReactiveSessionStorage storage, String appName, StorageLayout from,
            StorageLayout to, Duration sessionTtl) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (sessionTtl != null) {
            checkTtl(sessionTtl);
            if (to != StorageLayout.PER_SESSION) {
                throw new IllegalArgumentException("sessionTtl applies to sessions moved to the per-session layout");
            }
        }
        LayoutMigration migration = new LayoutMigration(storage, appName, sessionTtl);
        return migration.migrate(from, to);
    }

    private static Duration checkTtl(Duration ttl) {
        if (ttl.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("sessionTtl must be at least 1 ms, was " + ttl);
        }
        return ttl;
    }

    /** The options given for transact plugins, by plugin id (see {@link Builder#transactPluginsOptions}). */
    public Map<String, JsonNode> transactPluginsOptions() {
        return maker.transactPluginsOptions();
    }

    /**
     * What happens to the kit's sessions: logins, logouts, default changes, restores. A hot
     * stream: subscribers see what happens after they subscribe; a subscriber that cannot keep
     * up misses events (emission never waits, and never fails an operation).
     */
    public Flux<SessionEvent> events() {
        return events.flux();
    }

    /**
     * Closes the clients the kit built (never those given to {@link Builder#client}) and ends
     * {@link #events()}. Sessions the kit made use those clients: dispose of the kit when the
     * application stops.
     */
    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            chains.dispose();
            events.complete();
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        return "SessionKit[" + appName + ", chains=" + chains.ids() + ", wallets=" + wallets.ids() + "]";
    }

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
        return loginFlow.login(options);
    }

    /**
     * The stored sessions whose wallet is registered in this kit, as stored (sorted by chain,
     * actor and permission); empty when none is stored.
     *
     * @return the sessions; a {@link SessionException} if the stored list is not a list of sessions
     */
    public Flux<SerializedSession> getSessions() {
        return restorer.sessions();
    }

    /**
     * Restores the current session (the last one set as default, on any chain).
     *
     * @return the session; empty when none is stored
     */
    public Mono<Session> restore() {
        return restorer.restoreCurrent();
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
        return restorer.restore(args, null);
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
        return restorer.restore(args, options);
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
     * leaving the stored defaults as they are (and, where sessions expire, their times to live:
     * listing every session does not keep them all alive).
     *
     * @return the sessions
     */
    public Flux<Session> restoreAll() {
        return restorer.restoreAll();
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
            Session built = maker.fromStored(session, null);
            return loginFlow.store(built, Boolean.TRUE.equals(session.isDefault())).thenReturn(built);
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
        return loginFlow.store(session, setAsDefault);
    }

    /**
     * Logs out every stored session of this kit's wallets: removes them (and the current session,
     * if it is one of them) from storage, then has each wallet log out, awaited. Sessions of
     * wallets not registered in this kit stay stored.
     */
    public Mono<Void> logout() {
        return Mono.defer(logout::all);
    }

    /**
     * Logs out one session: removes it from storage (and the current session entry if it is this
     * one), then has its wallet log out, awaited. Other sessions, and the defaults of other chains,
     * are left as they are.
     */
    public Mono<Void> logout(Session session) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> logout.one(session.serialize(), session.walletPlugin()));
    }

    /**
     * Logs out one stored session; its wallet (the kit's registered wallet of its id, if any) logs
     * out, awaited. See {@link #logout(Session)}.
     */
    public Mono<Void> logout(SerializedSession session) {
        Objects.requireNonNull(session, "session");
        return logout.one(session);
    }

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
        return accountCreation.create(options);
    }

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
        private StorageLayout storageLayout = StorageLayout.WHARFKIT;
        private Duration sessionTtl;
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

        /**
         * How sessions are laid out in the storage (default {@link StorageLayout#WHARFKIT}, which
         * WharfKit shares). {@link StorageLayout#PER_SESSION} stores one key per session, for a
         * service with many users; it needs a storage that can list its keys
         * ({@link ReactiveSessionStorage#canListKeys()}: the memory, file and Redis stores of
         * this library can). A store written in one layout is moved to the other with
         * {@link SessionKit#migrateStorage}.
         *
         * <pre>{@code
         * SessionKit.builder()...storage(redisStorage).storageLayout(StorageLayout.PER_SESSION)
         *         .sessionTtl(Duration.ofDays(30))
         * }</pre>
         */
        public Builder storageLayout(StorageLayout layout) {
            this.storageLayout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * How long each stored session lives after its last login, persist or restore (default:
         * sessions do not expire). Only in the {@link StorageLayout#PER_SESSION} layout, whose
         * session keys expire one by one (the storage's
         * {@link ReactiveSessionStorage#updateAll(java.util.Set, java.util.function.UnaryOperator, Map)
         * times to live}: Redis expires them itself, the memory and file stores keep their expiry
         * instants): a login, a {@link SessionKit#persistSession persistSession} and a
         * {@link SessionKit#restore restore} start it again, a listing
         * ({@link SessionKit#getSessions()}, {@link SessionKit#restoreAll()}) does not. An expired
         * session is gone: a chain's default or current session that has expired is none.
         *
         * @param ttl the time to live, at least 1 ms; null for none
         * @throws IllegalArgumentException when shorter than 1 ms
         */
        public Builder sessionTtl(Duration ttl) {
            this.sessionTtl = ttl == null ? null : checkTtl(ttl);
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
            List<String> problems = new ArrayList<>(KitSettingsCheck.problems(appName, chains, ui, walletPlugins,
                    loginPlugins, transactPlugins, accountCreationPlugins));
            ReactiveSessionStorage store = storage != null ? storage : ReactiveSessionStorage.inMemory();
            if (storageLayout == StorageLayout.PER_SESSION && !store.canListKeys()) {
                problems.add("storageLayout PER_SESSION needs a storage that can list its keys, and " + store
                        + " cannot (ReactiveSessionStorage.canListKeys() is false): use WHARFKIT with it, or a store"
                        + " that can (memory, file, Redis)");
            }
            if (sessionTtl != null && storageLayout != StorageLayout.PER_SESSION) {
                problems.add("sessionTtl needs storageLayout(PER_SESSION): in WharfKit's layout every session is in"
                        + " one entry, which cannot expire session by session");
            } else if (sessionTtl != null && !store.canExpireKeys()) {
                problems.add("sessionTtl needs a storage that can expire keys, and " + store
                        + " cannot (ReactiveSessionStorage.canExpireKeys() is false)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("SessionKit.builder(): " + String.join("; ", problems));
            }
            return new SessionKit(this, KitWallets.factories(walletPluginFactories, serviceLoader));
        }
    }
}
