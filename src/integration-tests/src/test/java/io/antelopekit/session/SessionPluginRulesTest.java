package io.antelopekit.session;

import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.Signature;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules for plugins' changes and signatures; no node is contacted (the header is set, broadcast is off). */
@ExtendWith(BlockHoundSupport.class)
class SessionPluginRulesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Checksum256 CHAIN_ID = Checksum256.from("aa".repeat(32));
    static final PrivateKey WALLET_KEY = PrivateKey.generate(io.antelopekit.crypto.KeyType.K1);
    static final PrivateKey COSIGNER_KEY = PrivateKey.generate(io.antelopekit.crypto.KeyType.K1);
    static final TransactOptions NO_BROADCAST = TransactOptions.DEFAULT.withBroadcast(false);

    static ChainClient unused;

    @BeforeAll
    static void client() {
        unused = ChainClient.create("http://127.0.0.1:1");
    }

    @AfterAll
    static void dispose() {
        unused.dispose();
    }

    static Transaction transaction(String memo) {
        Action a = Action.of(Name.from("app"), Name.from("act"),
                List.of(ActionRequest.PLACEHOLDER_SIGNER), Bytes.of(memo.getBytes()));
        return Transaction.of(new TransactionHeader(TimePointSec.of(2_000_000_000L), 1, 2, 0, 0, 0), a);
    }

    static TransactPlugin plugin(String id, BiFunction<Transaction, TransactContext, TransactHookResult> hook) {
        return new TransactPlugin() {
            public String id() {
                return id;
            }

            public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                return Mono.fromSupplier(() -> hook.apply(t, c));
            }
        };
    }

    static TransactPlugin cosigner() {
        return plugin("cosigner", (t, c) -> TransactHookResult.sign(t,
                List.of(COSIGNER_KEY.signDigest(t.signingDigest(c.chain().id())))));
    }

    static Session.Builder session() {
        return Session.builder().chain(ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:1")).client(unused)
                .actor("alice").permission("active").walletPlugin(WalletPluginPrivateKey.of(WALLET_KEY));
    }

    @Test
    void pluginSignaturesComeFirstAndPlaceholdersAreResolvedBeforeHooks() {
        Session s = session().transactPlugins(cosigner()).build();
        TransactResult r = s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(r.response()).isNull();
        assertThat(r.transaction().actions().get(0).authorization())
                .containsExactly(PermissionLevel.of("alice", "active"));
        Checksum256 digest = r.transaction().signingDigest(CHAIN_ID);
        assertThat(r.signatures()).hasSize(2);
        assertThat(r.signatures().get(0).recover(digest)).isEqualTo(COSIGNER_KEY.toPublic());
        assertThat(r.signatures().get(1).recover(digest)).isEqualTo(WALLET_KEY.toPublic());
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("cosigner", false, 1));
        assertThat(r.transaction().header().refBlockNum()).isEqualTo(1);
    }

    @Test
    void aSignatureLocksTheTransactionForLaterHooks() {
        TransactPlugin changer = plugin("changer", (t, c) -> TransactHookResult.modify(transaction("changed")));
        Session s = session().transactPlugins(cosigner(), changer).build();
        StepVerifier.create(s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("changer").hasMessageContaining("locks"))
                .verify(TIMEOUT);
    }

    @Test
    void aChangeIsIgnoredWhenModificationIsNotAllowed() {
        TransactPlugin changer = plugin("changer", (t, c) -> TransactHookResult.modify(transaction("changed")));
        Session s = session().allowModify(false).transactPlugins(changer).build();
        TransactResult r = s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(r.transaction().actions().get(0).data()).isEqualTo(Bytes.of("x".getBytes()));
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("changer", false, 0));

        TransactResult allowed = session().transactPlugins(changer).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(allowed.transaction().actions().get(0).data()).isEqualTo(Bytes.of("changed".getBytes()));
        assertThat(allowed.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("changer", true, 0));
    }

    @Test
    void eachHookIsToldWhetherAChangeWouldBeApplied() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        TransactPlugin before = plugin("before", (t, c) -> {
            seen.add("before:" + c.allowModify());
            return null;
        });
        TransactPlugin after = plugin("after", (t, c) -> {
            seen.add("after:" + c.allowModify());
            return null;
        });
        // allowed, and nothing signed yet: true; after the cosigner's signature locks it: false
        session().transactPlugins(before, cosigner(), after).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(seen).containsExactly("before:true", "after:false");

        // not allowed by the session, or by the call: false everywhere
        seen.clear();
        session().allowModify(false).transactPlugins(before).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        session().transactPlugins(before).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST.withAllowModify(false)).block(TIMEOUT);
        assertThat(seen).containsExactly("before:false", "before:false");

        // a context made outside a session allows a change
        assertThat(Contexts.transact(ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:1"), unused,
                PermissionLevel.of("alice", "active")).allowModify()).isTrue();
    }

    @Test
    void aPluginCannotSignATransactionWithoutItsHeader() {
        Transaction unset = Transaction.of(new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0),
                transaction("x").actions());
        Session s = session().transactPlugins(cosigner()).build();
        StepVerifier.create(s.transact(TransactArgs.of(unset), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("cosigner").hasMessageContaining("header"))
                .verify(TIMEOUT);
    }

    @Test
    void signTransactionSignsAsGiven() {
        Transaction t = transaction("y");
        List<io.antelopekit.crypto.Signature> sigs = session().build().signTransaction(t).block(TIMEOUT);
        assertThat(sigs).hasSize(1);
        assertThat(sigs.get(0).recover(t.signingDigest(CHAIN_ID))).isEqualTo(WALLET_KEY.toPublic());
    }

    @Test
    void errorsReachTheUiFirstAndKeepTheirType() {
        java.util.List<Throwable> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.antelopekit.plugin.UserInterface ui = new io.antelopekit.plugin.UserInterface() {
            public Mono<Void> onError(Throwable e) {
                return Mono.fromRunnable(() -> seen.add(e));
            }
        };
        IllegalStateException boom = new IllegalStateException("boom");
        TransactPlugin failing = plugin("failing", (t, c) -> {
            throw boom;
        });
        Session s = session().ui(ui).transactPlugins(failing).build();
        StepVerifier.create(s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);
        assertThat(seen).containsExactly(boom);
    }

    @Test
    void theBuilderNamesWhatIsMissing() {
        assertThatThrownBy(() -> Session.builder().actor("alice").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chain").hasMessageContaining("permission").hasMessageContaining("walletPlugin");
    }

    @Test
    void aSignatureThatRecoversToNoKeyIsRefused() {
        byte[] bad = new byte[65];
        bad[0] = 31; // r = 0, s = 0: no key recovers from it
        TransactPlugin forger = plugin("forger", (t, c) -> TransactHookResult.sign(t,
                List.of(Signature.of(KeyType.K1, bad))));
        Session s = session().transactPlugins(forger).build();
        StepVerifier.create(s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("forger").hasMessageContaining("signature[0]")
                        .hasMessageContaining("does not sign the transaction"))
                .verify(TIMEOUT);
    }

    @Test
    void twoSignaturesByOneKeyAreRefused() {
        TransactPlugin twice = plugin("twice", (t, c) -> {
            Checksum256 digest = t.signingDigest(c.chain().id());
            return TransactHookResult.sign(t, List.of(COSIGNER_KEY.signDigest(digest), COSIGNER_KEY.signDigest(digest)));
        });
        Session s = session().transactPlugins(twice).build();
        StepVerifier.create(s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("twice").hasMessageContaining("second signature by key"))
                .verify(TIMEOUT);
        // and across plugins
        Session both = session().transactPlugins(cosigner(), plugin("again", (t, c) -> TransactHookResult.sign(t,
                List.of(COSIGNER_KEY.signDigest(t.signingDigest(c.chain().id())))))).build();
        StepVerifier.create(both.transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("again"))
                .verify(TIMEOUT);
    }

    @Test
    void aSignatureOfAnotherTransactionIsRefusedWhenItsChangeIsNotApplied() {
        TransactPlugin signsItsOwn = plugin("own", (t, c) -> {
            Transaction other = transaction("other");
            return TransactHookResult.sign(other, List.of(COSIGNER_KEY.signDigest(other.signingDigest(c.chain().id()))));
        });
        Session s = session().allowModify(false).transactPlugins(signsItsOwn).build();
        StepVerifier.create(s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("own").hasMessageContaining("not applied")
                        .hasMessageContaining("modification is not allowed"))
                .verify(TIMEOUT);
        // allowed: the change is applied and the signature is of the transaction as it then stands
        TransactResult r = session().transactPlugins(signsItsOwn).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(r.transaction().actions().get(0).data()).isEqualTo(Bytes.of("other".getBytes()));
        assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(CHAIN_ID)))
                .isEqualTo(COSIGNER_KEY.toPublic());
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("own", true, 1));
    }

    @Test
    void aLockedTransactionIgnoresALaterChangeWhenModificationIsNotAllowed() {
        TransactPlugin changer = plugin("changer", (t, c) -> TransactHookResult.modify(transaction("changed")));
        Session s = session().allowModify(false).transactPlugins(cosigner(), changer).build();
        TransactResult r = s.transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(r.transaction().actions().get(0).data()).isEqualTo(Bytes.of("x".getBytes()));
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("cosigner", false, 1),
                org.assertj.core.api.Assertions.tuple("changer", false, 0));
        Checksum256 digest = r.transaction().signingDigest(CHAIN_ID);
        assertThat(r.signatures().get(0).recover(digest)).isEqualTo(COSIGNER_KEY.toPublic());
    }

    /** A wallet that signs what it is given after changing it with {@code change}. */
    static WalletPlugin changingWallet(java.util.function.UnaryOperator<Transaction> change) {
        return new WalletPlugin() {
            public String id() {
                return "changing-wallet";
            }

            public WalletPluginMetadata metadata() {
                return WalletPluginMetadata.of("Changing wallet");
            }

            public Mono<WalletPluginLoginResponse> login(LoginContext context) {
                return Mono.error(new UnsupportedOperationException());
            }

            public Mono<WalletPluginSignResponse> sign(Transaction t, TransactContext c) {
                return Mono.fromSupplier(() -> {
                    Transaction changed = change.apply(t);
                    return new WalletPluginSignResponse(
                            List.of(WALLET_KEY.signDigest(changed.signingDigest(c.chain().id()))), changed);
                });
            }
        };
    }

    @Test
    void aWalletMayChangeTheTransactionOnlyWhenAllowedAndNotLocked() {
        WalletPlugin wallet = changingWallet(t -> transaction("by wallet"));

        TransactResult allowed = session().walletPlugin(wallet).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(allowed.transaction().actions().get(0).data()).isEqualTo(Bytes.of("by wallet".getBytes()));
        assertThat(allowed.id()).isEqualTo(allowed.transaction().id());

        StepVerifier.create(session().walletPlugin(wallet).allowModify(false).build()
                        .transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("changing-wallet").hasMessageContaining("not allowed"))
                .verify(TIMEOUT);

        StepVerifier.create(session().walletPlugin(wallet).transactPlugins(cosigner()).build()
                        .transact(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("changing-wallet").hasMessageContaining("locks"))
                .verify(TIMEOUT);

        // a wallet that answers with the transaction unchanged is fine even when locked
        TransactResult same = session().walletPlugin(changingWallet(t -> t)).transactPlugins(cosigner()).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).block(TIMEOUT);
        assertThat(same.signatures()).hasSize(2);
    }

    @Test
    void cancellingTheSubscriptionCancelsTheWaitForTheWallet() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        WalletPlugin waiting = new WalletPlugin() {
            public String id() {
                return "waiting";
            }

            public WalletPluginMetadata metadata() {
                return WalletPluginMetadata.of("Waiting wallet");
            }

            public Mono<WalletPluginLoginResponse> login(LoginContext context) {
                return Mono.never();
            }

            public Mono<WalletPluginSignResponse> sign(Transaction t, TransactContext c) {
                return Mono.<WalletPluginSignResponse>never()
                        .doOnSubscribe(x -> asked.countDown())
                        .doOnCancel(cancelled::countDown);
            }
        };
        reactor.core.Disposable d = session().walletPlugin(waiting).build()
                .transact(TransactArgs.of(transaction("x")), NO_BROADCAST).subscribe();
        assertThat(asked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.getCount()).isEqualTo(1);
        d.dispose();
        assertThat(cancelled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void transactAndTrackNeedsABroadcast() {
        assertThatThrownBy(() -> session().build().transactAndTrack(TransactArgs.of(transaction("x")), NO_BROADCAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast");
    }
}
