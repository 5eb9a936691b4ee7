package io.antelopekit.transact;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.antelopekit.transact.TransactFixtures.COSIGN_KEY;
import static io.antelopekit.transact.TransactFixtures.PAYER_COSIGN;
import static io.antelopekit.transact.TransactFixtures.TIMEOUT;
import static io.antelopekit.transact.TransactFixtures.transfer;
import static io.antelopekit.transact.TransactFixtures.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AllowListPlugin}: its rules, then against the devnet alone and with a {@link ResourcePayerPlugin}. */
@ExtendWith(BlockHoundSupport.class)
class AllowListPluginTest {

    static TransactFixtures fx;

    @BeforeAll
    static void start() {
        fx = new TransactFixtures();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static Action action(String contract, String name, String... auth) {
        List<PermissionLevel> levels = java.util.Arrays.stream(auth).map(PermissionLevel::from).toList();
        return Action.of(Name.from(contract), Name.from(name), levels, Bytes.EMPTY);
    }

    static Transaction transaction(List<Action> cfas, Action... actions) {
        return Transaction.of(new TransactionHeader(TimePointSec.of(2_000_000_000L), 1, 2, 0, 0, 0), cfas,
                List.of(actions), List.of());
    }

    // ---------------------------------------------------------------------------------- rules

    @Test
    void entriesAllowAContractAnActionOrAnActionForSomeAuthorizers() {
        AllowListPlugin guard = AllowListPlugin.builder()
                .allow("eosio.token::transfer", "bot@active", "treasury")
                .allow("mygame")
                .allow("other::*")
                .allow("eosio.token::open")
                .build();
        assertThat(guard.entries()).containsExactly("eosio.token::transfer by [bot@active, treasury]", "mygame::*",
                "other::*", "eosio.token::open");
        assertThat(guard.allows(action("mygame", "play", "alice@active"))).isTrue();
        assertThat(guard.allows(action("other", "anything"))).isTrue();
        assertThat(guard.allows(action("eosio.token", "open", "alice@active"))).isTrue();
        assertThat(guard.allows(action("eosio.token", "transfer", "bot@active"))).isTrue();
        assertThat(guard.allows(action("eosio.token", "transfer", "treasury@owner", "bot@active"))).isTrue();
        assertThat(guard.allows(action("eosio.token", "transfer", "bot@owner"))).as("bot@owner is not listed").isFalse();
        assertThat(guard.allows(action("eosio.token", "transfer", "bot@active", "alice@active")))
                .as("each authorization must be listed").isFalse();
        assertThat(guard.allows(action("eosio.token", "transfer"))).as("no authorization").isFalse();
        assertThat(guard.allows(action("eosio.token", "issue", "bot@active"))).isFalse();
        assertThat(guard.allows(action("eosio", "updateauth", "bot@active"))).isFalse();
        assertThat(AllowListPlugin.of("eosio.token::transfer").allows(action("eosio.token", "transfer", "x@y")))
                .isTrue();
        assertThat(guard.id()).isEqualTo(AllowListPlugin.ID).isEqualTo("transact-plugin-allow-list");
        assertThat(guard.toString()).contains("mygame::*");
    }

    @Test
    void aRefusalNamesTheActionItsIndexAndWhy() {
        AllowListPlugin guard = AllowListPlugin.builder().allow("eosio.token::transfer", "bot")
                .allow("mygame::play").build();
        Transaction t = transaction(List.of(), action("mygame", "play", "bot@active"),
                action("eosio.token", "issue", "bot@active"));
        assertThatThrownBy(() -> guard.check(t))
                .isInstanceOfSatisfying(TransactRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TransactRefusedException.Reason.NOT_ALLOWED);
                    assertThat(e.pluginId()).isEqualTo(AllowListPlugin.ID);
                    assertThat(e.actionIndex()).isEqualTo(1);
                    assertThat(e.contextFree()).isFalse();
                    assertThat(e.contract()).isEqualTo(Name.from("eosio.token"));
                    assertThat(e.action()).isEqualTo(Name.from("issue"));
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("actions[1] eosio.token::issue")
                .hasMessageContaining("action issue is not on the allow-list")
                .hasMessageContaining("[transfer]");
        assertThatThrownBy(() -> guard.check(transaction(List.of(), action("eosio.token", "transfer", "alice@active"))))
                .hasMessageContaining("actions[0]")
                .hasMessageContaining("only when each authorization is one of [bot]");
        assertThatThrownBy(() -> guard.check(transaction(List.of(), action("evil", "drain", "bot@active"))))
                .hasMessageContaining("contract evil is not on the allow-list");
        // context-free actions are checked, and only an entry without authorizers lets them pass
        assertThatThrownBy(() -> guard.check(transaction(List.of(action("mygame", "play"),
                action("eosio.token", "transfer")), action("mygame", "play", "bot@active"))))
                .isInstanceOfSatisfying(TransactRefusedException.class, e -> {
                    assertThat(e.contextFree()).isTrue();
                    assertThat(e.actionIndex()).isEqualTo(1);
                })
                .hasMessageContaining("context_free_actions[1] eosio.token::transfer []");
        AllowListPlugin open = AllowListPlugin.of("mygame");
        open.check(transaction(List.of(action("mygame", "log")), action("mygame", "play", "bot@active")));
    }

    @Test
    void malformedEntriesAreRefusedByName() {
        assertThatThrownBy(() -> AllowListPlugin.of("Bad::x")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"Bad::x\"").hasMessageContaining("contract");
        assertThatThrownBy(() -> AllowListPlugin.of("eosio.token::")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("action is empty");
        assertThatThrownBy(() -> AllowListPlugin.of("::transfer")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("contract is empty");
        assertThatThrownBy(() -> AllowListPlugin.of("abc.")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reads as");
        assertThatThrownBy(() -> AllowListPlugin.builder().allow("eosio.token::transfer", "bot@active@x"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("authorizer[0]");
        assertThatThrownBy(() -> AllowListPlugin.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------------------------- on the devnet

    /** A plugin after the guard that would sign: counts its calls. */
    static final class Spy implements TransactPlugin {
        final AtomicInteger calls = new AtomicInteger();

        public String id() {
            return "spy";
        }

        public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
            return Mono.fromRunnable(calls::incrementAndGet);
        }
    }

    @Test
    void anUnlistedActionIsRefusedBeforeAnythingIsSigned() {
        TransactFixtures.CountingWallet wallet = new TransactFixtures.CountingWallet(DevAccount.of("alice").privateKey());
        TransactFixtures.CountingSigner payerSigner = new TransactFixtures.CountingSigner(COSIGN_KEY);
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN).signer(payerSigner).build();
        Spy spy = new Spy();
        Session session = fx.sessionBuilder("alice", wallet)
                .transactPlugins(AllowListPlugin.of("mygame"))
                .transactPlugins(payer)
                .transactPlugins(spy)
                .build();
        long before = fx.balance("bob");
        StepVerifier.create(session.transact(TransactArgs.of(transfer("alice", "bob", "5.0000 EOS"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(TransactRefusedException.class);
                    assertThat(e.getMessage()).contains("transact-plugin-allow-list refused actions[0] "
                            + "eosio.token::transfer [alice@active]").contains("not on the allow-list")
                            .contains("before signing");
                })
                .verify(TIMEOUT);
        assertThat(wallet.signs.get()).as("the wallet is never asked").isZero();
        assertThat(payerSigner.signs.get()).as("nor the payer").isZero();
        assertThat(spy.calls.get()).as("nor a later plugin").isZero();
        assertThat(fx.balance("bob")).isEqualTo(before);
    }

    @Test
    void allowedActionsPass() {
        AllowListPlugin guard = AllowListPlugin.builder().allow("eosio.token::transfer", "alice@active").build();
        long before = fx.balance("bob");
        TransactResult r = fx.sessionBuilder("alice", new TransactFixtures.CountingWallet(
                        DevAccount.of("alice").privateKey())).transactPlugins(guard).build()
                .transact(TransactArgs.of(transfer("alice", "bob", "0.5000 EOS"))).block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple(AllowListPlugin.ID, false, 0));
        assertThat(fx.balance("bob") - before).isEqualTo(units("0.5000 EOS"));

        // the same entry for bob's authority only: alice's transfer is refused
        AllowListPlugin bobOnly = AllowListPlugin.builder().allow("eosio.token::transfer", "bob").build();
        StepVerifier.create(fx.sessionBuilder("alice", new TransactFixtures.CountingWallet(
                        DevAccount.of("alice").privateKey())).transactPlugins(bobOnly).build()
                        .transact(TransactArgs.of(transfer("alice", "bob", "0.5000 EOS"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactRefusedException.class)
                        .hasMessageContaining("one of [bob]"))
                .verify(TIMEOUT);
    }

    @Test
    void theGuardAndThePayerTogether() {
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN).key(COSIGN_KEY).build();
        AllowListPlugin guard = AllowListPlugin.builder()
                .allow("eosio.token::transfer", "alice@active")
                .allow("greymassnoop::noop", "payer@cosign")
                .build();
        Session session = fx.sessionBuilder("alice", new TransactFixtures.CountingWallet(
                DevAccount.of("alice").privateKey())).transactPlugins(guard).transactPlugins(payer).build();
        long before = fx.balance("bob");
        TransactResult r = session.transact(TransactArgs.of(transfer("alice", "bob", "0.2500 EOS"))).block(TIMEOUT);
        assertThat(r.transaction().actions().get(0)).isEqualTo(payer.noopAction());
        assertThat(r.signatures()).hasSize(2);
        assertThat(r.revisions()).extracting(TransactResult.Revision::pluginId)
                .containsExactly(AllowListPlugin.ID, ResourcePayerPlugin.ID);
        assertThat(r.response().processed().actionTraces().get(0).act().authorization())
                .containsExactly(PAYER_COSIGN);
        assertThat(fx.balance("bob") - before).isEqualTo(units("0.2500 EOS"));

        // the payer's no-op not listed: the final transaction is refused after signing, never broadcast
        AllowListPlugin strict = AllowListPlugin.builder().allow("eosio.token::transfer", "alice@active").build();
        Session strictSession = fx.sessionBuilder("alice", new TransactFixtures.CountingWallet(
                DevAccount.of("alice").privateKey())).transactPlugins(strict).transactPlugins(payer).build();
        long between = fx.balance("bob");
        StepVerifier.create(strictSession.transact(TransactArgs.of(transfer("alice", "bob", "0.2500 EOS"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactRefusedException.class)
                        .hasMessageContaining("actions[0] greymassnoop::noop")
                        .hasMessageContaining("after signing"))
                .verify(TIMEOUT);
        assertThat(fx.balance("bob")).isEqualTo(between);

        // a transfer the guard does not allow is refused before the payer is asked, payer or not
        StepVerifier.create(session.transact(TransactArgs.of(transfer("alice", "bob", "0.2500 EOS"),
                        io.antelopekit.session.ActionRequest.of("eosio.token", "open",
                                List.of(DevAccount.of("alice").active()),
                                java.util.Map.of("owner", "alice", "symbol", "4,EOS", "ram_payer", "alice")))))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("actions[1] eosio.token::open")
                        .hasMessageContaining("before signing"))
                .verify(TIMEOUT);
    }
}
