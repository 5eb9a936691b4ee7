package io.antelopekit.session;

import static io.antelopekit.session.StoredSessionsTest.await;
import static io.antelopekit.session.StoredSessionsTest.json;
import static io.antelopekit.session.StoredSessionsTest.who;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Restores over real storage, chains and wallets. */
class RestorerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String A = StoredSessionsTest.A;
    static final String B = StoredSessionsTest.B;

    private final NamedWallet anchor = new NamedWallet("anchor");
    private final NamedWallet cloud = new NamedWallet("cloud");
    /** Rebuilds "cloud" wallets from data {@code {"ok":true}}. */
    private final Map<String, WalletPluginFactory> factories = Map.of("cloud", new KitWalletsTest.Factory("cloud"));
    private final KitFixture kit = new KitFixture(List.<WalletPlugin>of(anchor, cloud), factories);
    private final Restorer restorer = new Restorer(kit.chains, kit.wallets, kit.maker, kit.stored, kit.events);

    @AfterEach
    void close() {
        kit.close();
    }

    private void store(String chain, String actor, String wallet, boolean setAsDefault) {
        await(kit.stored.put(StoredSessionsTest.session(chain, actor, "active", wallet, "1"), setAsDefault));
    }

    @Test
    void theChainsDefaultOrTheSessionNamedIsRestoredWithTheKitsSettings() {
        store(A, "alice", "anchor", true);
        store(A, "bob", "anchor", false);
        store(B, "carol", "anchor", true);
        String before = StoredSessionsTest.read(kit.storage, SessionKit.SESSIONS_KEY);

        Session alice = await(restorer.restore(RestoreArgs.of(KitFixture.A.id()), null));
        Session bob = await(restorer.restore(RestoreArgs.of(KitFixture.A.id()).withActor("bob"), null));

        assertThat(alice.actor().toString()).isEqualTo("alice");
        assertThat(alice.chain()).isEqualTo(KitFixture.A);
        assertThat(alice.client()).isSameAs(kit.client(KitFixture.A));
        assertThat(alice.walletPlugin()).isSameAs(anchor);
        assertThat(bob.actor().toString()).isEqualTo("bob");
        // nothing changed: not asked to become the default
        assertThat(StoredSessionsTest.read(kit.storage, SessionKit.SESSIONS_KEY)).isEqualTo(before);
        assertThat(kit.seen).extracting(SessionEvent::type)
                .containsExactly(SessionEvent.Type.RESTORE, SessionEvent.Type.RESTORE);
    }

    @Test
    void restoringAsTheDefaultStoresItAndChangesTheDefault() {
        store(A, "alice", "anchor", true);
        store(A, "bob", "anchor", false);

        Session bob = await(restorer.restore(RestoreArgs.of(KitFixture.A.id()).withActor("bob").withSetAsDefault(true),
                null));

        assertThat(bob.actor().toString()).isEqualTo("bob");
        assertThat(who(await(kit.stored.list()))).containsExactly("alice@active", "bob@active*");
        assertThat(await(kit.stored.current()).actor()).isEqualTo("bob");
        assertThat(kit.seen).extracting(SessionEvent::type)
                .containsExactly(SessionEvent.Type.RESTORE, SessionEvent.Type.DEFAULT_CHANGED);
    }

    @Test
    void loginOptionsGiveTheDefaultChoice() {
        store(A, "alice", "anchor", false);

        await(restorer.restore(RestoreArgs.of(KitFixture.A.id()).withActor("alice"), LoginOptions.DEFAULT));

        assertThat(who(await(kit.stored.list()))).containsExactly("alice@active*");
    }

    @Test
    void nothingStoredMatchingAndArgumentsThatAreNotASessionRestoreNothing() {
        store(A, "alice", "anchor", true);

        StepVerifier.create(restorer.restore(RestoreArgs.of(KitFixture.A.id()).withActor("zed"), null))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(restorer.restore(RestoreArgs.of(KitFixture.B.id()), null))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(kit.seen).isEmpty();
    }

    @Test
    void argumentsThatDescribeASessionBuildAndStoreIt() {
        RestoreArgs dave = RestoreArgs.of(KitFixture.B.id()).withActor("dave").withPermission("active")
                .withWalletPlugin("cloud", json("{\"ok\":true}")).withData(json("{\"app\":1}"));

        Session session = await(restorer.restore(dave, null));

        assertThat(session.walletPlugin()).isInstanceOf(NamedWallet.class).isNotSameAs(cloud);
        assertThat(session.data()).isEqualTo(json("{\"app\":1}"));
        SerializedSession stored = await(kit.stored.list()).get(0);
        assertThat(stored.actor()).isEqualTo("dave");
        assertThat(stored.walletPlugin().data()).isEqualTo(json("{\"ok\":true}"));
        assertThat(stored.isDefault()).isFalse();
    }

    @Test
    void walletDataGivenReplacesTheStoredOne() {
        store(A, "alice", "cloud", false);

        await(restorer.restore(RestoreArgs.of(KitFixture.A.id()).withActor("alice")
                .withWalletPlugin("cloud", json("{\"ok\":true,\"n\":2}")), null));

        assertThat(await(kit.stored.list()).get(0).walletPlugin().data()).isEqualTo(json("{\"ok\":true,\"n\":2}"));
    }

    @Test
    void theCurrentSessionIsTheLastDefault() {
        StepVerifier.create(restorer.restoreCurrent()).expectComplete().verify(TIMEOUT);
        store(B, "carol", "anchor", true);
        store(A, "alice", "anchor", true);

        assertThat(await(restorer.restoreCurrent()).actor().toString()).isEqualTo("alice");
    }

    @Test
    void anotherChainOrAnUnknownWalletIsAnError() {
        StepVerifier.create(restorer.restore(RestoreArgs.of(KitChainsTest.C.id()), null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownChainException.class)
                        .hasMessageStartingWith("restore chain " + KitChainsTest.C.id()))
                .verify(TIMEOUT);
        store(A, "alice", "gone", true);
        StepVerifier.create(restorer.restore(RestoreArgs.of(KitFixture.A.id()), null))
                .expectError(UnknownWalletException.class)
                .verify(TIMEOUT);
    }

    @Test
    void everyStoredSessionOfARegisteredWalletIsRestoredInStorageOrder() {
        store(A, "bob", "anchor", false);
        store(A, "alice", "gone", true);
        store(B, "carol", "anchor", true);

        assertThat(who(await(restorer.sessions().collectList()))).containsExactly("carol@active*", "bob@active");
        List<Session> all = await(restorer.restoreAll().collectList());

        assertThat(all).extracting(s -> s.actor().toString()).containsExactly("carol", "bob");
        assertThat(kit.seen).extracting(SessionEvent::type)
                .containsExactly(SessionEvent.Type.RESTORE, SessionEvent.Type.RESTORE);
    }

    @Test
    void findPrefersTheChainsDefaultAmongTheMatches() {
        SerializedSession alice = StoredSessionsTest.session(A, "alice", "active", "anchor", "1").withDefault(false);
        SerializedSession aliceOwner = StoredSessionsTest.session(A, "alice", "owner", "anchor", "1").withDefault(true);
        SerializedSession bob = StoredSessionsTest.session(A, "bob", "active", "cloud", "1").withDefault(false);
        List<SerializedSession> list = List.of(alice, aliceOwner, bob);

        assertThat(Restorer.find(list, RestoreArgs.of(KitFixture.A.id()))).isSameAs(aliceOwner);
        assertThat(Restorer.find(list, RestoreArgs.of(KitFixture.A.id()).withActor("alice"))).isSameAs(aliceOwner);
        assertThat(Restorer.find(list, RestoreArgs.of(KitFixture.A.id()).withPermission("active"))).isSameAs(alice);
        assertThat(Restorer.find(list, RestoreArgs.of(KitFixture.A.id()).withWalletPlugin("cloud"))).isSameAs(bob);
        assertThat(Restorer.find(list, RestoreArgs.of(KitFixture.B.id()))).isNull();
        assertThat(Restorer.find(List.of(alice, bob), RestoreArgs.of(KitFixture.A.id()))).isNull();
    }
}
