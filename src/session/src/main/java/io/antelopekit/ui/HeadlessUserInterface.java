package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.LoginContext;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link UserInterface} without a user, for services and bots: login selections come from
 * fixed values or a function, prompts are answered by a function (and refused without one,
 * except optional prompts, which wait for their plugin to cancel them),
 * status lines and errors go to listeners or to the {@link System.Logger} of this class.
 *
 * <pre>{@code
 * UserInterface ui = HeadlessUserInterface.builder()
 *         .chain(chainId)
 *         .permissionLevel("bot@active")
 *         .promptWhen(args -> Mono.just(JsonNodeFactory.instance.objectNode().put("accepted", true)))
 *         .build();
 * }</pre>
 *
 * <p>With fixed values, {@link #login} answers only what the login still needs (a chain or
 * permission already chosen by the login options is left alone) and fails with a
 * {@link CancelledException} naming what is missing when it needs a choice it was not given; a
 * wallet is given by index or by id. Immutable and safe for concurrent use; the last error told
 * to {@link #onError} is kept for inspection ({@link #lastError()}).
 */
public final class HeadlessUserInterface implements UserInterface {

    private static final System.Logger LOG = System.getLogger(HeadlessUserInterface.class.getName());

    private final Integer walletPluginIndex;
    private final String walletPluginId;
    private final Checksum256 chainId;
    private final PermissionLevel permissionLevel;
    private final String accountCreationPluginId;
    private final Function<LoginContext, Mono<LoginSelection>> loginWhen;
    private final Function<CreateAccountContext, Mono<AccountCreationSelection>> accountCreateWhen;
    private final Function<PromptArgs, Mono<JsonNode>> promptWhen;
    private final Consumer<String> statusListener;
    private final Consumer<Throwable> errorListener;
    private final Texts texts;
    private volatile Throwable lastError;

    private HeadlessUserInterface(Builder b) {
        this.walletPluginIndex = b.walletPluginIndex;
        this.walletPluginId = b.walletPluginId;
        this.chainId = b.chainId;
        this.permissionLevel = b.permissionLevel;
        this.accountCreationPluginId = b.accountCreationPluginId;
        this.loginWhen = b.loginWhen;
        this.accountCreateWhen = b.accountCreateWhen;
        this.promptWhen = b.promptWhen;
        this.statusListener = b.statusListener;
        this.errorListener = b.errorListener;
        this.texts = new Texts(b.locale, b.translations);
    }

    /** A headless interface with nothing fixed: it answers no login question and refuses every prompt. */
    public static HeadlessUserInterface create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Mono<LoginSelection> login(LoginContext context) {
        Objects.requireNonNull(context, "context");
        if (loginWhen != null) {
            return Mono.defer(() -> Objects.requireNonNull(loginWhen.apply(context),
                    "the loginWhen function returned null instead of a Mono"));
        }
        return Mono.fromCallable(() -> fixedSelection(context));
    }

    private LoginSelection fixedSelection(LoginContext ctx) {
        LoginContext.Requirements needs = ctx.uiRequirements();
        Integer wallet = null;
        WalletPlugin chosen = ctx.walletPlugin();
        if (ctx.walletPluginIndex() == null && (needs.walletSelect() || walletPluginIndex != null || walletPluginId != null)) {
            wallet = walletIndex(ctx);
            if (wallet == null && needs.walletSelect()) {
                throw missing("a wallet", "walletPluginIndex(...) or walletPlugin(id)");
            }
            chosen = wallet == null ? null : ctx.walletPlugins().get(wallet);
        }
        Checksum256 chain = null;
        boolean chainNeeded = needs.chainSelect() || (chosen != null && chosen.config().requiresChainSelect());
        if (ctx.chain() == null && (chainNeeded || chainId != null)) {
            if (chainId != null) {
                if (ctx.chains().stream().noneMatch(c -> c.id().equals(chainId))) {
                    throw new CancelledException("this HeadlessUserInterface is set to chain " + chainId
                            + ", which is not among the chains to choose from " + ids(ctx.chains()));
                }
                chain = chainId;
            } else if (ctx.chains().size() == 1) {
                chain = ctx.chains().get(0).id();
            } else {
                throw missing("a chain among " + ids(ctx.chains()), "chain(chainId)");
            }
        }
        PermissionLevel permission = null;
        boolean permissionNeeded = needs.permissionSelect() || needs.permissionEntry() || (chosen != null
                && (chosen.config().requiresPermissionSelect() || chosen.config().requiresPermissionEntry()));
        if (ctx.permissionLevel() == null && (permissionNeeded || permissionLevel != null)) {
            if (permissionLevel != null) {
                permission = permissionLevel;
            } else if (ctx.permissionOptions().size() == 1) {
                permission = ctx.permissionOptions().get(0);
            } else {
                throw missing(ctx.permissionOptions().isEmpty() ? "a permission"
                        : "a permission among " + ctx.permissionOptions(), "permissionLevel(...)");
            }
        }
        return new LoginSelection(wallet, chain, permission);
    }

    private Integer walletIndex(LoginContext ctx) {
        List<WalletPlugin> wallets = ctx.walletPlugins();
        if (walletPluginIndex != null) {
            if (walletPluginIndex >= wallets.size()) {
                throw new CancelledException("this HeadlessUserInterface is set to wallet plugin index "
                        + walletPluginIndex + ", and the login offers " + wallets.size() + " wallet plugins");
            }
            return walletPluginIndex;
        }
        if (walletPluginId != null) {
            for (int i = 0; i < wallets.size(); i++) {
                if (wallets.get(i).id().equals(walletPluginId)) {
                    return i;
                }
            }
            throw new CancelledException("this HeadlessUserInterface is set to wallet plugin '" + walletPluginId
                    + "', which is not among the wallet plugins offered " + wallets.stream().map(WalletPlugin::id).toList());
        }
        return wallets.size() == 1 ? 0 : null;
    }

    private static CancelledException missing(String what, String setter) {
        return new CancelledException("the login needs " + what + " and this HeadlessUserInterface was given none"
                + " (set HeadlessUserInterface.builder()." + setter + ", or pass it in the login options)");
    }

    private static List<Checksum256> ids(List<ChainDefinition> chains) {
        return chains.stream().map(ChainDefinition::id).toList();
    }

    @Override
    public Mono<AccountCreationSelection> onAccountCreate(CreateAccountContext context) {
        Objects.requireNonNull(context, "context");
        if (accountCreateWhen != null) {
            return Mono.defer(() -> Objects.requireNonNull(accountCreateWhen.apply(context),
                    "the accountCreateWhen function returned null instead of a Mono"));
        }
        return Mono.fromCallable(() -> {
            String plugin = null;
            if (context.requiresPluginSelect()) {
                if (accountCreationPluginId != null) {
                    plugin = accountCreationPluginId;
                } else if (context.accountCreationPlugins().size() == 1) {
                    plugin = context.accountCreationPlugins().get(0).id();
                } else {
                    throw new CancelledException("the account creation needs a plugin among "
                            + context.accountCreationPlugins().stream().map(p -> p.id()).toList()
                            + " and this HeadlessUserInterface was given none"
                            + " (set HeadlessUserInterface.builder().accountCreationPlugin(id), or pass it in the options)");
                }
            }
            Checksum256 chain = null;
            if (context.requiresChainSelect() && context.chain() == null) {
                if (chainId != null) {
                    chain = chainId;
                } else if (context.chains().size() == 1) {
                    chain = context.chains().get(0).id();
                } else {
                    throw new CancelledException("the account creation needs a chain among " + ids(context.chains())
                            + " and this HeadlessUserInterface was given none"
                            + " (set HeadlessUserInterface.builder().chain(chainId), or pass it in the options)");
                }
            }
            return new AccountCreationSelection(plugin, chain);
        });
    }

    /**
     * Answers with the prompt function; without one, fails with a {@link CancelledException}:
     * nobody is there to answer. An {@link PromptArgs#optional() optional} prompt without a
     * prompt function is left unshown: it neither answers nor fails, and ends when its plugin
     * cancels it (the plugin waits for something else).
     */
    @Override
    public Mono<JsonNode> prompt(PromptArgs args) {
        Objects.requireNonNull(args, "args");
        if (promptWhen == null && args.optional()) {
            return Mono.<JsonNode>never().doOnSubscribe(s -> LOG.log(System.Logger.Level.DEBUG,
                    () -> "optional prompt \"" + args.title() + "\" left unshown until its plugin cancels it"));
        }
        if (promptWhen == null) {
            return Mono.error(() -> new CancelledException("prompt \"" + args.title() + "\" was refused: this"
                    + " HeadlessUserInterface has no one to ask (give it an answering function with"
                    + " HeadlessUserInterface.builder().promptWhen(...))"));
        }
        return Mono.defer(() -> Objects.requireNonNull(promptWhen.apply(args),
                "the promptWhen function returned null instead of a Mono"));
    }

    /** Gives the line to the status listener, or logs it at {@code DEBUG}. */
    @Override
    public void status(String message) {
        if (statusListener != null) {
            statusListener.accept(message);
        } else {
            LOG.log(System.Logger.Level.DEBUG, message);
        }
    }

    /** Keeps the error as {@link #lastError()}, gives it to the error listener, or logs it at {@code DEBUG}. */
    @Override
    public Mono<Void> onError(Throwable error) {
        return Mono.fromRunnable(() -> {
            lastError = error;
            if (errorListener != null) {
                errorListener.accept(error);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "user interface told of an error: " + error);
            }
        });
    }

    /** The last error told to {@link #onError}, if any. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * The text of {@code key} in this interface's locale: added or given to the builder, else
     * built in (English when the locale has none), else {@code fallback}.
     */
    @Override
    public String translate(String key, String fallback) {
        return texts.translate(key, fallback);
    }

    /**
     * The text of {@code key} (as {@link #translate(String, String)}), with each {@code {{name}}}
     * replaced by {@code params.get(name)}.
     */
    @Override
    public String translate(String key, String fallback, Map<String, ?> params) {
        return texts.translate(key, fallback, params);
    }

    /**
     * Adds or replaces texts while in use, by locale ({@link Locale#ROOT}: every locale); they
     * come before the built-in ones and those given to the builder for the same locale.
     */
    @Override
    public void addTranslations(Map<Locale, Map<String, String>> translations) {
        texts.add(translations);
    }

    /** The language of this interface's texts. */
    public Locale locale() {
        return texts.locale();
    }

    @Override
    public String toString() {
        return "HeadlessUserInterface[wallet=" + (walletPluginId != null ? walletPluginId : walletPluginIndex)
                + ", chain=" + chainId + ", permission=" + permissionLevel + ", login function="
                + (loginWhen != null) + ", prompt function=" + (promptWhen != null) + "]";
    }

    /** Builds a {@link HeadlessUserInterface}; not thread-safe. */
    public static final class Builder extends TextsBuilder<Builder> {
        private Integer walletPluginIndex;
        private String walletPluginId;
        private Checksum256 chainId;
        private PermissionLevel permissionLevel;
        private String accountCreationPluginId;
        private Function<LoginContext, Mono<LoginSelection>> loginWhen;
        private Function<CreateAccountContext, Mono<AccountCreationSelection>> accountCreateWhen;
        private Function<PromptArgs, Mono<JsonNode>> promptWhen;
        private Consumer<String> statusListener;
        private Consumer<Throwable> errorListener;

        private Builder() {
        }

        /** Chooses the wallet at {@code index} of the login's wallets (0-based). */
        public Builder walletPluginIndex(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("walletPluginIndex " + index + " is negative");
            }
            this.walletPluginIndex = index;
            return this;
        }

        /** Chooses the wallet with id {@code id}. */
        public Builder walletPlugin(String id) {
            this.walletPluginId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Chooses the chain {@code chainId} (for logins and account creations). */
        public Builder chain(Checksum256 chainId) {
            this.chainId = Objects.requireNonNull(chainId, "chainId");
            return this;
        }

        /** Chooses the account and permission. */
        public Builder permissionLevel(PermissionLevel level) {
            this.permissionLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Chooses the account and permission, {@code actor@permission}. */
        public Builder permissionLevel(String level) {
            return permissionLevel(PermissionLevel.from(Objects.requireNonNull(level, "level")));
        }

        /** Chooses the account creation plugin with id {@code id}. */
        public Builder accountCreationPlugin(String id) {
            this.accountCreationPluginId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Computes each login selection (I/O allowed); replaces the fixed values for logins. */
        public Builder loginWhen(Function<LoginContext, Mono<LoginSelection>> selection) {
            this.loginWhen = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /** Computes each account creation selection; replaces the fixed values for account creations. */
        public Builder accountCreateWhen(Function<CreateAccountContext, Mono<AccountCreationSelection>> selection) {
            this.accountCreateWhen = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * Answers prompts; an error of the returned {@code Mono} (a {@link CancelledException} to
         * decline) fails the operation that prompted.
         */
        public Builder promptWhen(Function<PromptArgs, Mono<JsonNode>> answer) {
            this.promptWhen = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /** Receives status lines (instead of the logger); called on the caller's thread, must not block. */
        public Builder status(Consumer<String> listener) {
            this.statusListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Receives the errors told to the interface (instead of the logger); must not block. */
        public Builder onError(Consumer<Throwable> listener) {
            this.errorListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The interface.
         *
         * @throws IllegalStateException when both a wallet index and a wallet id are set
         */
        public HeadlessUserInterface build() {
            if (walletPluginIndex != null && walletPluginId != null) {
                throw new IllegalStateException("set either walletPluginIndex(" + walletPluginIndex
                        + ") or walletPlugin(\"" + walletPluginId + "\"), not both");
            }
            return new HeadlessUserInterface(this);
        }
    }
}
