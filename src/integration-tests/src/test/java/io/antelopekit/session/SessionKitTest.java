package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.account.CreatorAccountCreationPlugin;
import io.antelopekit.devnet.Genesis;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.plugin.UserInterface.AccountCreationSelection;
import io.antelopekit.plugin.UserInterface.LoginSelection;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.session.SessionKitTestSupport.Calls;
import io.antelopekit.session.SessionKitTestSupport.RecordingUi;
import io.antelopekit.session.SessionKitTestSupport.RecordingWallet;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SessionKit} against two embedded devnets with different chain ids. */
@ExtendWith(BlockHoundSupport.class)
class SessionKitTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final WalletPluginConfig ANY = WalletPluginConfig.DEFAULT;

    static Devnet devnetA;
    static Devnet devnetB;
    static ChainDefinition chainA;
    static ChainDefinition chainB;
    static ChainClient clientA;

    Calls calls;
    RecordingUi ui;
    ReactiveSessionStorage storage;
    final List<SessionKit> kits = new ArrayList<>();

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(100)).irreversibleDistance(1));

    @BeforeAll
    static void start() {
        devnetA = DEVNET.devnet();
        Checksum256 otherId = Checksum256.hash("antelopekit session kit test chain B".getBytes());
        devnetB = Devnet.builder().genesis(Genesis.defaults().mutate().chainId(otherId).build())
                .blockInterval(Duration.ofMillis(100)).irreversibleDistance(1).start();
        chainA = new ChainDefinition(devnetA.chainId(), List.of(devnetA.url()), "Devnet A", null, "4,EOS");
        chainB = new ChainDefinition(devnetB.chainId(), List.of(devnetB.url()), "Devnet B", null, "4,EOS");
        clientA = ChainClient.create(devnetA.url());
    }

    @AfterAll
    static void stop() {
        clientA.dispose();
        devnetB.stop();
    }

    @BeforeEach
    void setUp() {
        calls = new Calls();
        ui = new RecordingUi(calls);
        storage = ReactiveSessionStorage.inMemory();
        ui.storage = storage;
    }

    @AfterEach
    void tearDown() {
        kits.forEach(SessionKit::dispose);
    }

    static PrivateKey key(String account) {
        return DevAccount.of(account).privateKey();
    }

    /** The private-key wallet holding the four dev accounts' keys. */
    static WalletPluginPrivateKey devWallet() {
        return WalletPluginPrivateKey.of(key("alice"), key("bob"), key("carol"), key("dave"));
    }

    SessionKit.Builder kit(WalletPlugin... wallets) {
        return SessionKit.builder().appName("kittest").chains(chainA, chainB).ui(ui).storage(storage)
                .walletPlugins(wallets);
    }

    SessionKit track(SessionKit kit) {
        kits.add(kit);
        return kit;
    }

    static LoginOptions on(ChainDefinition chain, String level) {
        return LoginOptions.builder().chain(chain).permissionLevel(level).build();
    }

    static <T> T await(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    String stored(String key) {
        return storage.read(key).block(TIMEOUT);
    }

    JsonNode storedJson(String key) throws Exception {
        String s = stored(key);
        return s == null ? null : JSON.readTree(s);
    }

    /** The stored list as "actor@permission default" per entry, in storage order, for one chain. */
    List<String> defaultsOn(ChainDefinition chain) throws Exception {
        List<String> out = new ArrayList<>();
        JsonNode list = storedJson(SessionKit.SESSIONS_KEY);
        if (list != null) {
            for (JsonNode s : list) {
                if (s.get("chain").asText().equals(chain.id().toString())) {
                    out.add(s.get("actor").asText() + "@" + s.get("permission").asText() + " "
                            + s.path("default").asBoolean(false));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ login

    @Test
    void loginRunsTheStepsInTheReferenceOrder() {
        RecordingWallet one = new RecordingWallet("one", ANY, calls, key("alice"));
        RecordingWallet two = new RecordingWallet("two", ANY, calls, key("bob"));
        SessionKit kit = track(kit(one, two).loginPlugins(SessionKitTestSupport.recordingLoginPlugin("p1", calls),
                SessionKitTestSupport.recordingLoginPlugin("p2", calls)).build());
        ui.select = ctx -> Mono.just(new LoginSelection(1, chainB.id(), PermissionLevel.from("bob@active")));

        LoginResult r = await(kit.login());

        assertThat(calls.snapshot()).containsExactly(
                "ui.onLogin",
                "ui.login",
                "beforeLogin:p1:bob@active",
                "beforeLogin:p2:bob@active",
                "wallet.login:two",
                "afterLogin:p1:bob@active",
                "afterLogin:p2:bob@active",
                "ui.onLoginComplete(stored)");
        // nothing was preselected: the UI was asked for everything
        LoginContext asked = ui.loginContexts.get(0);
        assertThat(asked.uiRequirements()).isEqualTo(new LoginContext.Requirements(true, true, true, false));
        assertThat(asked.walletPlugins()).containsExactly(one, two);
        assertThat(asked.chains()).extracting(ChainDefinition::id).containsExactly(chainA.id(), chainB.id());
        assertThat(r.session().walletPlugin()).isSameAs(two);
        assertThat(r.session().chain()).isEqualTo(chainB);
        assertThat(r.session().permissionLevel()).isEqualTo(PermissionLevel.from("bob@active"));
        assertThat(r.response().chainId()).isEqualTo(chainB.id());
        assertThat(r.context().chain()).isEqualTo(chainB);
        assertThat(r.context().walletPlugin()).isSameAs(two);
        assertThat(r.session().client()).isSameAs(kit.client(chainB.id()));
    }

    @Test
    void theOnlyWalletAndChainArePreselectedAndTheUiIsNotAsked() {
        SessionKit kit = track(SessionKit.builder().appName("kittest").chains(chainA).ui(ui).storage(storage)
                .walletPlugins(devWallet()).build());
        LoginResult r = await(kit.login(LoginOptions.builder().permissionLevel("alice@active").build()));
        assertThat(calls.snapshot()).containsExactly("ui.onLogin", "ui.onLoginComplete(stored)");
        assertThat(r.session().chain().id()).isEqualTo(chainA.id());
        assertThat(r.context().uiRequirements().any()).isFalse();
    }

    @Test
    void theUiIsAskedOnlyForWhatIsStillRequired() {
        // one wallet that needs a chain picked; two chains; permission given: only the chain is asked
        SessionKit kit = track(kit(devWallet()).build());
        ui.select = ctx -> Mono.just(new LoginSelection(null, chainB.id(), null));
        LoginResult r = await(kit.login(LoginOptions.builder().permissionLevel("carol@active").build()));
        LoginContext asked = ui.loginContexts.get(0);
        assertThat(asked.uiRequirements()).isEqualTo(new LoginContext.Requirements(false, true, false, false));
        assertThat(asked.walletPluginIndex()).isZero();
        assertThat(asked.permissionLevel()).isEqualTo(PermissionLevel.from("carol@active"));
        assertThat(r.session().chain().id()).isEqualTo(chainB.id());

        // two wallets, one named in the options: the wallet is not asked for
        RecordingWallet one = new RecordingWallet("one", ANY, calls, key("alice"));
        RecordingWallet two = new RecordingWallet("two", ANY, calls, key("bob"));
        SessionKit twoWallets = track(kit(one, two).build());
        calls.clear();
        LoginResult r2 = await(twoWallets.login(LoginOptions.builder().walletPlugin("two").chain(chainA)
                .permissionLevel("bob@active").build()));
        assertThat(calls.snapshot()).containsExactly("ui.onLogin", "wallet.login:two", "ui.onLoginComplete(stored)");
        assertThat(r2.session().walletPlugin()).isSameAs(two);
    }

    @Test
    void aWalletNeedingAPermissionPickGetsThePermissionsItsKeyAuthorizesOffered() {
        RecordingWallet picky = new RecordingWallet("picky", new WalletPluginConfig(false, true, false, List.of()),
                calls, key("dave"));
        SessionKit kit = track(kit(picky).build());
        ui.select = ctx -> Mono.just(new LoginSelection(null, null, ctx.permissionOptions().get(0)));
        LoginResult r = await(kit.login(LoginOptions.builder().chain(chainA).build()));
        LoginContext asked = ui.loginContexts.get(0);
        assertThat(asked.uiRequirements()).isEqualTo(new LoginContext.Requirements(false, false, true, false));
        assertThat(asked.permissionOptions()).contains(PermissionLevel.from("dave@active"), PermissionLevel.from("dave@owner"));
        assertThat(asked.permissionOptions()).allMatch(p -> p.actor().equals(Name.from("dave")));
        assertThat(r.session().actor()).isEqualTo(Name.from("dave"));
    }

    @Test
    void aChainTheWalletDoesNotSupportIsRefusedAndTheUiToldFirst() {
        RecordingWallet onlyB = new RecordingWallet("only-b", new WalletPluginConfig(false, false, false,
                List.of(chainB.id())), calls, key("alice"));
        SessionKit kit = track(kit(onlyB).build());
        StepVerifier.create(kit.login(on(chainA, "alice@active")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(SessionException.class)
                            .hasMessageContaining("only-b").hasMessageContaining(chainA.id().toString());
                    assertThat(calls.snapshot()).containsExactly("ui.onLogin", "ui.onError:SessionException");
                })
                .verify(TIMEOUT);
        assertThat(stored(SessionKit.SESSIONS_KEY)).isNull();
    }

    @Test
    void aCancelStaysACancelledExceptionAfterTheUisOnError() {
        SessionKit kit = track(kit(devWallet()).build());
        CancelledException cancel = new CancelledException("the user closed the login");
        ui.select = ctx -> Mono.error(cancel);
        StepVerifier.create(kit.login())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isSameAs(cancel);
                    assertThat(ui.errors).containsExactly(cancel);
                })
                .verify(TIMEOUT);
        assertThat(calls.snapshot()).containsExactly("ui.onLogin", "ui.login", "ui.onError:CancelledException");
    }

    @Test
    void unknownChainsAndWalletsInTheOptionsAreTypedErrors() {
        SessionKit kit = track(kit(devWallet()).build());
        Checksum256 nowhere = Checksum256.hash(new byte[] {1});
        StepVerifier.create(kit.login(LoginOptions.builder().chain(nowhere).permissionLevel("alice@active").build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownChainException.class)
                        .hasMessageContaining(nowhere.toString()))
                .verify(TIMEOUT);
        StepVerifier.create(kit.login(LoginOptions.builder().walletPlugin("anchor").build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownWalletException.class)
                        .hasMessageContaining("anchor").hasMessageContaining(WalletPluginPrivateKey.ID))
                .verify(TIMEOUT);
        assertThat(ui.errors).hasSize(2);
    }

    @Test
    void perLoginPluginsReplaceTheKitsAndTheWalletsErrorKeepsItsType() {
        RecordingWallet broken = new RecordingWallet("broken", ANY, calls, key("alice"));
        broken.answer = ctx -> Mono.error(new IllegalStateException("wallet is locked"));
        SessionKit kit = track(kit(broken).loginPlugins(SessionKitTestSupport.recordingLoginPlugin("kit", calls))
                .build());
        StepVerifier.create(kit.login(LoginOptions.builder().chain(chainA).permissionLevel("alice@active")
                        .loginPlugins(SessionKitTestSupport.recordingLoginPlugin("mine", calls)).build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessage("wallet is locked"))
                .verify(TIMEOUT);
        assertThat(calls.snapshot()).containsExactly("ui.onLogin", "beforeLogin:mine:alice@active",
                "wallet.login:broken", "ui.onError:IllegalStateException");
    }

    @Test
    void aLoggedInSessionTransfersTokensOnTheDevnetAndIsTimedInTheKitsRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SessionKit kit = track(kit(devWallet()).meterRegistry(registry).build());
        Session session = await(kit.login(on(chainA, "alice@active"))).session();
        long before = balance("bob");
        TransactResult r = await(session.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", "0.0042 EOS", "memo", "from the kit")))));
        assertThat(r.response()).isNotNull();
        assertThat(r.signer()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(balance("bob") - before).isEqualTo(42);
        Timer transact = registry.find("antelopekit.session.transact").tags("chain", chainA.id().toString(),
                "wallet", WalletPluginPrivateKey.ID, "outcome", "success").timer();
        assertThat(transact).isNotNull();
        assertThat(transact.count()).isEqualTo(1);
    }

    static long balance(String account) {
        return clientA.getCurrencyBalance(Name.from("eosio.token"), Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0).units()).block(TIMEOUT);
    }

    // ------------------------------------------------------------------ storage and defaults

    @Test
    void storageHasTheReferencesLayoutWithOneDefaultPerChain() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        await(kit.login(on(chainA, "bob@active")));
        await(kit.login(on(chainB, "dave@active")));
        await(kit.login(on(chainA, "alice@active")));

        JsonNode current = storedJson(SessionKit.SESSION_KEY);
        assertThat(current.get("chain").asText()).isEqualTo(chainA.id().toString());
        assertThat(current.get("actor").asText()).isEqualTo("alice");
        assertThat(current.get("permission").asText()).isEqualTo("active");
        assertThat(current.get("walletPlugin").get("id").asText()).isEqualTo(WalletPluginPrivateKey.ID);
        assertThat(current.get("default").asBoolean()).isTrue();

        JsonNode list = storedJson(SessionKit.SESSIONS_KEY);
        assertThat(list.isArray()).isTrue();
        List<String> order = new ArrayList<>();
        list.forEach(s -> order.add(s.get("chain").asText() + "/" + s.get("actor").asText()));
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertThat(order).isEqualTo(sorted).hasSize(3);
        assertThat(defaultsOn(chainA)).containsExactly("alice@active true", "bob@active false");
        assertThat(defaultsOn(chainB)).containsExactly("dave@active true");
        // the private key wallet stores no key unless asked to
        assertThat(list.get(0).get("walletPlugin").get("data").toString()).isEqualTo("{}");
    }

    @Test
    void loggingInAgainReplacesTheStoredSession() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        await(kit.login(on(chainA, "alice@active")));
        await(kit.login(on(chainA, "bob@active")));
        await(kit.login(on(chainA, "alice@active")));
        assertThat(defaultsOn(chainA)).containsExactly("alice@active true", "bob@active false");
        StepVerifier.create(kit.getSessions().count()).expectNext(2L).expectComplete().verify(TIMEOUT);
    }

    @Test
    void setAsDefaultFalseLeavesTheDefaultsAsTheyWere() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        await(kit.login(on(chainA, "alice@active")));
        String current = stored(SessionKit.SESSION_KEY);
        await(kit.login(LoginOptions.builder().chain(chainA).permissionLevel("bob@active").setAsDefault(false).build()));
        assertThat(defaultsOn(chainA)).containsExactly("alice@active true", "bob@active false");
        assertThat(stored(SessionKit.SESSION_KEY)).isEqualTo(current);
        // a default logged in again without becoming the default stays the default
        await(kit.login(LoginOptions.builder().chain(chainA).permissionLevel("alice@active").setAsDefault(false).build()));
        assertThat(defaultsOn(chainA)).containsExactly("alice@active true", "bob@active false");
        assertThat(await(kit.restore()).actor()).isEqualTo(Name.from("alice"));
    }

    @Test
    void twoChainsKeepOneDefaultEach() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        await(kit.login(on(chainA, "alice@active")));
        await(kit.login(on(chainB, "bob@active")));
        await(kit.login(on(chainA, "carol@active")));
        await(kit.login(on(chainB, "dave@active")));
        assertThat(defaultsOn(chainA)).containsExactly("alice@active false", "carol@active true");
        assertThat(defaultsOn(chainB)).containsExactly("bob@active false", "dave@active true");
        assertThat(await(kit.restore(RestoreArgs.of(chainA.id()))).actor()).isEqualTo(Name.from("carol"));
        assertThat(await(kit.restore(RestoreArgs.of(chainB.id()))).actor()).isEqualTo(Name.from("dave"));
        Session current = await(kit.restore());
        assertThat(current.chain().id()).isEqualTo(chainB.id());
        assertThat(current.actor()).isEqualTo(Name.from("dave"));
    }

    @Test
    void fiftyConcurrentLoginsAreAllStored() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            names.add("user" + (char) ('a' + i / 26) + (char) ('a' + i % 26));
        }
        StepVerifier.create(Flux.fromIterable(names)
                        .flatMap(n -> kit.login(on(chainA, n + "@active")), 50)
                        .count())
                .expectNext(50L)
                .expectComplete().verify(TIMEOUT);
        List<SerializedSession> sessions = kit.getSessions().collectList().block(TIMEOUT);
        assertThat(sessions).extracting(SerializedSession::actor).containsExactlyInAnyOrderElementsOf(names);
        assertThat(sessions).filteredOn(s -> Boolean.TRUE.equals(s.isDefault())).hasSize(1);
    }

    // ------------------------------------------------------------------ restore

    @Test
    void restoringByActorAndPermissionLeavesTheDefaultsAsTheyWere() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        await(kit.login(on(chainA, "alice@active")));
        await(kit.login(on(chainA, "bob@active")));
        String list = stored(SessionKit.SESSIONS_KEY);
        String current = stored(SessionKit.SESSION_KEY);

        Session alice = await(kit.restore(RestoreArgs.of(chainA.id()).withActor("alice").withPermission("active")));
        assertThat(alice.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(alice.chain().id()).isEqualTo(chainA.id());
        assertThat(alice.client()).isSameAs(kit.client(chainA.id()));
        assertThat(stored(SessionKit.SESSIONS_KEY)).isEqualTo(list);
        assertThat(stored(SessionKit.SESSION_KEY)).isEqualTo(current);

        // an actor alone matches too; nothing matching is empty
        assertThat(await(kit.restore(RestoreArgs.of(chainA.id()).withActor("bob"))).actor()).isEqualTo(Name.from("bob"));
        StepVerifier.create(kit.restore(RestoreArgs.of(chainA.id()).withActor("carol"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(kit.restore(RestoreArgs.of(chainB.id()))).expectComplete().verify(TIMEOUT);

        // asked to, a restore switches the default
        await(kit.restore(RestoreArgs.of(chainA.id()).withActor("alice").withSetAsDefault(true)));
        assertThat(defaultsOn(chainA)).containsExactly("alice@active true", "bob@active false");
        assertThat(storedJson(SessionKit.SESSION_KEY).get("actor").asText()).isEqualTo("alice");
    }

    @Test
    void restoreAllRestoresEverySessionAndLeavesTheDefaultsAsTheyWere() throws Exception {
        SessionKit kit = track(kit(devWallet()).build());
        await(kit.login(on(chainA, "alice@active")));
        await(kit.login(on(chainA, "bob@active")));
        await(kit.login(on(chainB, "carol@active")));
        await(kit.login(LoginOptions.builder().chain(chainA).permissionLevel("dave@active").setAsDefault(false).build()));
        String list = stored(SessionKit.SESSIONS_KEY);
        String current = stored(SessionKit.SESSION_KEY);

        List<Session> all = kit.restoreAll().collectList().block(TIMEOUT);
        assertThat(all).extracting(s -> s.actor().toString() + "@" + s.chain().name())
                .containsExactlyInAnyOrder("alice@Devnet A", "bob@Devnet A", "dave@Devnet A", "carol@Devnet B");
        assertThat(stored(SessionKit.SESSIONS_KEY)).isEqualTo(list);
        assertThat(stored(SessionKit.SESSION_KEY)).isEqualTo(current);
        assertThat(defaultsOn(chainA)).containsExactly("alice@active false", "bob@active true", "dave@active false");
    }

    @Test
    void nothingStoredRestoresNothing() {
        SessionKit kit = track(kit(devWallet()).build());
        StepVerifier.create(kit.restore()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(kit.restore(RestoreArgs.of(chainA.id()))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(kit.restoreAll()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(kit.getSessions()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void sessionsPersistAcrossANewKitOnTheSameStorage() {
        SessionKit first = track(kit(devWallet()).build());
        await(first.login(on(chainA, "alice@active")));
        await(first.login(on(chainB, "bob@active")));
        first.dispose();

        SessionKit second = track(kit(devWallet()).build());
        Session restored = await(second.restore());
        assertThat(restored.permissionLevel()).isEqualTo(PermissionLevel.from("bob@active"));
        assertThat(restored.chain().id()).isEqualTo(chainB.id());
        assertThat(restored.client()).isSameAs(second.client(chainB.id()));
        assertThat(second.getSessions().map(s -> s.actor() + "@" + s.chain()).collectList().block(TIMEOUT))
                .containsExactlyInAnyOrder("alice@" + chainA.id(), "bob@" + chainB.id());
        // the restored session signs and lands
        Session alice = await(second.restore(RestoreArgs.of(chainA.id())));
        StepVerifier.create(alice.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                        Map.of("from", "............1", "to", "carol", "quantity", "0.0001 EOS", "memo", "")))))
                .assertNext(r -> assertThat(r.response()).isNotNull())
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void sessionsStoredByWharfKitAreReadBack() {
        // written as @wharfkit/session 1.x writes them (keys serialized by WalletPluginPrivateKey)
        String alicePvt = key("alice").toSecretString();
        String bobPvt = key("bob").toSecretString();
        String a = chainA.id().toString();
        String b = chainB.id().toString();
        String session = "{\"chain\":\"" + a + "\",\"actor\":\"alice\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"wallet-plugin-privatekey\",\"data\":{\"privateKey\":\"" + alicePvt + "\"}},"
                + "\"default\":true}";
        String sessions = "[{\"chain\":\"" + a + "\",\"actor\":\"alice\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"wallet-plugin-privatekey\",\"data\":{\"privateKey\":\"" + alicePvt + "\"}},"
                + "\"default\":true},"
                + "{\"chain\":\"" + a + "\",\"actor\":\"bob\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"wallet-plugin-privatekey\",\"data\":{\"privateKey\":\"" + bobPvt + "\"}},"
                + "\"data\":{\"theme\":\"dark\"},\"default\":false},"
                + "{\"chain\":\"" + b + "\",\"actor\":\"carol\",\"permission\":\"owner\","
                + "\"walletPlugin\":{\"id\":\"anchor\",\"data\":{\"channelUrl\":\"https://cb.anchor.link/x\"}},"
                + "\"default\":true}]";
        await(storage.write(SessionKit.SESSION_KEY, session));
        await(storage.write(SessionKit.SESSIONS_KEY, sessions));
        // the kit's own wallet holds dave's key only: the stored keys must come from the stored data
        WalletPluginPrivateKey registered = WalletPluginPrivateKey.of(key("dave"));
        SessionKit kit = track(kit(registered).build());

        Session alice = await(kit.restore());
        assertThat(alice.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(alice.walletPlugin()).isNotSameAs(registered);
        assertThat(((WalletPluginPrivateKey) alice.walletPlugin()).publicKeys()).containsExactly(DevAccount.of("alice").publicKey());
        Session bob = await(kit.restore(RestoreArgs.of(chainA.id()).withActor("bob").withPermission("active")));
        assertThat(bob.data().get("theme").asText()).isEqualTo("dark");
        assertThat(bob.walletPlugin()).isNotSameAs(alice.walletPlugin());
        StepVerifier.create(bob.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                        Map.of("from", "............1", "to", "alice", "quantity", "0.0001 EOS", "memo", "wharf")))))
                .assertNext(r -> assertThat(r.response()).isNotNull())
                .expectComplete().verify(TIMEOUT);
        // the anchor session is not this kit's: not listed, not restored by restoreAll, and an explicit
        // restore names the unknown wallet
        assertThat(kit.getSessions().map(SerializedSession::actor).collectList().block(TIMEOUT))
                .containsExactly("alice", "bob");
        assertThat(kit.restoreAll().count().block(TIMEOUT)).isEqualTo(2);
        StepVerifier.create(kit.restore(RestoreArgs.of(chainB.id())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownWalletException.class)
                        .hasMessageContaining("anchor"))
                .verify(TIMEOUT);
    }

    @Test
    void aStoredSessionOnAChainTheKitDoesNotHaveIsATypedError() {
        SessionKit onlyA = track(SessionKit.builder().appName("kittest").chains(chainA).ui(ui).storage(storage)
                .walletPlugins(devWallet()).build());
        SessionKit both = track(kit(devWallet()).build());
        await(both.login(on(chainB, "bob@active")));
        StepVerifier.create(onlyA.restore())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownChainException.class)
                        .hasMessageContaining(chainB.id().toString()))
                .verify(TIMEOUT);
        StepVerifier.create(onlyA.restore(RestoreArgs.of(chainB.id())))
                .expectError(UnknownChainException.class)
                .verify(TIMEOUT);
    }

    @Test
    void aCorruptSessionListIsAClearError() {
        SessionKit kit = track(kit(devWallet()).build());
        await(storage.write(SessionKit.SESSIONS_KEY, "{\"not\":\"a list\"}"));
        StepVerifier.create(kit.getSessions())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("sessions").hasMessageContaining("array"))
                .verify(TIMEOUT);
        await(storage.write(SessionKit.SESSIONS_KEY, "[{\"chain\":\"" + chainA.id() + "\",\"actor\":\"alice\"}]"));
        StepVerifier.create(kit.login(on(chainA, "alice@active")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("sessions[0].permission"))
                .verify(TIMEOUT);
        // the failed login did not overwrite what was stored
        assertThat(stored(SessionKit.SESSIONS_KEY)).contains("alice").doesNotContain("permission");
    }

    // ------------------------------------------------------------------ logout

    @Test
    void loggingOutASessionThatIsNotTheCurrentOneLeavesTheOthersAlone() throws Exception {
        RecordingWallet wallet = new RecordingWallet("rec", ANY, calls, key("alice"), key("bob"), key("carol"));
        SessionKit kit = track(kit(wallet).build());
        Session alice = await(kit.login(on(chainA, "alice@active"))).session();
        await(kit.login(on(chainB, "carol@active")));
        await(kit.login(on(chainA, "bob@active")));
        String current = stored(SessionKit.SESSION_KEY);
        calls.clear();

        await(kit.logout(alice));
        assertThat(calls.snapshot()).containsExactly("wallet.logout:rec:alice@active");
        assertThat(stored(SessionKit.SESSION_KEY)).isEqualTo(current);
        assertThat(defaultsOn(chainA)).containsExactly("bob@active true");
        assertThat(defaultsOn(chainB)).containsExactly("carol@active true");

        // logging out the current one removes the current entry, and leaves the other chain's default
        SerializedSession bob = kit.getSessions().filter(s -> s.actor().equals("bob")).blockFirst(TIMEOUT);
        await(kit.logout(bob));
        assertThat(stored(SessionKit.SESSION_KEY)).isNull();
        assertThat(defaultsOn(chainA)).isEmpty();
        assertThat(defaultsOn(chainB)).containsExactly("carol@active true");
    }

    @Test
    void logoutOfAllKeepsSessionsOfWalletsThisKitDoesNotHave() throws Exception {
        RecordingWallet wallet = new RecordingWallet("rec", ANY, calls, key("alice"), key("bob"));
        String anchor = "{\"chain\":\"" + chainB.id() + "\",\"actor\":\"dave\",\"permission\":\"active\","
                + "\"walletPlugin\":{\"id\":\"anchor\",\"data\":{}},\"default\":true}";
        await(storage.write(SessionKit.SESSIONS_KEY, "[" + anchor + "]"));
        SessionKit kit = track(kit(wallet).build());
        await(kit.login(on(chainA, "alice@active")));
        await(kit.login(on(chainA, "bob@active")));
        calls.clear();

        // the wallet's logouts take 50 ms each: logout completes only after them
        StepVerifier.create(kit.logout()).expectComplete().verify(TIMEOUT);
        assertThat(calls.snapshot()).containsExactlyInAnyOrder("wallet.logout:rec:alice@active",
                "wallet.logout:rec:bob@active");
        assertThat(stored(SessionKit.SESSION_KEY)).isNull();
        JsonNode left = storedJson(SessionKit.SESSIONS_KEY);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("walletPlugin").get("id").asText()).isEqualTo("anchor");
        assertThat(left.get(0).get("default").asBoolean()).isTrue();
        StepVerifier.create(kit.getSessions()).expectComplete().verify(TIMEOUT);
    }

    // ------------------------------------------------------------------ account creation

    @Test
    void aCreatorThatBuysRamAndStakesSendsThoseActionsInTheOneTransaction() {
        assertThatThrownBy(() -> CreatorAccountCreationPlugin.of(Name.from("eosio"), DevAccount.of("eosio").privateKey())
                .withRamBytes(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        CreatorAccountCreationPlugin plugin = CreatorAccountCreationPlugin.of(DevAccount.of("eosio").name(),
                DevAccount.of("eosio").privateKey()).withRamBytes(8192)
                .withStake(Asset.from("1.0000 EOS"), Asset.from("2.0000 EOS")).forChains(chainA.id());
        assertThat(plugin.toString()).contains("ramBytes=8192", "net=1.0000 EOS", "cpu=2.0000 EOS")
                .doesNotContain(DevAccount.of("eosio").privateKey().toSecretString());
        SessionKit kit = track(kit(devWallet()).accountCreationPlugins(plugin).build());
        // the devnet's system contract has no RAM market: the transaction that carries buyrambytes
        // fails as a whole, and no account is made
        StepVerifier.create(kit.createAccount(CreateAccountOptions.DEFAULT.withAccountName("kitnewuser3")))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("buyrambytes"))
                .verify(Duration.ofSeconds(30));
        StepVerifier.create(clientA.getAccount(Name.from("kitnewuser3")))
                .expectError()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void createAccountMakesAnAccountOnTheDevnet() {
        SessionKit kit = track(kit(devWallet())
                .accountCreationPlugins(CreatorAccountCreationPlugin.of(DevAccount.of("eosio").name(), DevAccount.of("eosio").privateKey()).forChains(chainA.id()))
                .build());
        CreateAccountResponse made = await(kit.createAccount(CreateAccountOptions.DEFAULT.withAccountName("kitnewuser1")));
        assertThat(made.accountName()).isEqualTo(Name.from("kitnewuser1"));
        assertThat(made.chain().id()).isEqualTo(chainA.id());
        assertThat(made.privateKey()).isNotNull();
        assertThat(made.privateKey().toPublic()).isEqualTo(made.publicKey());
        assertThat(made.toString()).doesNotContain(made.privateKey().toSecretString());
        StepVerifier.create(clientA.getAccount(Name.from("kitnewuser1")))
                .assertNext(a -> assertThat(a.permission(Name.from("active")).orElseThrow().requiredAuth().keys())
                        .extracting(k -> k.key()).containsExactly(made.publicKey()))
                .expectComplete().verify(TIMEOUT);
        assertThat(calls.snapshot()).containsExactly("ui.onAccountCreateComplete");

        // the new account logs in and transacts with its key
        SessionKit itsKit = track(SessionKit.builder().appName("kittest").chains(chainA).ui(ui)
                .walletPlugins(WalletPluginPrivateKey.of(made.privateKey())).build());
        Session session = await(itsKit.login(LoginOptions.builder().permissionLevel("kitnewuser1@active").build()))
                .session();
        StepVerifier.create(session.transact(TransactArgs.of(ActionRequest.of("eosio", "newaccount",
                        List.of(ActionRequest.PLACEHOLDER_SIGNER), Map.of("creator", "kitnewuser1", "name", "kitnewuser2",
                                "owner", authority(made.publicKey().toString()),
                                "active", authority(made.publicKey().toString()))))))
                .assertNext(r -> assertThat(r.response()).isNotNull())
                .expectComplete().verify(TIMEOUT);
    }

    static Map<String, Object> authority(String key) {
        return Map.of("threshold", 1, "keys", List.of(Map.of("key", key, "weight", 1)), "accounts", List.of(),
                "waits", List.of());
    }

    @Test
    void createAccountAsksTheUiForTheChainWhenThePluginNeedsOneAndTakesAGivenKey() {
        SessionKit kit = track(kit(devWallet())
                .accountCreationPlugins(CreatorAccountCreationPlugin.of(DevAccount.of("alice").name(), DevAccount.of("alice").privateKey()))
                .build());
        ui.accountSelect = ctx -> {
            assertThat(ctx.requiresChainSelect()).isTrue();
            assertThat(ctx.requiresPluginSelect()).isFalse();
            return Mono.just(new AccountCreationSelection(null, chainB.id()));
        };
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        CreateAccountResponse made = await(kit.createAccount(CreateAccountOptions.DEFAULT.withPublicKey(key.toPublic())));
        assertThat(made.chain().id()).isEqualTo(chainB.id());
        assertThat(made.privateKey()).isNull();
        assertThat(made.publicKey()).isEqualTo(key.toPublic());
        assertThat(made.accountName().toString()).hasSize(12);
        assertThat(calls.snapshot()).containsExactly("ui.onAccountCreate", "ui.onAccountCreateComplete");
        StepVerifier.create(kit.client(chainB.id()).getAccount(made.accountName()))
                .assertNext(a -> assertThat(a.accountName()).isEqualTo(made.accountName()))
                .expectComplete().verify(TIMEOUT);
        // the name is now taken: the node's error reaches the caller after the UI's onError
        calls.clear();
        ui.accountSelect = ctx -> Mono.just(new AccountCreationSelection(null, chainB.id()));
        StepVerifier.create(kit.createAccount(CreateAccountOptions.DEFAULT.withAccountName(made.accountName().toString())
                        .withPublicKey(key.toPublic())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(io.antelopekit.api.ChainApiException.class))
                .verify(TIMEOUT);
        assertThat(calls.snapshot()).containsExactly("ui.onAccountCreate", "ui.onError:ChainApiException");
    }

    @Test
    void createAccountWithoutPluginsOrWithAnUnknownPluginIsAnError() {
        SessionKit none = track(kit(devWallet()).build());
        StepVerifier.create(none.createAccount(CreateAccountOptions.DEFAULT))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("no account creation plugins"))
                .verify(TIMEOUT);
        SessionKit kit = track(kit(devWallet()).accountCreationPlugins(CreatorAccountCreationPlugin.of(DevAccount.of("alice").name(), DevAccount.of("alice").privateKey()))
                .build());
        StepVerifier.create(kit.createAccount(CreateAccountOptions.DEFAULT.withPluginId("faucet")))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("faucet").hasMessageContaining("creator"))
                .verify(TIMEOUT);
    }

    // ------------------------------------------------------------------ events, metrics, endpoints, cold

    @Test
    void eventsTellLoginsDefaultChangesRestoresAndLogouts() {
        SessionKit kit = track(kit(devWallet()).build());
        List<String> seen = new CopyOnWriteArrayList<>();
        Consumer<SessionEvent> record = e -> seen.add(e.type() + ":" + (e.session() == null ? "-" : e.session().actor())
                + (e.chain().equals(chainA.id()) ? "@A" : "@B"));
        var subscription = kit.events().subscribe(record);
        try {
            await(kit.login(on(chainA, "alice@active")));
            await(kit.login(LoginOptions.builder().chain(chainA).permissionLevel("bob@active").setAsDefault(false).build()));
            await(kit.login(on(chainB, "carol@active")));
            await(kit.restore(RestoreArgs.of(chainA.id()).withActor("bob")));
            await(kit.restore(RestoreArgs.of(chainA.id()).withActor("bob").withSetAsDefault(true)));
            await(kit.logout(kit.getSessions().filter(s -> s.actor().equals("bob")).blockFirst(TIMEOUT)));
        } finally {
            subscription.dispose();
        }
        assertThat(seen).containsExactly(
                "LOGIN:alice@A", "DEFAULT_CHANGED:alice@A",
                "LOGIN:bob@A",
                "LOGIN:carol@B", "DEFAULT_CHANGED:carol@B",
                "RESTORE:bob@A",
                "RESTORE:bob@A", "DEFAULT_CHANGED:bob@A",
                "LOGOUT:bob@A", "DEFAULT_CHANGED:-@A");
        // a subscriber that throws never fails an operation
        kit.events().subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        }, e -> { });
        assertThat(await(kit.login(on(chainA, "dave@active"))).session().actor()).isEqualTo(Name.from("dave"));
    }

    @Test
    void loginsAreTimedByChainWalletAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SessionKit kit = track(kit(devWallet()).meterRegistry(registry).build());
        await(kit.login(on(chainA, "alice@active")));
        ui.select = ctx -> Mono.error(new CancelledException("no"));
        StepVerifier.create(kit.login(LoginOptions.builder().permissionLevel("bob@active").build()))
                .expectError(CancelledException.class).verify(TIMEOUT);
        StepVerifier.create(kit.login(on(chainB, "bob@active").mutate().walletPlugin("nope").build()))
                .expectError(UnknownWalletException.class).verify(TIMEOUT);

        Timer ok = registry.find("antelopekit.session.login").tags("chain", chainA.id().toString(),
                "wallet", WalletPluginPrivateKey.ID, "outcome", "success").timer();
        assertThat(ok).isNotNull();
        assertThat(ok.count()).isEqualTo(1);
        assertThat(registry.find("antelopekit.session.login").tags("chain", "none", "wallet", WalletPluginPrivateKey.ID,
                "outcome", "cancelled").timer().count()).isEqualTo(1);
        assertThat(registry.find("antelopekit.session.login").tags("outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.find("antelopekit.session.login").timers()).allSatisfy(t ->
                assertThat(t.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
                        .containsExactlyInAnyOrder("chain", "wallet", "outcome"));
    }

    @Test
    void theKitKeepsOneClientPerChainForItsLifeAndNeverChangesItsSessions() {
        SessionKit kit = track(kit(devWallet()).clientCustomizer((chain, b) -> b.responseTimeout(Duration.ofSeconds(20)))
                .build());
        ChainClient ofA = kit.client(chainA.id());
        Session alice = await(kit.login(on(chainA, "alice@active"))).session();
        Session onB = await(kit.login(on(chainB, "alice@active"))).session();
        Session bob = await(kit.restore(RestoreArgs.of(chainA.id()).withActor("alice").withPermission("active")));
        assertThat(alice.client()).isSameAs(ofA).isSameAs(bob.client());
        assertThat(onB.client()).isSameAs(kit.client(chainB.id())).isNotSameAs(ofA);
        assertThat(ofA.config().responseTimeout()).isEqualTo(Duration.ofSeconds(20));

        // a session moved to another client (the same node written differently) is a new session;
        // the kit and its other sessions keep the kit's client
        ChainClient other = ofA.mutate().clearEndpoints().endpoint(devnetA.url() + "/").build();
        try {
            Session moved = alice.withEndpoint(other);
            assertThat(moved.client()).isSameAs(other);
            assertThat(alice.client()).isSameAs(ofA);
            assertThat(kit.client(chainA.id())).isSameAs(ofA);
            assertThat(other.config().responseTimeout()).isEqualTo(Duration.ofSeconds(20));
            StepVerifier.create(moved.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                            Map.of("from", "............1", "to", "bob", "quantity", "0.0001 EOS", "memo", "moved")))))
                    .assertNext(r -> assertThat(r.response()).isNotNull())
                    .expectComplete().verify(TIMEOUT);
            Session later = await(kit.login(on(chainA, "bob@active"))).session();
            assertThat(later.client()).isSameAs(ofA);
            // disposing the kit closes its clients, never one the application made
            kit.dispose();
            assertThat(ofA.isDisposed()).isTrue();
            assertThat(onB.client().isDisposed()).isTrue();
            assertThat(other.isDisposed()).isFalse();
        } finally {
            other.dispose();
        }
    }

    @Test
    void nothingHappensBeforeSubscription() {
        SessionKit kit = track(kit(devWallet())
                .accountCreationPlugins(CreatorAccountCreationPlugin.of(DevAccount.of("eosio").name(), DevAccount.of("eosio").privateKey())).build());
        await(kit.login(on(chainA, "alice@active")));
        String list = stored(SessionKit.SESSIONS_KEY);
        calls.clear();
        Session alice = await(kit.restore());

        kit.login(on(chainA, "bob@active"));
        kit.logout();
        kit.logout(alice);
        kit.restore(RestoreArgs.of(chainA.id()).withSetAsDefault(true));
        kit.restoreAll();
        kit.getSessions();
        kit.createAccount(CreateAccountOptions.DEFAULT.withChain(chainA.id()).withAccountName("coldaccount1"));

        assertThat(calls.snapshot()).isEmpty();
        assertThat(stored(SessionKit.SESSIONS_KEY)).isEqualTo(list);
        StepVerifier.create(clientA.getAccount(Name.from("coldaccount1")))
                .expectError(io.antelopekit.api.ChainApiException.class).verify(TIMEOUT);
    }
}
