package io.antelopekit.wallet.esr;

import io.antelopekit.session.Contexts;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.PollPolicy;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofException;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.session.LoginResult;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionException;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.session.TransactEvent;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link WalletPluginSigningRequest} against the embedded devnet, a real {@link CallbackReceiver}
 * on 127.0.0.1 and {@link EsrTestWallet} in the user's place: login with a verified identity
 * proof, transactions signed through signing requests and tracked to irreversible, restore,
 * timeouts, cancels and forged answers.
 */
@ExtendWith(BlockHoundSupport.class)
class WalletPluginSigningRequestTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Name SCOPE = Name.from("esrtestapp");
    static final Name TOKEN = Name.from("eosio.token");
    static final PermissionLevel ALICE = DevAccount.of("alice").active();

    static Devnet devnet;
    static ChainClient client;
    static ChainDefinition chain;
    static CallbackReceiver receiver;

    final List<SessionKit> kits = new ArrayList<>();

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        receiver = CallbackReceiver.builder().host("127.0.0.1").port(0).start().block(TIMEOUT);
        warmUp();
    }

    /**
     * One of each call before the tests: Jackson builds a type's deserializer under a lock on first
     * use, which BlockHound reports when two event loops race for it.
     */
    static void warmUp() {
        Session s = Session.builder().chain(chain).client(client).permissionLevel(ALICE)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        TransactResult r = s.transact(TransactArgs.of(transfer("0.0001 EOS", "warm-up"))).block(TIMEOUT);
        client.getTransactionStatus(r.id()).block(TIMEOUT);
        client.getAccount(Name.from("alice")).block(TIMEOUT);
        client.getAbi(TOKEN).block(TIMEOUT);
        client.getBlock(1).block(TIMEOUT);
        devnet.produceBlock().block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        receiver.close().block(TIMEOUT);
        client.dispose();
    }

    @AfterEach
    void disposeKits() {
        kits.forEach(SessionKit::dispose);
        assertThat(receiver.registrations()).as("every registration is removed").isZero();
    }

    // ------------------------------------------------------------------ helpers

    static ActionRequest transfer(String quantity, String memo) {
        return ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", quantity, "memo", memo));
    }

    static WalletPluginSigningRequest.Builder plugin() {
        return WalletPluginSigningRequest.builder().receiver(receiver).scope(SCOPE);
    }

    static EsrTestWallet wallet(String keyOf, PermissionLevel account) {
        return EsrTestWallet.of(DevAccount.of(keyOf).privateKey(), account, client);
    }

    SessionKit kit(UserInterface ui, WalletPluginSigningRequest wallet, ReactiveSessionStorage storage) {
        SessionKit kit = SessionKit.builder().appName("esrtestapp").chains(chain).ui(ui).walletPlugins(wallet)
                .storage(storage)
                .clientCustomizer((c, b) -> b.statusPolling(new PollPolicy(Duration.ofMillis(100),
                        Duration.ofMillis(500), 1.5, Duration.ofMinutes(2))))
                .build();
        kits.add(kit);
        return kit;
    }

    static String balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0).toString()).block(TIMEOUT);
    }

    /** Records the prompts, then asks the wrapped interface. */
    static final class RecordingUi implements UserInterface {
        final UserInterface inner;
        final List<PromptArgs> prompts = new CopyOnWriteArrayList<>();

        RecordingUi(UserInterface inner) {
            this.inner = inner;
        }

        @Override
        public Mono<JsonNode> prompt(PromptArgs args) {
            prompts.add(args);
            return inner.prompt(args);
        }
    }

    static UserInterface prompting(Function<PromptArgs, Mono<JsonNode>> answer) {
        return HeadlessUserInterface.builder().promptWhen(answer).build();
    }

    static String link(PromptArgs args) {
        return args.elements().stream().filter(e -> e.type().equals("link")).findFirst().orElseThrow()
                .data().get("href").asText();
    }

    /**
     * Transacts and tracks, stepping blocks from this thread until the tracking ends.
     *
     * @return the events
     */
    static List<TransactEvent> transactAndStep(Session session, TransactArgs args) throws Exception {
        List<TransactEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> done = session.transactAndTrack(args)
                .doOnNext(e -> {
                    events.add(e);
                    started.complete(null);
                })
                .then().toFuture();
        // the first event (or the end): the transaction is in, so blocks made from now on can hold it
        CompletableFuture.anyOf(started, done).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.isDone() && System.nanoTime() < deadline) {
            devnet.produceBlock().block(TIMEOUT);
            try { // a block, then a moment for the tracking to poll (every 100 to 500 ms); on at once when it ends
                done.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillTracking) {
                // the next block
            }
        }
        done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return events;
    }

    // ------------------------------------------------------------------ the whole flow

    @Test
    void loginWithAVerifiedIdentityThenATransferSignedThroughARequestIsTrackedToIrreversible() throws Exception {
        EsrTestWallet alice = wallet("alice", ALICE);
        RecordingUi ui = new RecordingUi(alice.userInterface());
        WalletPluginSigningRequest plugin = plugin().build();
        SessionKit kit = kit(ui, plugin, ReactiveSessionStorage.inMemory());

        LoginResult login = kit.login().block(TIMEOUT);

        assertThat(login.session().permissionLevel()).isEqualTo(ALICE);
        assertThat(login.session().chain().id()).isEqualTo(devnet.chainId());
        assertThat(login.response().chainId()).isEqualTo(devnet.chainId());
        IdentityProof proof = IdentityProof.from(login.response().identityProof().asText());
        assertThat(proof.signer()).isEqualTo(ALICE);
        assertThat(proof.scope()).isEqualTo(SCOPE);
        assertThat(proof.chainId()).isEqualTo(devnet.chainId());
        assertThat(proof.recoverKey()).isEqualTo(DevAccount.of("alice").publicKey());

        assertThat(ui.prompts).hasSize(1);
        PromptArgs shown = ui.prompts.get(0);
        assertThat(shown.elements()).extracting(PromptArgs.Element::type).containsExactly("qr", "link", "countdown");
        String link = link(shown);
        assertThat(link).startsWith("esr:").doesNotStartWith("esr://");
        assertThat(shown.elements().get(0).data().asText()).isEqualTo(link);
        assertThat(java.time.Instant.parse(shown.elements().get(2).data().get("end").asText()))
                .isAfter(java.time.Instant.now().plusSeconds(60));
        SigningRequest request = SigningRequest.from(link);
        assertThat(request.isIdentity()).isTrue();
        assertThat(request.version()).isEqualTo(3);
        assertThat(request.identityScope()).contains(SCOPE);
        assertThat(request.chainId()).contains(devnet.chainId());
        assertThat(request.callback()).hasValueSatisfying(cb -> {
            assertThat(cb.background()).isTrue();
            assertThat(cb.url()).startsWith(receiver.baseUrl() + "/");
        });

        String before = balance("bob");
        List<TransactEvent> events = transactAndStep(login.session(), TransactArgs.of(transfer("1.2345 EOS", "esr")));

        assertThat(events.get(0)).isInstanceOf(TransactEvent.Accepted.class);
        TransactResult result = ((TransactEvent.Accepted) events.get(0)).result();
        assertThat(result.signatures()).hasSize(1);
        assertThat(result.signatures().get(0).recover(result.transaction().signingDigest(devnet.chainId())))
                .isEqualTo(DevAccount.of("alice").publicKey());
        TransactEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOf(TransactEvent.StatusChanged.class);
        assertThat(((TransactEvent.StatusChanged) last).state()).isEqualTo(TransactionState.IRREVERSIBLE);
        assertThat(Asset.from(balance("bob")).units() - Asset.from(before).units()).isEqualTo(12_345L);

        assertThat(ui.prompts).hasSize(2);
        SigningRequest signing = SigningRequest.from(link(ui.prompts.get(1)));
        assertThat(signing.isIdentity()).isFalse();
        assertThat(signing.shouldBroadcast()).as("the session broadcasts, not the wallet").isFalse();
        assertThat(signing.requiresTapos()).as("the header is complete").isFalse();
        assertThat(signing.rawTransaction().id()).isEqualTo(result.id());
    }

    @Test
    void aSessionRestoredFromStorageSignsThroughTheWalletRegisteredInTheKit() throws Exception {
        EsrTestWallet alice = wallet("alice", ALICE);
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        WalletPluginSigningRequest plugin = plugin().build();
        kit(alice.userInterface(), plugin, storage).login().block(TIMEOUT);

        SerializedSession stored = kit(alice.userInterface(), plugin, storage).getSessions().blockFirst(TIMEOUT);
        assertThat(stored.walletPlugin().id()).isEqualTo(WalletPluginSigningRequest.ID);
        assertThat(stored.walletPlugin().data().get("scope").asText()).isEqualTo(SCOPE.toString());
        assertThat(stored.walletPlugin().data().toString()).doesNotContain("PVT_");

        SessionKit fresh = kit(alice.userInterface(), plugin().build(), storage);
        Session restored = fresh.restore().block(TIMEOUT);
        assertThat(restored).isNotNull();
        assertThat(restored.permissionLevel()).isEqualTo(ALICE);
        assertThat(restored.walletPlugin()).isInstanceOf(WalletPluginSigningRequest.class)
                .isNotSameAs(plugin);

        List<TransactEvent> events = transactAndStep(restored, TransactArgs.of(transfer("0.0010 EOS", "restored")));
        assertThat(((TransactEvent.StatusChanged) events.get(events.size() - 1)).state())
                .isEqualTo(TransactionState.IRREVERSIBLE);
    }

    @Test
    void aMultiChainLoginLetsTheWalletChooseAndIsVerifiedOnThatChain() {
        try (Devnet other = Devnet.builder().manualBlockProduction().start();
                ChainClientResource otherClient = new ChainClientResource(ChainClient.create(other.url()))) {
            ChainDefinition otherChain = ChainDefinition.of(other.chainId(), other.url());
            Map<Checksum256, ChainClient> clients = new java.util.LinkedHashMap<>();
            clients.put(other.chainId(), otherClient.client);
            clients.put(devnet.chainId(), client);
            EsrTestWallet alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(), ALICE, clients);
            RecordingUi ui = new RecordingUi(alice.userInterface());
            LoginContext context = Contexts.login("esrtestapp", List.of(chain, otherChain), null, null, ui, null);

            WalletPluginLoginResponse r = plugin().build().login(context).block(TIMEOUT);

            assertThat(r.chainId()).isEqualTo(other.chainId());
            assertThat(r.permissionLevel()).isEqualTo(ALICE);
            SigningRequest request = SigningRequest.from(link(ui.prompts.get(0)));
            assertThat(request.isMultiChain()).isTrue();
            assertThat(request.chainIds()).containsExactly(devnet.chainId(), other.chainId());
        }
    }

    /** Disposes a client at the end of a try block. */
    record ChainClientResource(ChainClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.dispose();
        }
    }

    // ------------------------------------------------------------------ on the console

    @Test
    void onTheConsoleTheRequestIsDrawnAsAQrCodeWithItsLinkAndTheCallbackEndsTheQuestion() throws Exception {
        // every write wakes the person at the console below (no polling)
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream() {
            @Override
            public synchronized void write(int b) {
                super.write(b);
                notifyAll();
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                notifyAll();
            }
        };
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(keyboard);
        UserInterface console = io.antelopekit.ui.ConsoleUserInterface.builder().input(in).output(out)
                .qrColors(io.antelopekit.ui.QrCode.TerminalColors.LIGHT_BACKGROUND).build();
        EsrTestWallet alice = wallet("alice", ALICE);
        java.util.regex.Pattern esr = java.util.regex.Pattern.compile("esr:[A-Za-z0-9_-]+");
        // the person at the console: scans the code (reads the link from the screen) with the wallet
        CompletableFuture<JsonNode> scanned = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            String link = null;
            synchronized (bytes) {
                while (link == null) {
                    java.util.regex.Matcher m = esr.matcher(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                    if (m.find()) {
                        link = m.group();
                    } else if (deadline - System.nanoTime() <= 0) {
                        throw new AssertionError("no esr: link was shown");
                    } else {
                        try {
                            TimeUnit.NANOSECONDS.timedWait(bytes, deadline - System.nanoTime());
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
            return alice.handle(link).block(TIMEOUT);
        });
        try {
            LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, null, console, null);
            WalletPluginLoginResponse r = plugin().build().login(context).block(TIMEOUT);
            assertThat(r.permissionLevel()).isEqualTo(ALICE);
            assertThat(scanned.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get("sa").asText()).isEqualTo("alice");
            String screen = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(screen).contains("Sign in with your wallet").contains("Open wallet: esr:")
                    .contains("Waiting for your wallet").containsPattern("[\u2580\u2584\u2588]{8}");
        } finally {
            keyboard.close();
        }
    }

    @Test
    void pressingEnterOnTheConsoleClosesThePromptAndCancelsTheLogin() {
        UserInterface console = io.antelopekit.ui.ConsoleUserInterface.builder()
                .input(new java.io.ByteArrayInputStream("\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .output(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build();
        LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, null, console, null);
        StepVerifier.create(plugin().build().login(context))
                .expectError(CancelledException.class)
                .verify(TIMEOUT);
        assertThat(receiver.registrations()).isZero();
    }

    // ------------------------------------------------------------------ ends

    @Test
    void nobodyAnsweringEndsWithATimeoutAndNothingRegistered() {
        AtomicBoolean promptCancelled = new AtomicBoolean();
        UserInterface ui = prompting(args -> Mono.<JsonNode>never().doOnCancel(() -> promptCancelled.set(true)));
        WalletPluginSigningRequest plugin = plugin().timeout(Duration.ofMillis(300)).build();

        StepVerifier.create(kit(ui, plugin, ReactiveSessionStorage.inMemory()).login())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CallbackTimeoutException.class);
                    assertThat(((CallbackTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(((CallbackTimeoutException) e).isTransient()).isTrue();
                })
                .verify(TIMEOUT);
        assertThat(promptCancelled).as("the prompt is disposed").isTrue();
        assertThat(receiver.registrations()).isZero();
    }

    @Test
    void theUserClosingThePromptCancelsTheLogin() {
        UserInterface ui = prompting(args -> Mono.delay(Duration.ofMillis(50))
                .then(Mono.error(new CancelledException("closed by the user"))));
        StepVerifier.create(kit(ui, plugin().build(), ReactiveSessionStorage.inMemory()).login())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("closed by the user"))
                .verify(TIMEOUT);
        assertThat(receiver.registrations()).isZero();
    }

    @Test
    void aPromptThatAnswersWithoutTheWalletKeepsTheWaitGoingUntilTheCallback() {
        // a user interface that answers at once (an "ok"), then the wallet's callback arrives
        EsrTestWallet alice = wallet("alice", ALICE);
        UserInterface ui = prompting(args -> {
            alice.handle(link(args)).delaySubscription(Duration.ofMillis(100)).subscribe();
            return Mono.just(JsonNodeFactory.instance.objectNode().put("accepted", true));
        });
        LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, null, ui, null);
        StepVerifier.create(plugin().build().login(context))
                .assertNext(r -> assertThat(r.permissionLevel()).isEqualTo(ALICE))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void theSubscriberCancellingRemovesTheRegistrationAndDisposesThePrompt() throws Exception {
        AtomicInteger prompted = new AtomicInteger();
        CompletableFuture<Void> promptShown = new CompletableFuture<>();
        AtomicBoolean promptCancelled = new AtomicBoolean();
        UserInterface ui = prompting(args -> Mono.<JsonNode>never()
                .doOnSubscribe(s -> {
                    prompted.incrementAndGet();
                    promptShown.complete(null);
                })
                .doOnCancel(() -> promptCancelled.set(true)));
        WalletPluginSigningRequest plugin = plugin().build();
        Mono<LoginResult> login = kit(ui, plugin, ReactiveSessionStorage.inMemory()).login();
        assertThat(receiver.registrations()).as("cold: nothing registered before subscription").isZero();
        assertThat(prompted).hasValue(0);

        Disposable running = login.subscribe(r -> { }, e -> { });
        // the request is registered before its prompt shows its link
        promptShown.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // one of each: a login started when the Mono was made would have registered and prompted first
        assertThat(prompted).hasValue(1);
        assertThat(receiver.registrations()).isEqualTo(1);
        running.dispose();

        assertThat(receiver.registrations()).isZero();
        assertThat(promptCancelled).isTrue();
    }

    @Test
    void anIdentityProofSignedByAnotherKeyFailsTheLoginWithTheVerifiersReason() {
        // bob's key answers for alice@active: the proof recovers bob's key, which alice's permission lacks
        EsrTestWallet forger = wallet("bob", ALICE);
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(forger.userInterface(), plugin().build(), storage);
        StepVerifier.create(kit.login())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(IdentityProofException.class);
                    assertThat(((IdentityProofException) e).reason()).isEqualTo(IdentityProofException.Reason.FORGED);
                    assertThat(e.getMessage()).contains(ALICE.toString());
                })
                .verify(TIMEOUT);
        assertThat(kit.getSessions().collectList().block(TIMEOUT)).as("nothing stored").isEmpty();
    }

    @Test
    void aLoginForAnotherAccountThanAskedIsRefusedAndAlicesAnswerStillArrives() {
        // issue 17: a callback that does not answer the request leaves it waiting for the real one
        EsrTestWallet bob = wallet("bob", DevAccount.of("bob").active());
        EsrTestWallet alice = wallet("alice", ALICE);
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        UserInterface ui = prompting(args -> bob.handle(link(args)).doOnError(refused::add).onErrorResume(e -> Mono.empty())
                .then(alice.handle(link(args))).then(Mono.never()));
        LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, ALICE, ui, null);
        StepVerifier.create(plugin().build().login(context))
                .assertNext(r -> assertThat(r.permissionLevel()).isEqualTo(ALICE))
                .expectComplete().verify(TIMEOUT);
        assertThat(refused).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("400"));
    }

    @Test
    void aGivenVerifierDecidesAndItsScopeIsTheWalletsScope() {
        IdentityProofVerifier verifier = IdentityProofVerifier.builder().scope(Name.from("otherapp"))
                .chain(devnet.chainId(), client).build();
        WalletPluginSigningRequest plugin = WalletPluginSigningRequest.builder().receiver(receiver)
                .verifier(verifier).build();
        assertThat(plugin.scope()).isEqualTo(Name.from("otherapp"));
        LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, null,
                wallet("alice", ALICE).userInterface(), null);
        StepVerifier.create(plugin.login(context))
                .assertNext(r -> assertThat(IdentityProof.from(r.identityProof().asText()).scope())
                        .isEqualTo(Name.from("otherapp")))
                .expectComplete().verify(TIMEOUT);
        assertThatThrownBy(() -> plugin().verifier(verifier).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("verifier's scope");
    }

    // ------------------------------------------------------------------ forged and broken callbacks

    /** A user interface that answers each prompt by delivering {@code payload(request)} to the receiver itself. */
    static UserInterface delivering(Function<SigningRequest, ObjectNode> payload) {
        return prompting(args -> Mono.fromRunnable(() -> {
            SigningRequest request = SigningRequest.from(link(args));
            String url = request.callback().orElseThrow().url();
            receiver.deliver(url.substring(url.lastIndexOf('/') + 1), payload.apply(request));
        }));
    }

    static Transaction transferTransaction() {
        Session s = Session.builder().chain(chain).client(client).permissionLevel(ALICE)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        return s.transact(TransactArgs.of(transfer("0.0001 EOS", "unsent")),
                io.antelopekit.session.TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT).transaction();
    }

    /** A session of alice signing through a new ESR wallet plugin, with {@code ui}. */
    static Session esrSession(UserInterface ui) {
        return Session.builder().chain(chain).client(client).permissionLevel(ALICE).ui(ui)
                .walletPlugin(plugin().build()).build();
    }

    @Test
    void signaturesComeFromSigAndSigNAndEachMustRecoverAKey() {
        Transaction t = transferTransaction();
        Checksum256 digest = t.signingDigest(devnet.chainId());
        Signature a = DevAccount.of("alice").privateKey().signDigest(digest);
        Signature b = DevAccount.of("bob").privateKey().signDigest(digest);
        UserInterface ui = delivering(r -> JsonNodeFactory.instance.objectNode().put("sig", a.toString())
                .put("sig0", b.toString()).put("sig1", a.toString()).put("tx", t.id().toString())
                .put("cid", devnet.chainId().toString()));
        assertThat(esrSession(ui).signTransaction(t).block(TIMEOUT)).containsExactly(a, b);
    }

    @Test
    void callbacksForAnotherTransactionOrWithoutSignatureAreRefusedAndTheRealOneStillArrives() {
        // issue 17: a garbage or forged callback posted to the request's id no longer ends it
        Transaction t = transferTransaction();
        Signature a = DevAccount.of("alice").privateKey().signDigest(t.signingDigest(devnet.chainId()));
        Signature elsewhere = DevAccount.of("alice").privateKey().signDigest(Checksum256.from("11".repeat(32)));
        List<ObjectNode> bad = List.of(
                JsonNodeFactory.instance.objectNode().put("sig", a.toString()).put("tx", "00".repeat(32)),
                JsonNodeFactory.instance.objectNode().put("tx", t.id().toString()),
                JsonNodeFactory.instance.objectNode().put("sig", "SIG_K1_nonsense"),
                JsonNodeFactory.instance.objectNode().put("sig", a.toString()).put("cid", "22".repeat(32)),
                JsonNodeFactory.instance.objectNode().put("sig", a.toString()).put("tx", "not hex"),
                JsonNodeFactory.instance.objectNode().put("sig", elsewhere.toString()).put("tx", t.id().toString()).put("sig0", 7));
        List<Boolean> taken = new CopyOnWriteArrayList<>();
        UserInterface ui = prompting(args -> Mono.fromRunnable(() -> {
            String url = SigningRequest.from(link(args)).callback().orElseThrow().url();
            String id = url.substring(url.lastIndexOf('/') + 1);
            bad.forEach(p -> taken.add(receiver.deliver(id, p)));
            taken.add(receiver.deliver(id, JsonNodeFactory.instance.objectNode().put("sig", a.toString())
                    .put("tx", t.id().toString()).put("cid", devnet.chainId().toString())));
        }));
        assertThat(esrSession(ui).signTransaction(t).block(TIMEOUT)).containsExactly(a);
        assertThat(taken).containsExactly(false, false, false, false, false, false, true);
    }

    @Test
    void aLoginCallbackAnsweringAnotherRequestIsRefusedAndTheRealAnswerStillArrives() {
        SigningRequest other = SigningRequest.builder().chainId(devnet.chainId()).identityScope(Name.from("evil"))
                .build();
        List<Boolean> taken = new CopyOnWriteArrayList<>();
        EsrTestWallet alice = wallet("alice", ALICE);
        UserInterface ui = prompting(args -> Mono.fromRunnable(() -> {
            String url = SigningRequest.from(link(args)).callback().orElseThrow().url();
            String id = url.substring(url.lastIndexOf('/') + 1);
            taken.add(receiver.deliver(id, JsonNodeFactory.instance.objectNode().put("sig", "SIG_K1_x")
                    .put("req", other.encode()).put("sa", "alice").put("sp", "active")
                    .put("ex", "2030-01-01T00:00:00").put("cid", devnet.chainId().toString())));
            taken.add(receiver.deliver(id, JsonNodeFactory.instance.objectNode().put("garbage", true)));
        }).then(alice.handle(link(args))).then(Mono.never()));
        LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, null, ui, null);
        StepVerifier.create(plugin().build().login(context))
                .assertNext(r -> assertThat(r.permissionLevel()).isEqualTo(ALICE))
                .expectComplete().verify(TIMEOUT);
        assertThat(taken).containsExactly(false, false);
    }

    @Test
    void requestsAreSignedAsTheAppWhenARequestSignerIsGiven() {
        PrivateKey appKey = DevAccount.of("carol").privateKey();
        List<SigningRequest> seen = new CopyOnWriteArrayList<>();
        UserInterface ui = prompting(args -> {
            seen.add(SigningRequest.from(link(args)));
            return Mono.error(new CancelledException("seen"));
        });
        WalletPluginSigningRequest plugin = plugin().requestSigner(Name.from("carol"), appKey).build();
        LoginContext context = Contexts.login("esrtestapp", List.of(chain), chain, null, ui, null);
        StepVerifier.create(plugin.login(context)).expectError(CancelledException.class).verify(TIMEOUT);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).signature()).hasValueSatisfying(s -> assertThat(s.signer()).isEqualTo(Name.from("carol")));
        assertThat(seen.get(0).signatureKey()).contains(appKey.toPublic());
        assertThat(plugin.toString()).contains("carol").doesNotContain(appKey.toSecretString());
        assertThat(plugin.data().toString()).doesNotContain(appKey.toSecretString());
        assertThat(plugin.data().get("requestSigner").asText()).isEqualTo("carol");
    }

    // ------------------------------------------------------------------ rules

    @Test
    void withoutAUserInterfaceOrOnAnotherChainItRefusesAndRegistersNothing() {
        WalletPluginSigningRequest plugin = plugin().chains(devnet.chainId()).build();
        LoginContext noUi = Contexts.login("esrtestapp", List.of(chain), chain, null, null, null);
        StepVerifier.create(plugin.login(noUi))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("user interface"))
                .verify(TIMEOUT);
        Transaction t = Transaction.of(new TransactionHeader(TimePointSec.of(2_000_000_000L), 1, 2, 0, 0, 0));
        StepVerifier.create(plugin.sign(t, Contexts.transact(chain, client, ALICE)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("user interface"))
                .verify(TIMEOUT);
        ChainDefinition elsewhere = ChainDefinition.of(Checksum256.from("11".repeat(32)), "http://127.0.0.1:9");
        LoginContext wrongChain = Contexts.login("esrtestapp", List.of(elsewhere), elsewhere, null,
                wallet("alice", ALICE).userInterface(), null);
        StepVerifier.create(plugin.login(wrongChain))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("does not support chain"))
                .verify(TIMEOUT);
        assertThat(plugin.config().supportedChains()).containsExactly(devnet.chainId());
        assertThat(receiver.registrations()).isZero();
    }

    @Test
    void theBuilderNeedsAReceiverAndAScopeAndDescribesTheWallet() {
        assertThatThrownBy(() -> WalletPluginSigningRequest.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("receiver(...)").hasMessageContaining("scope(...)");
        assertThatThrownBy(() -> plugin().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        WalletPluginSigningRequest plugin = plugin().build();
        assertThat(plugin.id()).isEqualTo("wallet-plugin-esr");
        assertThat(plugin.timeout()).isEqualTo(WalletPluginSigningRequest.DEFAULT_TIMEOUT);
        assertThat(plugin.config().requiresChainSelect()).isFalse();
        assertThat(plugin.config().requiresPermissionEntry()).isFalse();
        assertThat(plugin.config().supportedChains()).isEmpty();
        assertThat(plugin.metadata().name()).isNotBlank();
        assertThat(plugin.data().get("scope").asText()).isEqualTo(SCOPE.toString());
        assertThat(plugin.toString()).contains(SCOPE.toString()).contains(receiver.baseUrl());
    }
}
