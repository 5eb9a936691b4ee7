package io.antelopekit.session;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.model.AuthorizedAccount;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SessionKit}'s login: preselection from the {@link LoginOptions}, the
 * {@link UserInterface}'s choices, the login plugins' hooks, the wallet's login, the session
 * stored as the kit stores it, the events, and the login timer. See {@link SessionKit#login(LoginOptions)}.
 */
final class LoginFlow {

    private final String appName;
    private final KitChains chains;
    private final KitWallets wallets;
    private final UserInterface ui;
    private final List<LoginPlugin> loginPlugins;
    /** The login timer, or null without a meter registry. */
    private final LoginMetrics metrics;
    private final SessionMaker maker;
    private final StoredSessions stored;
    private final KitEvents events;

    LoginFlow(String appName, KitChains chains, KitWallets wallets, UserInterface ui, List<LoginPlugin> loginPlugins,
            LoginMetrics metrics, SessionMaker maker, StoredSessions stored, KitEvents events) {
        this.appName = appName;
        this.chains = Objects.requireNonNull(chains, "chains");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.loginPlugins = List.copyOf(loginPlugins);
        this.metrics = metrics;
        this.maker = Objects.requireNonNull(maker, "maker");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Logs a user in; see {@link SessionKit#login(LoginOptions)}. */
    Mono<LoginResult> login(LoginOptions options) {
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            LoginMetrics.Attempt attempt = new LoginMetrics.Attempt();
            Mono<LoginResult> run = Mono.defer(() -> run(options, attempt)).onErrorResume(e -> reported(ui, e));
            return metrics == null ? run : metrics.time(run, attempt);
        });
    }

    /**
     * Stores {@code session} as a login does (see {@link StoredSessions#put}) and emits its
     * {@code LOGIN} event (and {@code DEFAULT_CHANGED} when it becomes a new default).
     */
    Mono<Void> store(Session session, boolean setAsDefault) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> {
            SerializedSession serialized = session.serialize();
            return stored.put(serialized, setAsDefault)
                    .doOnNext(previousDefault -> events.stored(SessionEvent.Type.LOGIN,
                            serialized.withDefault(setAsDefault), setAsDefault, previousDefault))
                    .then();
        });
    }

    /** {@code error} after the user interface's {@code onError} (whose own failure is ignored). */
    static <T> Mono<T> reported(UserInterface ui, Throwable error) {
        return Mono.defer(() -> ui.onError(error))
                .onErrorResume(e -> Mono.empty())
                .then(Mono.error(error));
    }

    private Mono<LoginResult> run(LoginOptions options, LoginMetrics.Attempt attempt) {
        List<ChainDefinition> choices;
        if (options.chains() == null) {
            choices = chains.definitions();
        } else {
            choices = new ArrayList<>();
            for (Checksum256 id : options.chains()) {
                choices.add(chains.get(id, "login option chains").definition());
            }
        }
        List<LoginPlugin> hooks = options.loginPlugins() != null ? options.loginPlugins() : loginPlugins;
        LoginContext start = new DefaultLoginContext(appName, choices, null, null, ui, options.arbitrary(),
                wallets.plugins(), null, new LoginContext.Requirements(true, true, true, false), List.of(), null);
        return ui.onLogin()
                .then(Mono.fromCallable(() -> preselect(start, options)))
                .doOnNext(attempt::note)
                .flatMap(ctx -> ctx.uiRequirements().any() ? askUser(ctx).doOnNext(attempt::note) : Mono.just(ctx))
                .flatMap(ctx -> {
                    WalletPlugin wallet = ctx.walletPlugin();
                    if (ctx.chain() != null && !wallet.config().supports(ctx.chain().id())) {
                        return Mono.error(new SessionException("wallet plugin '" + wallet.id() + "' ("
                                + wallet.metadata().name() + ") does not support chain " + ctx.chain().id()
                                + "; it supports " + wallet.config().supportedChains()));
                    }
                    return Flux.fromIterable(hooks).concatMap(h -> h.beforeLogin(ctx)).then()
                            .then(Mono.defer(() -> wallet.login(ctx)))
                            .switchIfEmpty(Mono.error(() -> new SessionException("wallet plugin '" + wallet.id()
                                    + "' completed its login without an answer")))
                            .flatMap(response -> afterWalletLogin(ctx, wallet, response, options, hooks, attempt));
                });
    }

    /** What the options (or the kit having only one wallet or chain) settle before the UI is asked. */
    private LoginContext preselect(LoginContext ctx, LoginOptions options) {
        LoginContext.Requirements r = ctx.uiRequirements();
        Integer index = null;
        if (options.walletPlugin() != null) {
            index = wallets.indexOf(options.walletPlugin());
            if (index < 0) {
                throw new UnknownWalletException("login option walletPlugin '" + options.walletPlugin()
                        + "' names no wallet plugin of this kit (it has " + wallets.ids() + ")");
            }
        } else if (wallets.plugins().size() == 1) {
            index = 0;
        }
        if (index != null) {
            var config = wallets.get(index).config();
            ctx = ctx.withWalletPluginIndex(index);
            r = new LoginContext.Requirements(false, config.requiresChainSelect(), config.requiresPermissionSelect(),
                    config.requiresPermissionEntry());
        }
        boolean chainSelect;
        if (options.chain() != null) {
            ChainDefinition chain = KitChains.find(ctx.chains(), options.chain());
            if (chain == null) {
                throw new UnknownChainException("login option chain " + options.chain()
                        + " is not among the chains to choose from " + KitChains.ids(ctx.chains()));
            }
            ctx = ctx.withChain(chain, chains.get(chain.id(), "chain").client());
            chainSelect = false;
        } else if (ctx.chains().size() == 1) {
            ChainDefinition chain = ctx.chains().get(0);
            ctx = ctx.withChain(chain, chains.get(chain.id(), "chain").client());
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
                if (i < 0 || i >= wallets.plugins().size()) {
                    throw new SessionException("the user interface chose wallet plugin index " + i + "; the kit has "
                            + wallets.plugins().size() + " wallet plugins " + wallets.ids());
                }
                ctx = ctx.withWalletPluginIndex(i);
            }
            if (selection.chainId() != null) {
                ChainDefinition chain = KitChains.find(ctx.chains(), selection.chainId());
                if (chain == null) {
                    throw new UnknownChainException("the user interface chose chain " + selection.chainId()
                            + ", which is not among the chains to choose from " + KitChains.ids(ctx.chains()));
                }
                ctx = ctx.withChain(chain, chains.get(chain.id(), "chain").client());
            }
            if (selection.permissionLevel() != null) {
                ctx = ctx.withPermissionLevel(selection.permissionLevel());
            }
        }
        if (ctx.walletPlugin() == null) {
            throw new SessionException("the user interface chose no wallet plugin (walletPluginIndex is missing); "
                    + "the kit has " + wallets.ids());
        }
        return ctx;
    }

    private Mono<LoginResult> afterWalletLogin(LoginContext ctx, WalletPlugin wallet,
            WalletPluginLoginResponse response, LoginOptions options, List<LoginPlugin> hooks,
            LoginMetrics.Attempt attempt) {
        KitChains.Chain chain = chains.get(response.chainId(), "wallet plugin '" + wallet.id() + "' logged in on chain");
        attempt.chain = response.chainId().toString();
        Session session = maker.make(chain, response.permissionLevel(), wallet, null, options);
        LoginContext done = ctx.withChain(chain.definition(), chain.client())
                .withPermissionLevel(response.permissionLevel());
        return Flux.fromIterable(hooks).concatMap(h -> h.afterLogin(done)).then()
                .then(store(session, options.setAsDefault()))
                .then(Mono.defer(ui::onLoginComplete))
                .then(Mono.fromSupplier(() -> new LoginResult(done, response, session)));
    }
}
