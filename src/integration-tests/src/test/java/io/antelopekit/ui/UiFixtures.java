package io.antelopekit.ui;

import io.antelopekit.session.Contexts;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.TransactContext;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Chains, wallets and login contexts for the user interface tests. */
final class UiFixtures {

    static final ChainDefinition JUNGLE = new ChainDefinition(Checksum256.hash("jungle".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:1"), "Jungle", null, null);
    static final ChainDefinition KYLIN = new ChainDefinition(Checksum256.hash("kylin".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:2"), null, null, null);
    static final List<ChainDefinition> CHAINS = List.of(JUNGLE, KYLIN);

    static final WalletPlugin KEYS = wallet("wallet-plugin-keys", "Keys", new WalletPluginConfig(true, false, false, List.of()));
    static final WalletPlugin ENTRY = wallet("wallet-plugin-entry", "Entry",
            new WalletPluginConfig(true, false, true, List.of(KYLIN.id())));
    static final List<WalletPlugin> WALLETS = List.of(KEYS, ENTRY);

    private UiFixtures() {
    }

    static WalletPlugin wallet(String id, String name, WalletPluginConfig config) {
        return new WalletPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public WalletPluginConfig config() {
                return config;
            }

            @Override
            public WalletPluginMetadata metadata() {
                return new WalletPluginMetadata(name, "the " + name + " test wallet", null, null, null);
            }

            @Override
            public Mono<WalletPluginLoginResponse> login(LoginContext context) {
                return Mono.error(new UnsupportedOperationException("test wallet"));
            }

            @Override
            public Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context) {
                return Mono.error(new UnsupportedOperationException("test wallet"));
            }
        };
    }

    /** A login context as the kit makes it when it asks the user interface. */
    static LoginContext login(ChainDefinition chain, PermissionLevel permission, Integer walletIndex,
            LoginContext.Requirements needs, List<PermissionLevel> options) {
        return Contexts.login("test app", CHAINS, chain, permission, null, null).withWalletPlugins(WALLETS)
                .withWalletPluginIndex(walletIndex).withRequirements(needs).withPermissionOptions(options);
    }

    /** Everything still to choose: wallet, chain; permission entry. */
    static LoginContext loginNeedingAll() {
        return login(null, null, null, new LoginContext.Requirements(true, true, false, true), List.of());
    }

    static AccountCreationPlugin creator(String id, String name) {
        return new AccountCreationPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<CreateAccountResponse> create(CreateAccountContext context) {
                return Mono.error(new UnsupportedOperationException("test plugin"));
            }
        };
    }

    static CreateAccountContext accountCreation(boolean pluginSelect, boolean chainSelect) {
        return Contexts.createAccount("test app", CHAINS, List.of(creator("faucet", "Faucet"), creator("devnet", "Devnet")),
                null, pluginSelect, chainSelect);
    }
}
