package io.antelopekit.spring;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.test.RedisProcess;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.ChainClientMeters;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.session.LoginOptions;
import io.antelopekit.session.LoginResult;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.StorageLayout;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.session.UnknownChainException;
import io.antelopekit.storage.FileSessionStorage;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.redis.RedisSessionStorage;
import io.antelopekit.storage.StorageException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AntelopeKitAutoConfiguration} in an {@link ApplicationContextRunner}: what the properties
 * make, against an embedded devnet; what the application's own beans replace; startup failures
 * and their messages; private keys kept out of every text.
 *
 * <p>The service key comes from an "environment variable": a test cannot set its process's
 * environment, so it defines the package-private {@link EnvironmentVariables} bean the
 * auto-configuration reads keys through (the process environment otherwise).
 */
@ExtendWith(BlockHoundSupport.class)
class AntelopeKitAutoConfigurationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String OTHER_CHAIN = "aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906";

    static Devnet devnet;
    static ChainClient reader;
    static String aliceKey;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AntelopeKitAutoConfiguration.class));

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        reader = ChainClient.create(devnet.url());
        aliceKey = DevAccount.of("alice").privateKey().toWif();
    }

    @AfterAll
    static void stop() {
        reader.dispose();
    }

    /** The properties of one chain, the devnet. */
    static String[] devnetChain() {
        return new String[] {
                "antelopekit.chains[0].id=" + devnet.chainId(),
                "antelopekit.chains[0].name=devnet",
                "antelopekit.chains[0].urls[0]=" + devnet.url(),
                "antelopekit.chains[0].system-token=4,EOS"};
    }

    /** A runner whose "environment" holds alice's key as SERVICE_KEY, with the devnet and that key configured. */
    ApplicationContextRunner serviceRunner() {
        return runner.withBean(EnvironmentVariables.class, () -> Map.of("SERVICE_KEY", aliceKey)::get)
                .withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.app-name=springtest",
                        "antelopekit.wallet.private-keys-env[0]=SERVICE_KEY");
    }

    static Session loginAlice(SessionKit kit) {
        return kit.login(LoginOptions.builder().walletPlugin(WalletPluginPrivateKey.ID)
                .permissionLevel("alice@active").build()).map(LoginResult::session).block(TIMEOUT);
    }

    static ActionRequest transfer(String memo) {
        return ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", memo));
    }

    static long bobsUnits() {
        return reader.getCurrencyBalance(Name.from("eosio.token"), Name.from("bob"), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0)).map(Asset::units).block(TIMEOUT);
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Our exception among the startup failure's causes (the root, unless it has a cause of its own). */
    static AntelopeKitConfigurationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof AntelopeKitConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no AntelopeKitConfigurationException among the causes of", context.getStartupFailure());
    }

    // ------------------------------------------------------------------ registration and defaults

    @Test
    void theAutoConfigurationIsRegisteredForSpringBoot() {
        List<String> candidates = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
        assertThat(candidates).contains(AntelopeKitAutoConfiguration.class.getName());
    }

    @Test
    void withoutPropertiesThereIsAMemoryStoreAndNoChainsWalletsOrKit() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AntelopeKitProperties.class);
            assertThat(context).hasSingleBean(ReactiveSessionStorage.class);
            ReactiveSessionStorage storage = context.getBean(ReactiveSessionStorage.class);
            assertThat(storage).isNotInstanceOf(FileSessionStorage.class);
            assertThat(storage.write("k", "v").then(storage.read("k")).block(TIMEOUT)).isEqualTo("v");
            assertThat(context).doesNotHaveBean(ChainClients.class);
            assertThat(context).doesNotHaveBean(WalletPlugin.class);
            assertThat(context).doesNotHaveBean(SessionKit.class);
            assertThat(context).doesNotHaveBean(CallbackReceiver.class);
            assertThat(context).doesNotHaveBean(IdentityProofVerifier.class);
            AntelopeKitProperties p = context.getBean(AntelopeKitProperties.class);
            assertThat(p.getExpireSeconds()).isEqualTo(SessionKit.DEFAULT_EXPIRE_SECONDS);
            assertThat(p.getShutdownTimeout()).isEqualTo(AntelopeKitProperties.DEFAULT_SHUTDOWN_TIMEOUT);
            assertThat(p.getStorage().getType()).isEqualTo("memory");
        });
    }

    @Test
    void chainsWithoutAWalletMakeClientsButNoKit() {
        runner.withPropertyValues(devnetChain()).run(context -> {
            assertThat(context).hasSingleBean(ChainClients.class);
            assertThat(context).doesNotHaveBean(SessionKit.class);
        });
    }

    // ------------------------------------------------------------------ chain clients

    @Test
    void eachChainHasAClientFoundByIdOrNameAndClosedAtShutdown() {
        List<ChainClients> seen = new ArrayList<>();
        runner.withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.chains[1].id=" + OTHER_CHAIN,
                        "antelopekit.chains[1].name=jungle4",
                        "antelopekit.chains[1].urls=http://127.0.0.1:9/one,http://127.0.0.1:9/two")
                .run(context -> {
                    ChainClients clients = context.getBean(ChainClients.class);
                    seen.add(clients);
                    assertThat(clients.chains()).extracting(ChainDefinition::name).containsExactly("devnet", "jungle4");
                    assertThat(clients.chains().get(0).systemToken().symbol()).isEqualTo(Symbol.from("4,EOS"));
                    assertThat(clients.chains().get(0).systemToken().contract()).hasToString("eosio.token");
                    assertThat(clients.chains().get(1).urls())
                            .containsExactly("http://127.0.0.1:9/one", "http://127.0.0.1:9/two");
                    ChainClient byId = clients.get(devnet.chainId());
                    assertThat(clients.get("devnet")).isSameAs(byId);
                    assertThat(clients.get(devnet.chainId().toString())).isSameAs(byId);
                    assertThat(clients.chain("jungle4").id()).isEqualTo(Checksum256.from(OTHER_CHAIN));
                    assertThat(byId.getInfo().block(TIMEOUT).chainId()).isEqualTo(devnet.chainId());
                    assertThatThrownBy(() -> clients.get("mainnet")).isInstanceOf(UnknownChainException.class)
                            .hasMessageContaining("'mainnet'").hasMessageContaining("jungle4");
                    assertThat(clients.find(Checksum256.hash(new byte[1]))).isEmpty();
                    assertThat(clients.isDisposed()).isFalse();
                });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).isDisposed()).isTrue();
        assertThat(seen.get(0).get("devnet").isDisposed()).isTrue();
    }

    @Test
    void clientsAndTheKitRecordTheirMetersInTheApplicationsRegistry() {
        serviceRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(ChainClients.class).get("devnet").getInfo().block(TIMEOUT);
            assertThat(registry.get(ChainClientMeters.REQUESTS.meterName())
                    .tags(ChainClientMeters.ENDPOINT, "get_info").timer().count()).isGreaterThanOrEqualTo(1);

            loginAlice(context.getBean(SessionKit.class));
            assertThat(registry.get("antelopekit.session.login").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void customizersAdjustEveryClientAndTheKit() {
        List<String> calls = new CopyOnWriteArrayList<>();
        serviceRunner()
                .withBean("first", ChainClientCustomizer.class,
                        () -> (chain, builder) -> calls.add("client " + chain.name()))
                .withBean(SessionKitCustomizer.class, () -> builder -> {
                    calls.add("kit");
                    builder.appName("customized");
                })
                .withPropertyValues("antelopekit.client.response-timeout=7s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // once, for ChainClients: the kit's sessions share its client
                    assertThat(calls).containsExactlyInAnyOrder("client devnet", "kit");
                    assertThat(context.getBean(ChainClients.class).get("devnet").config().responseTimeout())
                            .isEqualTo(Duration.ofSeconds(7));
                    SessionKit kit = context.getBean(SessionKit.class);
                    assertThat(kit.client(devnet.chainId())).isSameAs(context.getBean(ChainClients.class).get("devnet"));
                    assertThat(kit.client(devnet.chainId()).config().responseTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(kit.appName()).isEqualTo("customized");
                });
    }

    // ------------------------------------------------------------------ the kit, against the devnet

    @Test
    void aServiceKeyFromTheEnvironmentLogsInAndTransactsOnTheDevnet() {
        serviceRunner().run(context -> {
            assertThat(context).hasNotFailed();
            WalletPluginPrivateKey wallet = context.getBean(WalletPluginPrivateKey.class);
            assertThat(wallet.publicKeys()).containsExactly(DevAccount.of("alice").publicKey());

            SessionKit kit = context.getBean(SessionKit.class);
            assertThat(kit.appName()).isEqualTo("springtest");
            assertThat(kit.chains()).extracting(ChainDefinition::id).containsExactly(devnet.chainId());
            assertThat(kit.walletPlugins()).containsExactly(wallet);
            assertThat(kit.ui()).isInstanceOf(HeadlessUserInterface.class);
            assertThat(kit.storage()).isSameAs(context.getBean(ReactiveSessionStorage.class));
            // in memory, WharfKit's layout unless told otherwise
            assertThat(kit.storageLayout()).isEqualTo(StorageLayout.WHARFKIT);
            assertThat(kit.sessionTtl()).isEmpty();

            long before = bobsUnits();
            Session session = loginAlice(kit);
            assertThat(session.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
            TransactResult r = session.transact(TransactArgs.of(transfer("from spring"))).block(TIMEOUT);
            assertThat(r.response().transactionId()).isEqualTo(r.id());
            assertThat(r.signatures()).hasSize(1);
            assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(devnet.chainId())))
                    .isEqualTo(DevAccount.of("alice").publicKey());
            devnet.produceBlock().block(TIMEOUT);
            assertThat(bobsUnits() - before).isEqualTo(1);
            assertThat(reader.getTransactionStatus(r.id()).block(TIMEOUT)).isNotNull();
        });
    }

    @Test
    void sessionsAreStoredInTheConfiguredFile(@TempDir Path dir) {
        Path file = dir.resolve("nested").resolve("sessions.json");
        serviceRunner().withPropertyValues("antelopekit.storage.type=FILE",
                "antelopekit.storage.file.path=" + file).run(context -> {
                    assertThat(context).hasNotFailed();
                    ReactiveSessionStorage storage = context.getBean(ReactiveSessionStorage.class);
                    assertThat(storage).isInstanceOf(FileSessionStorage.class);
                    assertThat(((FileSessionStorage) storage).file()).isEqualTo(file.toAbsolutePath().normalize());
                    assertThat(file).doesNotExist();
                    loginAlice(context.getBean(SessionKit.class));
                    String json = Files.readString(file);
                    assertThat(json).contains("alice").contains(devnet.chainId().toString())
                            .doesNotContain(aliceKey);
                });
        // a new context restores the session from the same file
        serviceRunner().withPropertyValues("antelopekit.storage.type=file", "antelopekit.storage.file.path=" + file)
                .run(context -> {
                    Session restored = context.getBean(SessionKit.class).restore().block(TIMEOUT);
                    assertThat(restored).isNotNull();
                    assertThat(restored.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
                });
    }

    @Test
    void everyPluginBeanJoinsTheKit() {
        WalletPlugin other = new DelegatingWallet("other-wallet", WalletPluginPrivateKey.of(DevAccount.of("bob").privateKey()));
        List<String> hooks = new CopyOnWriteArrayList<>();
        LoginPlugin login = new LoginPlugin() {
            @Override
            public String id() {
                return "login-hook";
            }

            @Override
            public Mono<Void> afterLogin(LoginContext context) {
                return Mono.fromRunnable(() -> hooks.add("after login of " + context.permissionLevel()));
            }
        };
        TransactPlugin transact = new TransactPlugin() {
            @Override
            public String id() {
                return "transact-hook";
            }

            @Override
            public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
                return Mono.fromRunnable(() -> hooks.add("before sign"));
            }
        };
        UserInterface ui = HeadlessUserInterface.builder().permissionLevel("alice@active").build();
        serviceRunner()
                .withBean("otherWallet", WalletPlugin.class, () -> other)
                .withBean(LoginPlugin.class, () -> login)
                .withBean(TransactPlugin.class, () -> transact)
                .withBean(UserInterface.class, () -> ui)
                .run(context -> {
                    SessionKit kit = context.getBean(SessionKit.class);
                    assertThat(kit.walletPlugins()).extracting(WalletPlugin::id)
                            .containsExactlyInAnyOrder("other-wallet", WalletPluginPrivateKey.ID);
                    assertThat(kit.ui()).isSameAs(ui);
                    // the UI answers the permission: the login names only the wallet
                    LoginResult r = kit.login(LoginOptions.builder().walletPlugin(WalletPluginPrivateKey.ID).build())
                            .block(TIMEOUT);
                    assertThat(r.session().permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
                    r.session().transact(TransactArgs.of(transfer("hooks"))).block(TIMEOUT);
                    assertThat(hooks).containsExactly("after login of alice@active", "before sign");
                });
    }

    @Test
    void ordersOfWalletBeansAreKept() {
        serviceRunner()
                .withBean("late", OrderedWallet.class, () -> new OrderedWallet("late-wallet"))
                .run(context -> assertThat(context.getBean(SessionKit.class).walletPlugins())
                        .extracting(WalletPlugin::id).containsExactly("late-wallet", WalletPluginPrivateKey.ID));
    }

    // ------------------------------------------------------------------ back-off

    @Test
    void theApplicationsOwnBeansWin() {
        ReactiveSessionStorage own = ReactiveSessionStorage.inMemory();
        ChainClients ownClients = ChainClients.of(List.of(new ChainDefinition(devnet.chainId(), List.of(devnet.url()),
                "mine", null, null)), c -> ChainClient.create(c.urls().get(0)));
        WalletPluginPrivateKey ownWallet = WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey());
        serviceRunner()
                .withPropertyValues("antelopekit.storage.type=file", "antelopekit.storage.file.path=/nonexistent/x.json")
                .withBean(ReactiveSessionStorage.class, () -> own)
                .withBean(ChainClients.class, () -> ownClients)
                .withBean(WalletPluginPrivateKey.class, () -> ownWallet)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ReactiveSessionStorage.class)).isSameAs(own);
                    assertThat(context.getBean(ChainClients.class)).isSameAs(ownClients);
                    assertThat(context.getBean(WalletPluginPrivateKey.class)).isSameAs(ownWallet);
                    SessionKit kit = context.getBean(SessionKit.class);
                    assertThat(kit.storage()).isSameAs(own);
                    assertThat(kit.walletPlugins()).containsExactly(ownWallet);
                    assertThat(kit.chains()).extracting(ChainDefinition::name).containsExactly("mine");
                });
        // the application's ChainClients bean is closed by Spring (close() is inferred), not by us before
        assertThat(ownClients.isDisposed()).isTrue();

        SessionKit ownKit = SessionKit.builder().appName("mine").chains(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .ui(HeadlessUserInterface.create()).walletPlugins(ownWallet).build();
        try {
            serviceRunner().withBean(SessionKit.class, () -> ownKit).run(context -> {
                assertThat(context).hasSingleBean(SessionKit.class);
                assertThat(context.getBean(SessionKit.class)).isSameAs(ownKit);
            });
        } finally {
            ownKit.dispose();
        }
    }

    // ------------------------------------------------------------------ ESR

    @Test
    void theEsrWalletLogsInWithAVerifiedIdentityProof() {
        EsrTestWallet alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(),
                PermissionLevel.from("alice@active"), reader);
        List<CallbackReceiver> receivers = new ArrayList<>();
        List<SessionKit> kits = new ArrayList<>();
        serviceRunner()
                .withBean(UserInterface.class, alice::userInterface)
                .withPropertyValues("antelopekit.esr.enabled=true", "antelopekit.esr.timeout=45s",
                        "antelopekit.esr.receiver.port=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CallbackReceiver receiver = context.getBean(CallbackReceiver.class);
                    receivers.add(receiver);
                    assertThat(receiver.address()).isPresent();
                    assertThat(receiver.baseUrl()).startsWith("http://127.0.0.1:").endsWith(CallbackReceiver.DEFAULT_PATH);
                    IdentityProofVerifier verifier = context.getBean(IdentityProofVerifier.class);
                    assertThat(verifier.scope()).isEqualTo(Name.from("springtest"));
                    assertThat(verifier.serves(devnet.chainId())).isTrue();
                    WalletPluginSigningRequest esr = context.getBean(WalletPluginSigningRequest.class);
                    assertThat(esr.receiver()).isSameAs(receiver);
                    assertThat(esr.timeout()).isEqualTo(Duration.ofSeconds(45));

                    SessionKit kit = context.getBean(SessionKit.class);
                    kits.add(kit);
                    assertThat(kit.walletPlugins()).extracting(WalletPlugin::id)
                            .containsExactlyInAnyOrder(WalletPluginPrivateKey.ID, WalletPluginSigningRequest.ID);
                    LoginResult login = kit.login(LoginOptions.builder().walletPlugin(WalletPluginSigningRequest.ID)
                            .build()).block(TIMEOUT);
                    assertThat(login.session().permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
                    IdentityProof proof = IdentityProof.from(login.response().identityProof().asText());
                    assertThat(proof.scope()).isEqualTo(Name.from("springtest"));
                    assertThat(proof.recoverKey()).isEqualTo(DevAccount.of("alice").publicKey());
                });
        assertThat(receivers.get(0).isClosed()).isTrue();
        assertThat(kits.get(0).isDisposed()).isTrue();
    }

    @Test
    void aDetachedReceiverAndARequestSignerFromTheEnvironment() {
        PrivateKey signerKey = DevAccount.of("bob").privateKey();
        runner.withBean(EnvironmentVariables.class, () -> Map.of("SIGNER", signerKey.toWif())::get)
                .withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.esr.enabled=true", "antelopekit.esr.scope=myscope",
                        "antelopekit.app-name=detached", "antelopekit.esr.receiver.detached=true",
                        "antelopekit.esr.receiver.public-url=https://app.example.com/esr/",
                        "antelopekit.esr.request-signer.account=bob",
                        "antelopekit.esr.request-signer.key-env=SIGNER")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CallbackReceiver receiver = context.getBean(CallbackReceiver.class);
                    assertThat(receiver.address()).isEmpty();
                    assertThat(receiver.register().url()).startsWith("https://app.example.com/esr/");
                    WalletPluginSigningRequest esr = context.getBean(WalletPluginSigningRequest.class);
                    assertThat(esr.scope()).isEqualTo(Name.from("myscope"));
                    assertThat(esr.toString()).contains("requestSigner=bob").doesNotContain(signerKey.toWif());
                    // the ESR wallet alone makes a kit
                    assertThat(context.getBean(SessionKit.class).walletPlugins()).containsExactly(esr);
                });
    }

    @Test
    void theApplicationsEsrBeansWin() {
        CallbackReceiver own = CallbackReceiver.builder().publicUrl("https://own.example.com/cb").detached();
        serviceRunner()
                .withBean(CallbackReceiver.class, () -> own)
                .withPropertyValues("antelopekit.esr.enabled=true", "antelopekit.esr.receiver.port=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CallbackReceiver.class)).isSameAs(own);
                    assertThat(context.getBean(WalletPluginSigningRequest.class).receiver()).isSameAs(own);
                });
    }

    // ------------------------------------------------------------------ startup failures

    @Test
    void badPropertiesStopTheStartWithEveryProblemNamed() {
        runner.withPropertyValues(
                        "antelopekit.chains[0].id=xyz",
                        "antelopekit.chains[0].urls=https://ok.example.com",
                        "antelopekit.chains[1].id=" + devnet.chainId(),
                        "antelopekit.chains[2].id=" + devnet.chainId(),
                        "antelopekit.chains[2].urls=ftp://nope.example.com",
                        "antelopekit.chains[2].system-token=EOS",
                        "antelopekit.storage.type=disk",
                        "antelopekit.expire-seconds=0")
                .run(context -> {
                    AntelopeKitConfigurationException e = failure(context);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith("antelopekit.chains[0].id is not a chain id:").contains("xyz"));
                    assertThat(e.problems()).contains(
                            "antelopekit.chains[1].urls is empty: give at least one http(s) URL of the chain's API",
                            "antelopekit.chains[2].id " + devnet.chainId() + " is also antelopekit.chains[1].id",
                            "antelopekit.chains[2].urls[0] 'ftp://nope.example.com' is not an absolute http or https URL",
                            "antelopekit.storage.type 'disk' is unknown: use memory, file or redis",
                            "antelopekit.expire-seconds must be positive, got 0");
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("antelopekit.chains[2].system-token:"));
                    assertThat(e.getMessage()).startsWith("antelopekit configuration is invalid: ");
                });
    }

    @Test
    void theSessionsLayoutAndTimeToLiveAreSetByProperties(@TempDir Path dir) {
        Path file = dir.resolve("sessions.json");
        serviceRunner().withPropertyValues("antelopekit.storage.type=file", "antelopekit.storage.file.path=" + file,
                        "antelopekit.session.storage-layout=Per-Session", "antelopekit.session.ttl=30d")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SessionKit kit = context.getBean(SessionKit.class);
                    assertThat(kit.storageLayout()).isEqualTo(StorageLayout.PER_SESSION);
                    assertThat(kit.sessionTtl()).contains(Duration.ofDays(30));
                    loginAlice(kit);
                    ReactiveSessionStorage storage = context.getBean(ReactiveSessionStorage.class);
                    assertThat(storage.keys("springtest/session/").collectList().block(TIMEOUT)).singleElement()
                            .satisfies(key -> assertThat(key).endsWith("/alice@active"));
                    assertThat(Files.readString(file)).contains("\"expiresAt\"");
                    assertThat(context.getBean(AntelopeKitProperties.class).toString())
                            .contains("session=PER_SESSION ttl PT720H");
                });
        serviceRunner().withPropertyValues("antelopekit.session.storage-layout=wharfkit").run(context ->
                assertThat(context.getBean(SessionKit.class).storageLayout()).isEqualTo(StorageLayout.WHARFKIT));
    }

    @Test
    void aWrongLayoutOrATimeToLiveWithoutThePerSessionLayoutIsNamed() {
        runner.withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.session.storage-layout=rows", "antelopekit.session.ttl=1h")
                .run(context -> assertThat(failure(context).problems()).containsExactly(
                        "antelopekit.session.storage-layout 'rows' is unknown: use wharfkit or per-session"));
        runner.withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.session.ttl=1h")
                .run(context -> assertThat(failure(context).problems()).containsExactly(
                        "antelopekit.session.ttl needs antelopekit.session.storage-layout per-session (in the wharfkit"
                                + " layout every session is in one entry, which cannot expire session by session)"));
        runner.withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.session.storage-layout=per-session", "antelopekit.session.ttl=0s")
                .run(context -> assertThat(failure(context).problems()).containsExactly(
                        "antelopekit.session.ttl must be positive, got PT0S"));
    }

    /** A store of the application's own that cannot list its keys does not take the per-session layout. */
    @Test
    void thePerSessionLayoutOnAStoreThatCannotListItsKeysStopsTheStart() {
        ReactiveSessionStorage plain = new ReactiveSessionStorage() {
            final ReactiveSessionStorage inner = ReactiveSessionStorage.inMemory();

            @Override
            public reactor.core.publisher.Mono<Void> write(String key, String value) {
                return inner.write(key, value);
            }

            @Override
            public reactor.core.publisher.Mono<String> read(String key) {
                return inner.read(key);
            }

            @Override
            public reactor.core.publisher.Mono<Void> remove(String key) {
                return inner.remove(key);
            }

            @Override
            public String toString() {
                return "PlainStore";
            }
        };
        serviceRunner().withBean(ReactiveSessionStorage.class, () -> plain)
                .withPropertyValues("antelopekit.session.storage-layout=per-session")
                .run(context -> assertThat(failure(context).getMessage()).contains(
                        "storageLayout PER_SESSION needs a storage that can list its keys, and PlainStore cannot"));
    }

    @Test
    void aMissingChainIdAndAMissingFilePathAreNamed() {
        runner.withPropertyValues("antelopekit.chains[0].urls=https://ok.example.com",
                        "antelopekit.storage.type=file")
                .run(context -> assertThat(failure(context).problems()).containsExactly(
                        "antelopekit.chains[0].id is missing: the chain id, 64 hex digits",
                        "antelopekit.storage.file.path is missing: storage.type is file"));
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        runner.withBean(EnvironmentVariables.class, () -> Map.of("EMPTY", " ")::get)
                .withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.app-name=x", "antelopekit.wallet.private-keys-env=MISSING_KEY,EMPTY")
                .run(context -> assertThat(failure(context).problems()).containsExactly(
                        "antelopekit.wallet.private-keys-env[0]: environment variable MISSING_KEY is not set",
                        "antelopekit.wallet.private-keys-env[1]: environment variable EMPTY is empty"));
    }

    @Test
    void withoutTheTestsEnvironmentBeanKeysAreReadFromTheProcessEnvironment() {
        String name = "ANTELOPEKIT_TEST_SURELY_UNSET_" + System.nanoTime();
        assertThat(System.getenv(name)).isNull();
        runner.withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.wallet.private-keys-env=" + name,
                        // a property of that name is not the environment: keys never come from properties
                        name + "=" + aliceKey)
                .run(context -> assertThat(failure(context).problems()).containsExactly(
                        "antelopekit.wallet.private-keys-env[0]: environment variable " + name + " is not set"));
    }

    @Test
    void esrProblemsAreNamed() {
        runner.withPropertyValues("antelopekit.esr.enabled=true", "antelopekit.app-name=Not A Name",
                        "antelopekit.esr.receiver.port=70000", "antelopekit.esr.receiver.detached=true",
                        "antelopekit.esr.request-signer.account=bob")
                .run(context -> {
                    List<String> problems = failure(context).problems();
                    assertThat(problems).anySatisfy(p -> assertThat(p)
                            .startsWith("antelopekit.esr.scope (from antelopekit.app-name) is not a name:"));
                    assertThat(problems).contains(
                            "antelopekit.esr.receiver.port 70000 is not in [0, 65535]",
                            "antelopekit.esr.receiver.detached needs antelopekit.esr.receiver.public-url: the URL of"
                                    + " the application's own callback route",
                            "antelopekit.esr.request-signer needs both account and key-env, or neither");
                });
        runner.withPropertyValues("antelopekit.esr.enabled=true", "antelopekit.app-name=app")
                .run(context -> assertThat(failure(context).getMessage()).contains(
                        "antelopekit.esr.enabled needs chains to check identity proofs on"));
    }

    @Test
    void aTakenPortStopsTheStartNamingTheReceiver() {
        CallbackReceiver taken = CallbackReceiver.builder().start().block(TIMEOUT);
        try {
            int port = taken.address().orElseThrow().getPort();
            serviceRunner().withPropertyValues("antelopekit.esr.enabled=true", "antelopekit.esr.receiver.port=" + port)
                    .run(context -> {
                        AntelopeKitConfigurationException e = failure(context);
                        assertThat(e.getMessage()).contains("antelopekit.esr.receiver: the callback server on 127.0.0.1:"
                                + port);
                        assertThat(e.getMessage()).contains("Failed to bind on [127.0.0.1:" + port + "]");
                        assertThat(e.getCause()).hasRootCauseMessage("bind(..) failed with error(-98): Address already in use");
                    });
        } finally {
            taken.close().block(TIMEOUT);
        }
    }

    @Test
    void aKitWithoutAnAppNameIsRefused() {
        runner.withBean(EnvironmentVariables.class, () -> Map.of("SERVICE_KEY", aliceKey)::get)
                .withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.wallet.private-keys-env=SERVICE_KEY")
                .run(context -> assertThat(failure(context).getMessage()).contains(
                        "antelopekit.app-name is not set (nor spring.application.name)"));
        runner.withBean(EnvironmentVariables.class, () -> Map.of("SERVICE_KEY", aliceKey)::get)
                .withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.wallet.private-keys-env=SERVICE_KEY", "spring.application.name=fromspring")
                .run(context -> assertThat(context.getBean(SessionKit.class).appName()).isEqualTo("fromspring"));
    }

    @Test
    void redisProblemsAreNamed() {
        runner.withPropertyValues("antelopekit.storage.type=redis", "antelopekit.storage.redis.ttl=-1s")
                .run(context -> assertThat(failure(context).problems())
                        .containsExactly("antelopekit.storage.redis.ttl must be positive, got PT-1S"));
        runner.withPropertyValues("antelopekit.storage.type=redis")
                .run(context -> assertThat(failure(context).getMessage()).contains(
                        "antelopekit.storage.redis.uri is missing (and the application has no RedisClient bean)"));
        runner.withPropertyValues("antelopekit.storage.type=redis", "antelopekit.storage.redis.uri=redis://127.0.0.1:1")
                .run(context -> assertThat(failure(context).getMessage()).contains(
                        "antelopekit.storage.redis.key-prefix is missing (and antelopekit.app-name"));
        runner.withPropertyValues("antelopekit.storage.type=redis", "antelopekit.app-name=x",
                        "antelopekit.storage.redis.uri=http://user:secretpw@host")
                .run(context -> {
                    assertThat(failure(context).getMessage()).startsWith(
                            "antelopekit configuration is invalid: antelopekit.storage.redis: uri is not a Redis URI");
                    assertThat(stackTrace(context.getStartupFailure())).doesNotContain("secretpw");
                });
        runner.withClassLoader(new FilteredClassLoader("io.lettuce"))
                .withPropertyValues("antelopekit.storage.type=redis", "antelopekit.storage.redis.uri=redis://127.0.0.1:1")
                .run(context -> assertThat(failure(context).getMessage()).contains(
                        "antelopekit.storage.type is redis, but io.lettuce:lettuce-core is not on the classpath"));
    }

    @Test
    void sessionsAreStoredInRedisUnderTheirPrefixAndTheStoreIsClosedAtShutdown(@TempDir Path dir) throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir)) {
            RedisClient inspector = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = inspector.connect()) {
                RedisCommands<String, String> cli = connection.sync();
                List<ReactiveSessionStorage> stores = new ArrayList<>();
                String aliceSession = "springtest/session/" + devnet.chainId() + "/alice@active";
                serviceRunner().withPropertyValues("antelopekit.storage.type=Redis",
                                "antelopekit.storage.redis.uri=" + redis.uri(),
                                "antelopekit.storage.redis.key-prefix=springtest:sessions:",
                                "antelopekit.storage.redis.ttl=1h",
                                "antelopekit.session.ttl=10m")
                        .run(context -> {
                            assertThat(context).hasNotFailed();
                            ReactiveSessionStorage storage = context.getBean(ReactiveSessionStorage.class);
                            stores.add(storage);
                            assertThat(storage).isInstanceOf(RedisSessionStorage.class);
                            SessionKit kit = context.getBean(SessionKit.class);
                            assertThat(kit.storage()).isSameAs(storage);
                            // with Redis, one key per session unless told otherwise
                            assertThat(kit.storageLayout()).isEqualTo(StorageLayout.PER_SESSION);
                            loginAlice(kit);
                            assertThat(cli.get("springtest:sessions:sessions")).isNull();
                            assertThat(cli.get("springtest:sessions:" + aliceSession)).contains("alice")
                                    .contains(devnet.chainId().toString()).doesNotContain(aliceKey);
                            // the session's own time to live wins over the store's
                            assertThat(cli.pttl("springtest:sessions:" + aliceSession)).isBetween(1L, 600_000L);
                            assertThat(cli.pttl("springtest:sessions:springtest/current")).isBetween(600_000L, 3_600_000L);
                            // identity proofs are remembered in the same Redis, for every instance
                            io.antelopekit.esr.ReplayStore replays = context.getBean(io.antelopekit.esr.ReplayStore.class);
                            java.time.Instant later = java.time.Instant.now().plusSeconds(60);
                            assertThat(replays.markSeen("digest-1", later).block(TIMEOUT)).isTrue();
                            assertThat(replays.markSeen("digest-1", later).block(TIMEOUT)).isFalse();
                            assertThat(cli.keys("springtest:sessions:replay:*")).containsExactly(
                                    "springtest:sessions:replay:digest-1");
                        });
                StepVerifier.create(stores.get(0).read(SessionKit.SESSION_KEY))
                        .expectError(StorageException.class).verify(TIMEOUT);

                // without a prefix, the app name's; a new context restores what the first stored
                // (WharfKit's layout, as asked, so the keys moved by hand are the two entries)
                RedisSessionStorage moving = RedisSessionStorage.builder().uri(redis.uri())
                        .keyPrefix("springtest:sessions:").build();
                assertThat(SessionKit.migrateStorage(moving, "springtest", StorageLayout.PER_SESSION,
                        StorageLayout.WHARFKIT).block(TIMEOUT)).isEqualTo(1);
                moving.close().block(TIMEOUT);
                cli.rename("springtest:sessions:session", "antelopekit:springtest:session");
                cli.rename("springtest:sessions:sessions", "antelopekit:springtest:sessions");
                serviceRunner().withPropertyValues("antelopekit.storage.type=redis",
                                "antelopekit.storage.redis.uri=" + redis.uri(),
                                "antelopekit.session.storage-layout=wharfkit")
                        .run(context -> {
                            SessionKit kit = context.getBean(SessionKit.class);
                            Session restored = kit.restore().block(TIMEOUT);
                            assertThat(restored).isNotNull();
                            assertThat(restored.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
                            assertThat(kit.storage().toString()).contains("antelopekit:springtest:")
                                    .doesNotContain("expiry");
                        });
            } finally {
                inspector.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            }
        }
    }

    // ------------------------------------------------------------------ keys stay secret

    @Test
    void thePrivateKeyAppearsInNoTextOfTheContext() {
        PrivateKey key = DevAccount.of("alice").privateKey();
        List<String> secrets = List.of(key.toWif(), key.toSecretString());
        serviceRunner().run(context -> {
            assertThat(context).hasNotFailed();
            loginAlice(context.getBean(SessionKit.class));
            StringBuilder all = new StringBuilder(context.toString());
            for (String name : context.getBeanDefinitionNames()) {
                all.append('\n').append(name).append(' ').append(context.getBeanFactory().getBeanDefinition(name));
                all.append('\n').append(context.getBean(name));
            }
            ReactiveSessionStorage storage = context.getBean(ReactiveSessionStorage.class);
            all.append('\n').append(storage.read(SessionKit.SESSIONS_KEY).block(TIMEOUT));
            all.append('\n').append(context.getBean(SessionKit.class).restore().block(TIMEOUT).walletPlugin().data());
            assertThat(all.toString()).contains("SERVICE_KEY").contains(DevAccount.of("alice").publicKey().toString());
            for (String secret : secrets) {
                assertThat(all.toString()).doesNotContain(secret);
            }
        });
    }

    @Test
    void aMalformedKeyIsReportedWithoutItsValue() {
        String wif = DevAccount.of("alice").privateKey().toWif();
        char changed = wif.charAt(20) == 'a' ? 'b' : 'a';
        String broken = wif.substring(0, 20) + changed + wif.substring(21);
        runner.withBean(EnvironmentVariables.class, () -> Map.of("SERVICE_KEY", broken)::get)
                .withPropertyValues(devnetChain())
                .withPropertyValues("antelopekit.app-name=x", "antelopekit.wallet.private-keys-env=SERVICE_KEY")
                .run(context -> {
                    AntelopeKitConfigurationException e = failure(context);
                    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith(
                            "antelopekit.wallet.private-keys-env[0]: environment variable SERVICE_KEY does not hold a"
                                    + " private key: invalid private key"));
                    String trace = stackTrace(context.getStartupFailure());
                    assertThat(trace).doesNotContain(broken).doesNotContain(wif).doesNotContain(broken.substring(5, 40));
                });
    }

    @Test
    void aKeyGivenWhereANameBelongsIsRefusedAndMasked() {
        PrivateKey key = DevAccount.of("alice").privateKey();
        for (String misplaced : List.of(key.toWif(), key.toSecretString())) {
            runner.withPropertyValues(devnetChain())
                    .withPropertyValues("antelopekit.wallet.private-keys-env[0]=" + misplaced)
                    .run(context -> {
                        AntelopeKitConfigurationException e = failure(context);
                        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith(
                                "antelopekit.wallet.private-keys-env[0] is not the name of an environment variable"));
                        assertThat(stackTrace(context.getStartupFailure())).doesNotContain(misplaced);
                    });
            AntelopeKitProperties p = new AntelopeKitProperties();
            p.getWallet().setPrivateKeysEnv(List.of(misplaced, "OK_NAME"));
            assertThat(p.toString()).doesNotContain(misplaced).contains("OK_NAME").contains("<not a name: masked>");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A wallet under another id, signing as {@code inner}. */
    static final class DelegatingWallet implements WalletPlugin {
        private final String id;
        private final WalletPlugin inner;

        DelegatingWallet(String id, WalletPlugin inner) {
            this.id = id;
            this.inner = inner;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public io.antelopekit.plugin.WalletPluginMetadata metadata() {
            return inner.metadata();
        }

        @Override
        public io.antelopekit.plugin.WalletPluginConfig config() {
            return inner.config();
        }

        @Override
        public Mono<io.antelopekit.plugin.WalletPluginLoginResponse> login(LoginContext context) {
            return inner.login(context);
        }

        @Override
        public Mono<io.antelopekit.plugin.WalletPluginSignResponse> sign(io.antelopekit.chain.transaction.Transaction transaction,
                io.antelopekit.plugin.TransactContext context) {
            return inner.sign(transaction, context);
        }
    }

    /** A wallet bean ordered before the auto-configured one. */
    @Order(-1)
    static final class OrderedWallet implements WalletPlugin {
        private final DelegatingWallet inner;

        OrderedWallet(String id) {
            this.inner = new DelegatingWallet(id, WalletPluginPrivateKey.of(DevAccount.of("bob").privateKey()));
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public io.antelopekit.plugin.WalletPluginMetadata metadata() {
            return inner.metadata();
        }

        @Override
        public io.antelopekit.plugin.WalletPluginConfig config() {
            return inner.config();
        }

        @Override
        public Mono<io.antelopekit.plugin.WalletPluginLoginResponse> login(LoginContext context) {
            return inner.login(context);
        }

        @Override
        public Mono<io.antelopekit.plugin.WalletPluginSignResponse> sign(io.antelopekit.chain.transaction.Transaction transaction,
                io.antelopekit.plugin.TransactContext context) {
            return inner.sign(transaction, context);
        }
    }
}
