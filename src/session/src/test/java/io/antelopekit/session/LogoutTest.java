package io.antelopekit.session;

import static io.antelopekit.session.StoredSessionsTest.await;
import static io.antelopekit.session.StoredSessionsTest.who;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.WalletPlugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Logouts over real storage and chains, with wallets that record their logouts. */
class LogoutTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String A = StoredSessionsTest.A;
    static final String B = StoredSessionsTest.B;

    private final NamedWallet anchor = new NamedWallet("anchor");
    private final NamedWallet cloud = new NamedWallet("cloud");
    private final KitFixture kit = new KitFixture(List.<WalletPlugin>of(anchor, cloud), Map.of());
    private final Logout logout = new Logout("app", kit.chains, kit.wallets, kit.ui, kit.stored, kit.events);

    @AfterEach
    void close() {
        kit.close();
    }

    private SerializedSession store(String chain, String actor, String wallet, boolean setAsDefault) {
        SerializedSession s = StoredSessionsTest.session(chain, actor, "active", wallet, "1");
        await(kit.stored.put(s, setAsDefault));
        return s.withDefault(setAsDefault);
    }

    @Test
    void oneSessionIsRemovedThenItsWalletLogsOutWithTheSessionsContext() {
        store(A, "bob", "anchor", false);
        SerializedSession alice = store(A, "alice", "anchor", true);

        StepVerifier.create(logout.one(alice.withDefault(false), anchor)).expectComplete().verify(TIMEOUT);

        assertThat(who(await(kit.stored.list()))).containsExactly("bob@active");
        assertThat(StoredSessionsTest.read(kit.storage, SessionKit.SESSION_KEY)).isNull();
        assertThat(anchor.logouts).hasSize(1);
        LoginContext context = anchor.logouts.get(0);
        assertThat(context.appName()).isEqualTo("app");
        assertThat(context.chain()).isEqualTo(KitFixture.A);
        assertThat(context.client()).isSameAs(kit.client(KitFixture.A));
        assertThat(context.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(context.walletPlugin()).isSameAs(anchor);
        // the event names the stored entry (a default), so the chain has no default left
        Checksum256 chain = Checksum256.from(A);
        assertThat(kit.seen).containsExactly(new SessionEvent(SessionEvent.Type.LOGOUT, chain, alice),
                new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, null));
    }

    @Test
    void aSessionOfAnUnregisteredWalletIsRemovedWithoutAWalletLogout() {
        SerializedSession gone = store(B, "carol", "gone", false);

        StepVerifier.create(logout.one(gone)).expectComplete().verify(TIMEOUT);

        assertThat(await(kit.stored.list())).isEmpty();
        assertThat(anchor.logouts).isEmpty();
        assertThat(cloud.logouts).isEmpty();
        assertThat(kit.seen).extracting(SessionEvent::type).containsExactly(SessionEvent.Type.LOGOUT);
    }

    @Test
    void logoutOfEveryoneRemovesTheRegisteredWalletsSessionsAndLogsEachOut() {
        store(A, "alice", "anchor", true);
        store(A, "bob", "gone", false);
        store(B, "carol", "cloud", false);

        StepVerifier.create(logout.all()).expectComplete().verify(TIMEOUT);

        assertThat(who(await(kit.stored.list()))).containsExactly("bob@active");
        assertThat(StoredSessionsTest.read(kit.storage, SessionKit.SESSION_KEY)).isNull();
        assertThat(anchor.logouts).extracting(LoginContext::permissionLevel)
                .containsExactly(PermissionLevel.from("alice@active"));
        assertThat(cloud.logouts).extracting(LoginContext::permissionLevel)
                .containsExactly(PermissionLevel.from("carol@active"));
        assertThat(kit.seen).extracting(SessionEvent::type).containsExactlyInAnyOrder(SessionEvent.Type.LOGOUT,
                SessionEvent.Type.LOGOUT, SessionEvent.Type.DEFAULT_CHANGED);
    }
}
