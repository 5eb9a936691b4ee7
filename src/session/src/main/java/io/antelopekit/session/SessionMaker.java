package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link SessionKit}'s {@link Session}s with the kit's settings: its chain's shared
 * client and ABI cache, the pinned ABIs, expiry, {@code allowModify}, user interface, meters, and
 * the transact plugins and their options (the kit's, or a login's or restore's
 * {@link LoginOptions} where they give some).
 */
final class SessionMaker {

    private final KitChains chains;
    private final KitWallets wallets;
    private final UserInterface ui;
    private final int expireSeconds;
    private final boolean allowModify;
    /** A {@code MeterRegistry}, or null; typed {@code Object} since Micrometer is optional. */
    private final Object meterRegistry;
    private final Map<Name, Abi> abis;
    private final List<TransactPlugin> transactPlugins;
    private final Map<String, JsonNode> transactPluginsOptions;

    SessionMaker(KitChains chains, KitWallets wallets, UserInterface ui, int expireSeconds, boolean allowModify,
            Object meterRegistry, Map<Name, Abi> abis, List<TransactPlugin> transactPlugins,
            Map<String, JsonNode> transactPluginsOptions) {
        this.chains = Objects.requireNonNull(chains, "chains");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.ui = ui;
        this.expireSeconds = expireSeconds;
        this.allowModify = allowModify;
        this.meterRegistry = meterRegistry;
        this.abis = Map.copyOf(abis);
        this.transactPlugins = List.copyOf(transactPlugins);
        this.transactPluginsOptions = Map.copyOf(transactPluginsOptions);
    }

    /** The kit's options for transact plugins, by plugin id. */
    Map<String, JsonNode> transactPluginsOptions() {
        return transactPluginsOptions;
    }

    /**
     * A session on {@code chain} for {@code level}, signing with {@code wallet}.
     *
     * @param data application data, or null
     * @param options whose transact plugins and options replace the kit's where given, or null
     */
    Session make(KitChains.Chain chain, PermissionLevel level, WalletPlugin wallet, JsonNode data,
            LoginOptions options) {
        List<TransactPlugin> plugins = options != null && options.transactPlugins() != null
                ? options.transactPlugins() : transactPlugins;
        Map<String, JsonNode> pluginOptions = options != null && options.transactPluginsOptions() != null
                ? options.transactPluginsOptions() : transactPluginsOptions;
        Session.Builder b = Session.builder()
                .chain(chain.definition())
                .client(chain.client())
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
        b.abiCache(chain.abiCache());
        return b.build();
    }

    /**
     * The stored session {@code s}, its wallet rebuilt (see {@link KitWallets#rebuild}).
     *
     * @param options whose transact plugins and options replace the kit's where given, or null
     * @throws UnknownChainException if its chain is not one of the kit's
     * @throws UnknownWalletException if its wallet can be neither rebuilt nor found
     */
    Session fromStored(SerializedSession s, LoginOptions options) {
        StoredSessions.Key key = StoredSessions.Key.of(s);
        KitChains.Chain chain = chains.get(key.chain(),
                "stored session " + key.actor() + "@" + key.permission() + " is on chain");
        WalletPlugin wallet = wallets.rebuild(s.walletPlugin());
        return make(chain, new PermissionLevel(key.actor(), key.permission()), wallet, s.data(), options);
    }
}
