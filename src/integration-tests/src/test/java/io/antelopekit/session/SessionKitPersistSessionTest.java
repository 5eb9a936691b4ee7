package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.session.SessionKitTestSupport.Calls;
import io.antelopekit.session.SessionKitTestSupport.RecordingUi;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SessionKit#persistSession} and {@link Session#withUserInterface}. */
@ExtendWith(BlockHoundSupport.class)
class SessionKitPersistSessionTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static Devnet devnet;
    static ChainDefinition chain;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(100)).irreversibleDistance(1));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        chain = new ChainDefinition(devnet.chainId(), List.of(devnet.url()), "Devnet", null, "4,EOS");
    }

    @AfterAll
    static void stop() {
    }

    static SessionKit kit(ReactiveSessionStorage storage, UserInterface ui) {
        return SessionKit.builder().appName("persisttest").chains(chain).ui(ui).storage(storage)
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey(),
                        DevAccount.of("bob").privateKey()))
                .build();
    }

    static SerializedSession signedIn(String actor, boolean isDefault) {
        return new SerializedSession(devnet.chainId().toString(), actor, "active",
                new SerializedSession.WalletData("wallet-plugin-privatekey", null), null, isDefault);
    }

    @Test
    void aSessionSignedInElsewhereIsStoredBuiltWithTheKitsSettingsAndRestoredByANewKit() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        RecordingUi ui = new RecordingUi(new Calls());
        SessionKit kit = kit(storage, ui);
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        kit.events().subscribe(events::add);
        try {
            StepVerifier.create(kit.persistSession(signedIn("alice", true)).subscribeOn(Schedulers.parallel()))
                    .assertNext(s -> {
                        assertThat(s.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
                        assertThat(s.client()).isSameAs(kit.client(chain.id()));
                        assertThat(s.ui()).isSameAs(ui);
                    })
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(kit.persistSession(signedIn("bob", false))).expectNextCount(1).expectComplete()
                    .verify(TIMEOUT);
            assertThat(events).extracting(SessionEvent::type)
                    .containsExactly(SessionEvent.Type.LOGIN, SessionEvent.Type.DEFAULT_CHANGED, SessionEvent.Type.LOGIN);

            SessionKit next = kit(storage, ui);
            try {
                assertThat(next.getSessions().map(SerializedSession::actor).collectList().block(TIMEOUT))
                        .containsExactly("alice", "bob");
                assertThat(next.restore().block(TIMEOUT).actor()).isEqualTo(Name.from("alice"));
            } finally {
                next.dispose();
            }
        } finally {
            kit.dispose();
        }
    }

    @Test
    void anUnknownWalletOrChainIsRefusedAndNothingIsStored() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage, new RecordingUi(new Calls()));
        try {
            SerializedSession otherWallet = new SerializedSession(devnet.chainId().toString(), "alice", "active",
                    new SerializedSession.WalletData("no-such-wallet", null), null, true);
            StepVerifier.create(kit.persistSession(otherWallet)).expectError(UnknownWalletException.class)
                    .verify(TIMEOUT);
            SerializedSession otherChain = new SerializedSession("00".repeat(32), "alice", "active",
                    new SerializedSession.WalletData("wallet-plugin-privatekey", null), null, true);
            StepVerifier.create(kit.persistSession(otherChain)).expectError(UnknownChainException.class)
                    .verify(TIMEOUT);
            assertThat(storage.read(SessionKit.SESSIONS_KEY).block(TIMEOUT)).isNull();
        } finally {
            kit.dispose();
        }
    }

    @Test
    void withUserInterfaceSendsOnlyThatCallsProgressToTheOtherInterface() {
        Calls kitCalls = new Calls();
        Calls userCalls = new Calls();
        SessionKit kit = kit(ReactiveSessionStorage.inMemory(), new Progress(kitCalls));
        try {
            Session session = kit.persistSession(signedIn("alice", true)).block(TIMEOUT);
            UserInterface perUser = new Progress(userCalls);
            Session forUser = session.withUserInterface(perUser);
            assertThat(forUser.ui()).isSameAs(perUser);
            assertThat(forUser.permissionLevel()).isEqualTo(session.permissionLevel());
            assertThat(forUser.client()).isSameAs(session.client());

            ActionRequest transfer = ActionRequest.of("eosio.token", "transfer",
                    java.util.Map.of("from", "............1", "to", "bob", "quantity", "0.0001 EOS", "memo", "per-user ui"));
            StepVerifier.create(forUser.transact(TransactArgs.of(transfer)).subscribeOn(Schedulers.parallel()))
                    .assertNext(r -> assertThat(r.id()).isNotNull())
                    .expectComplete().verify(TIMEOUT);
            assertThat(userCalls.snapshot()).contains("ui.onTransact", "ui.onTransactComplete");
            assertThat(kitCalls.snapshot()).doesNotContain("ui.onTransact");
        } finally {
            kit.dispose();
        }
    }

    /** Records the transact progress it is told. */
    record Progress(Calls calls) implements UserInterface {
        @Override
        public Mono<Void> onTransact() {
            return Mono.fromRunnable(() -> calls.add("ui.onTransact"));
        }

        @Override
        public Mono<Void> onTransactComplete() {
            return Mono.fromRunnable(() -> calls.add("ui.onTransactComplete"));
        }
    }
}
