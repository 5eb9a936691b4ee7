package io.antelopekit.session;

import static io.antelopekit.session.StoredSessionsTest.await;
import static io.antelopekit.session.StoredSessionsTest.who;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.ui.HeadlessUserInterface;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Logins over real storage, chains, a headless user interface and a wallet that logs in as chosen. */
class LoginFlowTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Records its hooks' calls and contexts. */
    static final class Hooks implements LoginPlugin {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<LoginContext> contexts = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "hooks";
        }

        @Override
        public Mono<Void> beforeLogin(LoginContext context) {
            return Mono.fromRunnable(() -> {
                calls.add("before");
                contexts.add(context);
            });
        }

        @Override
        public Mono<Void> afterLogin(LoginContext context) {
            return Mono.fromRunnable(() -> {
                calls.add("after");
                contexts.add(context);
            });
        }
    }

    private final NamedWallet anchor = new NamedWallet("anchor");
    private final Hooks hooks = new Hooks();
    private KitFixture kit;

    private LoginFlow flow(HeadlessUserInterface ui, LoginMetrics metrics) {
        kit = new KitFixture(ui, List.<WalletPlugin>of(anchor), Map.of());
        return new LoginFlow("app", kit.chains, kit.wallets, kit.ui, List.of(hooks), metrics, kit.maker, kit.stored,
                kit.events);
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aLoginWithEverythingPreselectedRunsTheHooksAndStoresTheSessionAsTheDefault() {
        LoginFlow flow = flow(HeadlessUserInterface.create(), null);

        LoginResult result = await(flow.login(LoginOptions.builder().chain(KitFixture.A.id())
                .permissionLevel("alice@active").build()));

        Session session = result.session();
        assertThat(session.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(session.chain()).isEqualTo(KitFixture.A);
        assertThat(session.client()).isSameAs(kit.client(KitFixture.A));
        assertThat(session.walletPlugin()).isSameAs(anchor);
        assertThat(hooks.calls).containsExactly("before", "after");
        assertThat(hooks.contexts.get(1).permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(who(await(kit.stored.list()))).containsExactly("alice@active*");
        assertThat(await(kit.stored.current()).actor()).isEqualTo("alice");
        assertThat(kit.seen).extracting(SessionEvent::type)
                .containsExactly(SessionEvent.Type.LOGIN, SessionEvent.Type.DEFAULT_CHANGED);
    }

    @Test
    void theUserInterfaceChoosesTheChainLeftOpen() {
        LoginFlow flow = flow(HeadlessUserInterface.builder().chain(KitFixture.B.id()).build(), null);

        LoginResult result = await(flow.login(LoginOptions.builder().permissionLevel("bob@active")
                .setAsDefault(false).build()));

        assertThat(result.session().chain()).isEqualTo(KitFixture.B);
        assertThat(who(await(kit.stored.list()))).containsExactly("bob@active");
        assertThat(kit.seen).extracting(SessionEvent::type).containsExactly(SessionEvent.Type.LOGIN);
    }

    @Test
    void anUnknownWalletIsToldToTheUserInterfaceAndKeepsItsType() {
        LoginFlow flow = flow(HeadlessUserInterface.create(), null);

        StepVerifier.create(flow.login(LoginOptions.builder().walletPlugin("other").build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownWalletException.class)
                        .hasMessageContaining("'other' names no wallet plugin of this kit (it has [anchor])"))
                .verify(TIMEOUT);
        assertThat(kit.ui.lastError()).containsInstanceOf(UnknownWalletException.class);
        assertThat(hooks.calls).isEmpty();
        assertThat(await(kit.stored.list())).isEmpty();
    }

    @Test
    void theLoginTimerNamesChainWalletAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoginFlow flow = flow(HeadlessUserInterface.create(), new LoginMetrics(registry));

        await(flow.login(LoginOptions.builder().chain(KitFixture.A.id()).permissionLevel("alice@active").build()));

        Timer timer = registry.find(LoginMetrics.LOGIN).tag("chain", KitFixture.A.id().toString())
                .tag("wallet", "anchor").tag("outcome", "success").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void storeEmitsANewDefaultOnlyOnce() {
        LoginFlow flow = flow(HeadlessUserInterface.create(), null);
        Session session = kit.maker.make(kit.chains.get(KitFixture.A.id(), "chain"),
                PermissionLevel.from("carol@active"), anchor, null, null);

        StepVerifier.create(flow.store(session, true).then(flow.store(session, true)))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(kit.seen).extracting(SessionEvent::type).containsExactly(SessionEvent.Type.LOGIN,
                SessionEvent.Type.DEFAULT_CHANGED, SessionEvent.Type.LOGIN);
        assertThat(who(await(kit.stored.list()))).containsExactly("carol@active*");
    }
}
