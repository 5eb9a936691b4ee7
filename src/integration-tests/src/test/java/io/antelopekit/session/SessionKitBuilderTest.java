package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.account.CreatorAccountCreationPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.session.SessionKitTestSupport.Calls;
import io.antelopekit.session.SessionKitTestSupport.RecordingWallet;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.storage.ReactiveSessionStorage;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SessionKit.Builder}: what {@code build()} refuses, and the defaults. */
@ExtendWith(BlockHoundSupport.class)
class SessionKitBuilderTest {

    static final ChainDefinition A = ChainDefinition.of(Checksum256.hash(new byte[] {'a'}), "http://127.0.0.1:1");
    static final ChainDefinition B = ChainDefinition.of(Checksum256.hash(new byte[] {'b'}), "http://127.0.0.1:2");
    static final UserInterface UI = new UserInterface() { };
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static WalletPlugin wallet() {
        return WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey());
    }

    @Test
    void missingRequiredSettingsAreAllNamed() {
        assertThatThrownBy(() -> SessionKit.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appName is missing")
                .hasMessageContaining("no chains")
                .hasMessageContaining("ui is missing")
                .hasMessageContaining("no wallet plugins");
        assertThatThrownBy(() -> SessionKit.builder().appName(" ").chains(A).ui(UI).walletPlugins(wallet()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("appName");
    }

    @Test
    void duplicateChainAndWalletIdsAreRefused() {
        ChainDefinition otherA = ChainDefinition.of(A.id(), "http://127.0.0.1:3");
        assertThatThrownBy(() -> SessionKit.builder().appName("app").chains(A, B, otherA).ui(UI)
                .walletPlugins(wallet(), wallet()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chain id " + A.id() + " is given twice (chains[0] and chains[2])")
                .hasMessageContaining("walletPlugins id '" + WalletPluginPrivateKey.ID + "' is given twice");
        assertThatThrownBy(() -> SessionKit.builder().appName("app").chains(A).ui(UI).walletPlugins(wallet())
                .accountCreationPlugins(CreatorAccountCreationPlugin.of(DevAccount.of("eosio").name(), DevAccount.of("eosio").privateKey()),
                        CreatorAccountCreationPlugin.of(DevAccount.of("alice").name(), DevAccount.of("alice").privateKey()))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accountCreationPlugins id 'creator' is given twice");
    }

    @Test
    void pluginsSupportingNoneOfTheChainsAreRefused() {
        WalletPlugin elsewhere = new RecordingWallet("elsewhere", new WalletPluginConfig(false, false, false,
                List.of(Checksum256.hash(new byte[] {'z'}))), new Calls(), DevAccount.of("alice").privateKey());
        assertThatThrownBy(() -> SessionKit.builder().appName("app").chains(A, B).ui(UI).walletPlugins(elsewhere)
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wallet plugin 'elsewhere' supports none of the kit's chains");
        assertThatThrownBy(() -> SessionKit.builder().appName("app").chains(A).ui(UI).walletPlugins(wallet())
                .accountCreationPlugins(CreatorAccountCreationPlugin.of(DevAccount.of("eosio").name(), DevAccount.of("eosio").privateKey()).forChains(B.id()))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account creation plugin 'creator' supports none of the kit's chains");
    }

    @Test
    void badValuesFailAtTheirSetter() {
        assertThatThrownBy(() -> SessionKit.builder().expireSeconds(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expireSeconds");
        assertThatThrownBy(() -> LoginOptions.builder().chains(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chains");
    }

    @Test
    void aValidKitHasTheGivenChainsOneClientEachAndAnInMemoryStore() {
        SessionKit kit = SessionKit.builder().appName("app").chains(A, B).ui(UI).walletPlugins(wallet()).build();
        try {
            assertThat(kit.appName()).isEqualTo("app");
            assertThat(kit.chains()).containsExactly(A, B);
            assertThat(kit.client(A.id())).isNotSameAs(kit.client(B.id()));
            assertThat(kit.client(A.id()).config().endpoints()).hasSize(1);
            assertThat(kit.storage()).isNotNull();
            assertThat(kit.toString()).contains("app").contains(WalletPluginPrivateKey.ID);
            assertThatThrownBy(() -> kit.chain(Checksum256.ZERO)).isInstanceOf(UnknownChainException.class);
        } finally {
            kit.dispose();
        }
        assertThat(kit.isDisposed()).isTrue();
        StepVerifier.create(kit.events()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aGivenClientIsSharedAndStaysOpenWhenTheKitIsDisposed() {
        io.antelopekit.api.ChainClient shared = io.antelopekit.api.ChainClient.create("http://127.0.0.1:1");
        try {
            SessionKit kit = SessionKit.builder().appName("app").chains(A, B).ui(UI).walletPlugins(wallet())
                    .client(A.id(), shared).build();
            io.antelopekit.api.ChainClient own = kit.client(B.id());
            assertThat(kit.client(A.id())).isSameAs(shared);
            kit.dispose();
            assertThat(shared.isDisposed()).isFalse();
            assertThat(own.isDisposed()).isTrue();
            assertThatThrownBy(() -> SessionKit.builder().appName("app").chains(A).ui(UI).walletPlugins(wallet())
                    .client(B.id(), shared).build())
                    .isInstanceOf(UnknownChainException.class).hasMessageContaining(B.id().toString());
            assertThat(shared.isDisposed()).isFalse();
        } finally {
            shared.dispose();
        }
    }

    @Test
    void aClientCustomizerThatThrowsFailsTheBuild() {
        assertThatThrownBy(() -> SessionKit.builder().appName("app").chains(A, B).ui(UI).walletPlugins(wallet())
                .clientCustomizer((chain, b) -> {
                    if (chain.id().equals(B.id())) {
                        throw new IllegalArgumentException("no client for " + chain.id());
                    }
                }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(B.id().toString());
    }

    @Test
    void restoredWalletsComeFromTheFactoryOfTheirIdElseFromTheKitsWallet() {
        String stored = "{\"chain\":\"" + A.id() + "\",\"actor\":\"alice\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"rec\",\"data\":{\"n\":1}},\"default\":true}";
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        storage.write(SessionKit.SESSION_KEY, stored).then(storage.write(SessionKit.SESSIONS_KEY, "[" + stored + "]"))
                .block(TIMEOUT);
        RecordingWallet registered = new RecordingWallet("rec", WalletPluginConfig.DEFAULT, new Calls(),
                DevAccount.of("alice").privateKey());
        List<JsonNode> seen = new ArrayList<>();
        WalletPluginFactory factory = new WalletPluginFactory() {
            @Override
            public String id() {
                return "rec";
            }

            @Override
            public WalletPlugin restore(JsonNode data) {
                seen.add(data);
                return new RecordingWallet("rec", WalletPluginConfig.DEFAULT, new Calls(),
                        DevAccount.of("alice").privateKey());
            }
        };
        SessionKit withFactory = SessionKit.builder().appName("app").chains(A).ui(UI).storage(storage)
                .walletPlugins(registered).walletPluginFactories(factory).build();
        SessionKit withoutFactory = SessionKit.builder().appName("app").chains(A).ui(UI).storage(storage)
                .walletPlugins(registered).build();
        SessionKit neither = SessionKit.builder().appName("app").chains(A).ui(UI).storage(storage)
                .walletPlugins(wallet()).serviceLoaderFactories(false).build();
        try {
            Session first = withFactory.restore().block(TIMEOUT);
            Session second = withFactory.restore().block(TIMEOUT);
            assertThat(first.walletPlugin()).isNotSameAs(registered).isNotSameAs(second.walletPlugin());
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0).get("n").asInt()).isEqualTo(1);
            assertThat(withoutFactory.restore().block(TIMEOUT).walletPlugin()).isSameAs(registered);
            StepVerifier.create(neither.restore())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownWalletException.class)
                            .hasMessageContaining("'rec'"))
                    .verify(TIMEOUT);
        } finally {
            withFactory.dispose();
            withoutFactory.dispose();
            neither.dispose();
        }
    }

    @Test
    void aPrivateKeyWalletStoredWithoutKeysIsTheKitsWalletAndWithKeysANewOne() {
        WalletPluginPrivateKey registered = WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey());
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = SessionKit.builder().appName("app").chains(A).ui(UI).storage(storage)
                .walletPlugins(registered).build();
        try {
            String noKey = "{\"chain\":\"" + A.id() + "\",\"actor\":\"alice\",\"permission\":\"active\","
                    + "\"walletPlugin\":{\"id\":\"" + WalletPluginPrivateKey.ID + "\",\"data\":{}},\"default\":true}";
            String withKey = "{\"chain\":\"" + A.id() + "\",\"actor\":\"bob\",\"permission\":\"active\","
                    + "\"walletPlugin\":{\"id\":\"" + WalletPluginPrivateKey.ID + "\",\"data\":{\"privateKey\":\""
                    + DevAccount.of("bob").privateKey().toSecretString() + "\"}},\"default\":false}";
            storage.write(SessionKit.SESSIONS_KEY, "[" + noKey + "," + withKey + "]").block(TIMEOUT);
            List<Session> all = kit.restoreAll().collectList().block(TIMEOUT);
            assertThat(all).hasSize(2);
            assertThat(all.get(0).walletPlugin()).isSameAs(registered);
            assertThat(all.get(1).walletPlugin()).isNotSameAs(registered);
            assertThat(((WalletPluginPrivateKey) all.get(1).walletPlugin()).publicKeys())
                    .containsExactly(DevAccount.of("bob").publicKey());
        } finally {
            kit.dispose();
        }
    }
}
