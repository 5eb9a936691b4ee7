package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.plugin.UserInterface;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionKit}'s account creation: the {@link AccountCreationPlugin} and chain
 * preselected, the user interface asked for the rest, the plugin's {@code create}. See
 * {@link SessionKit#createAccount(CreateAccountOptions)}.
 */
final class AccountCreation {

    /** The account creation plugin chosen and its context. */
    private record Choice(AccountCreationPlugin plugin, CreateAccountContext context) {
    }

    private final String appName;
    private final KitChains chains;
    private final UserInterface ui;
    private final List<AccountCreationPlugin> plugins;

    AccountCreation(String appName, KitChains chains, UserInterface ui, List<AccountCreationPlugin> plugins) {
        this.appName = appName;
        this.chains = Objects.requireNonNull(chains, "chains");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.plugins = List.copyOf(plugins);
    }

    /** Creates an account; see {@link SessionKit#createAccount(CreateAccountOptions)}. */
    Mono<CreateAccountResponse> create(CreateAccountOptions options) {
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> run(options)).onErrorResume(e -> LoginFlow.reported(ui, e));
    }

    private Mono<CreateAccountResponse> run(CreateAccountOptions options) {
        if (plugins.isEmpty()) {
            return Mono.error(new SessionException("no account creation plugins: add some with "
                    + "SessionKit.builder().accountCreationPlugins(...)"));
        }
        AccountCreationPlugin plugin = null;
        if (options.pluginId() != null) {
            plugin = plugin(options.pluginId(), "option pluginId");
        } else if (plugins.size() == 1) {
            plugin = plugins.get(0);
        }
        ChainDefinition chain = options.chain() == null ? null
                : chains.get(options.chain(), "createAccount chain").definition();
        List<ChainDefinition> choices = supportedBy(plugin);
        if (chain == null) {
            chain = defaultChain(plugin, choices);
        }
        boolean pluginSelect = plugin == null;
        boolean chainSelect = chain == null && (plugin == null || plugin.config().requiresChainSelect());
        CreateAccountContext ctx = new DefaultCreateAccountContext(appName, choices, chain,
                chain == null ? null : chains.get(chain.id(), "chain").client(), options.accountName(),
                options.publicKey(), ui, plugins, pluginSelect, chainSelect);
        AccountCreationPlugin preselected = plugin;
        Mono<Choice> ready;
        if (pluginSelect || chainSelect) {
            ready = ui.onAccountCreate(ctx)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .map(selection -> applySelection(ctx, preselected, selection.orElse(null)));
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

    private Choice applySelection(CreateAccountContext ctx, AccountCreationPlugin preselected,
            UserInterface.AccountCreationSelection selection) {
        AccountCreationPlugin plugin = preselected;
        if (plugin == null && selection != null && selection.pluginId() != null) {
            plugin = plugin(selection.pluginId(), "user interface's choice");
        }
        if (plugin == null) {
            throw new SessionException("the user interface chose no account creation plugin; the kit has " + ids());
        }
        List<ChainDefinition> choices = supportedBy(plugin);
        ChainDefinition chain = ctx.chain();
        if (selection != null && selection.chainId() != null) {
            chain = KitChains.find(choices, selection.chainId());
            if (chain == null) {
                throw new UnknownChainException("the user interface chose chain " + selection.chainId()
                        + ", which is not among the chains to choose from " + KitChains.ids(choices));
            }
        }
        if (chain == null) {
            chain = defaultChain(plugin, choices);
        }
        CreateAccountContext c = new DefaultCreateAccountContext(ctx.appName(), choices, chain,
                chain == null ? null : chains.get(chain.id(), "chain").client(), ctx.accountName(), ctx.publicKey(),
                ui, ctx.accountCreationPlugins(), ctx.requiresPluginSelect(), ctx.requiresChainSelect());
        return new Choice(plugin, c);
    }

    private static ChainDefinition defaultChain(AccountCreationPlugin plugin, List<ChainDefinition> choices) {
        if (plugin != null && plugin.config().supportedChains().size() == 1) {
            return KitChains.find(choices, plugin.config().supportedChains().get(0));
        }
        return choices.size() == 1 ? choices.get(0) : null;
    }

    /** The kit's chains {@code plugin} supports (all when no plugin is chosen yet). */
    private List<ChainDefinition> supportedBy(AccountCreationPlugin plugin) {
        if (plugin == null) {
            return chains.definitions();
        }
        List<ChainDefinition> out = new ArrayList<>();
        for (ChainDefinition c : chains.definitions()) {
            if (plugin.config().supports(c.id())) {
                out.add(c);
            }
        }
        return out;
    }

    private AccountCreationPlugin plugin(String id, String where) {
        for (AccountCreationPlugin p : plugins) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new SessionException("createAccount " + where + " '" + id + "' names no account creation plugin of "
                + "this kit (it has " + ids() + ")");
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>(plugins.size());
        plugins.forEach(p -> ids.add(p.id()));
        return ids;
    }
}
