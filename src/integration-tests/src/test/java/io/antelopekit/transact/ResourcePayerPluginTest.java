package io.antelopekit.transact;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactOptions;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.List;

import static io.antelopekit.transact.TransactFixtures.COSIGN_KEY;
import static io.antelopekit.transact.TransactFixtures.PAYER_ACTIVE;
import static io.antelopekit.transact.TransactFixtures.PAYER_COSIGN;
import static io.antelopekit.transact.TransactFixtures.TIMEOUT;
import static io.antelopekit.transact.TransactFixtures.transfer;
import static io.antelopekit.transact.TransactFixtures.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ResourcePayerPlugin} against the devnet with real signatures: {@code payer@cosign} (linked
 * to {@code greymassnoop::noop} only) pays for alice's transfers.
 */
@ExtendWith(BlockHoundSupport.class)
class ResourcePayerPluginTest {

    static TransactFixtures fx;
    static final Name NOOP_CONTRACT = Name.from("greymassnoop");

    @BeforeAll
    static void start() {
        fx = new TransactFixtures();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static ResourcePayerPlugin payer() {
        return ResourcePayerPlugin.builder().payer(PAYER_COSIGN).key(COSIGN_KEY).build();
    }

    static TransactFixtures.CountingWallet alice() {
        return new TransactFixtures.CountingWallet(DevAccount.of("alice").privateKey());
    }

    @Test
    void aTransferWithThePayerIsAcceptedWithTheNoopFirstAuthorizedByThePayer() {
        TransactFixtures.CountingWallet wallet = alice();
        Session session = fx.sessionBuilder("alice", wallet).transactPlugins(payer()).build();
        long before = fx.balance("bob");
        TransactResult r = session.transact(TransactArgs.of(transfer("alice", "bob", "1.2500 EOS"))).block(TIMEOUT);

        // the transaction: the payer's no-op first, authorized by the payer only; then alice's transfer, as it was
        List<Action> actions = r.transaction().actions();
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).account()).isEqualTo(NOOP_CONTRACT);
        assertThat(actions.get(0).name()).isEqualTo(Name.from("noop"));
        assertThat(actions.get(0).authorization()).containsExactly(PAYER_COSIGN);
        assertThat(actions.get(0).data()).isEqualTo(Bytes.EMPTY);
        assertThat(actions.get(1).account()).isEqualTo(TransactFixtures.TOKEN);
        assertThat(actions.get(1).authorization()).containsExactly(DevAccount.of("alice").active());

        // two signatures of the same digest: the payer's first, then alice's wallet
        Checksum256 digest = r.transaction().signingDigest(fx.devnet.chainId());
        assertThat(r.signatures()).hasSize(2);
        assertThat(r.signatures().get(0).recover(digest)).isEqualTo(COSIGN_KEY.toPublic());
        assertThat(r.signatures().get(1).recover(digest)).isEqualTo(DevAccount.of("alice").publicKey());
        assertThat(wallet.signs.get()).isEqualTo(1);
        // one plugin, one revision: the no-op put first and the payer's signature of that transaction
        assertThat(r.revisions()).extracting(TransactResult.Revision::pluginId)
                .containsExactly(ResourcePayerPlugin.ID);
        assertThat(r.revisions().get(0).modified()).isTrue();
        assertThat(r.revisions().get(0).allowModify()).isTrue();
        assertThat(r.revisions().get(0).signatures()).isEqualTo(1);

        // the node's trace: the no-op ran first, on greymassnoop, authorized by the payer
        List<ActionTrace> traces = r.response().processed().actionTraces();
        assertThat(traces.get(0).receiver()).isEqualTo(NOOP_CONTRACT);
        assertThat(traces.get(0).act().name()).isEqualTo(Name.from("noop"));
        assertThat(traces.get(0).act().authorization()).containsExactly(PAYER_COSIGN);
        assertThat(traces.get(1).act().account()).isEqualTo(TransactFixtures.TOKEN);
        assertThat(fx.balance("bob") - before).isEqualTo(units("1.2500 EOS"));
    }

    @Test
    void withOnlyTheUsersSignatureTheChainRefusesTheTransactionForThePayersAuthority() {
        Session session = fx.sessionBuilder("alice", alice()).transactPlugins(payer()).build();
        TransactResult signed = session.transact(TransactArgs.of(transfer("alice", "bob", "0.0100 EOS")),
                TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT);
        assertThat(signed.signatures()).hasSize(2);
        Signature userOnly = signed.signatures().get(1);
        StepVerifier.create(fx.client.sendTransaction(PackedTransaction.from(
                        SignedTransaction.of(signed.transaction(), List.of(userOnly), List.of()), Compression.NONE)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    ChainApiException api = (ChainApiException) e;
                    assertThat(api.name()).isEqualTo("unsatisfied_authorization");
                    assertThat(api.getMessage() + api.details()).contains("payer").contains("cosign");
                })
                .verify(TIMEOUT);
        // the payer's signature alone does not do either: alice's authority is missing
        StepVerifier.create(fx.client.sendTransaction(PackedTransaction.from(SignedTransaction.of(
                        signed.transaction(), List.of(signed.signatures().get(0)), List.of()), Compression.NONE)))
                .expectErrorSatisfies(e -> assertThat(((ChainApiException) e).name())
                        .isEqualTo("unsatisfied_authorization"))
                .verify(TIMEOUT);
    }

    @Test
    void whenModificationIsNotAllowedThePluginLeavesTheTransactionAloneAndThePayerNeverSigns() {
        TransactFixtures.CountingSigner signer = new TransactFixtures.CountingSigner(COSIGN_KEY);
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN).signer(signer).build();
        long before = fx.balance("bob");

        Session session = fx.sessionBuilder("alice", alice()).allowModify(false).transactPlugins(payer)
                .build();
        TransactResult r = session.transact(TransactArgs.of(transfer("alice", "bob", "0.0200 EOS"))).block(TIMEOUT);
        assertThat(r.transaction().actions()).hasSize(1);
        assertThat(r.transaction().actions().get(0).account()).isEqualTo(TransactFixtures.TOKEN);
        assertThat(r.signatures()).hasSize(1);
        assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(fx.devnet.chainId())))
                .isEqualTo(DevAccount.of("alice").publicKey());
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple(ResourcePayerPlugin.ID, false, 0));
        assertThat(r.response().processed().actionTraces().get(0).act().account()).isEqualTo(TransactFixtures.TOKEN);

        // the same per call, on a session that allows modification
        Session allowing = fx.sessionBuilder("alice", alice()).transactPlugins(payer).build();
        TransactResult call = allowing.transact(TransactArgs.of(transfer("alice", "bob", "0.0300 EOS")),
                TransactOptions.DEFAULT.withAllowModify(false)).block(TIMEOUT);
        assertThat(call.transaction().actions()).hasSize(1);
        assertThat(call.signatures()).hasSize(1);
        assertThat(signer.signs.get()).as("the payer's signer was never asked").isZero();
        assertThat(fx.balance("bob") - before).isEqualTo(units("0.0500 EOS"));

        // and allowed, the same plugin pays
        TransactResult paid = allowing.transact(TransactArgs.of(transfer("alice", "bob", "0.0100 EOS")))
                .block(TIMEOUT);
        assertThat(paid.transaction().actions().get(0)).isEqualTo(payer.noopAction());
        assertThat(signer.signs.get()).isEqualTo(1);
    }

    @Test
    void aTransactionThatAlreadyUsesThePayersAuthorityIsRefusedAndNothingIsSigned() {
        TransactFixtures.CountingSigner signer = new TransactFixtures.CountingSigner(COSIGN_KEY);
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN).signer(signer).build();
        TransactFixtures.CountingWallet wallet = alice();
        Session session = fx.sessionBuilder("alice", wallet).transactPlugins(payer).build();
        long before = fx.balance("alice");

        // alice asks the payer to sign a transfer from the payer's account to her
        StepVerifier.create(session.transact(TransactArgs.of(transfer("payer", "alice", "100.0000 EOS"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(TransactRefusedException.class);
                    TransactRefusedException x = (TransactRefusedException) e;
                    assertThat(x.reason()).isEqualTo(TransactRefusedException.Reason.PAYER_AUTHORITY_USED);
                    assertThat(x.pluginId()).isEqualTo(ResourcePayerPlugin.ID);
                    assertThat(x.actionIndex()).isZero();
                    assertThat(x.contract()).isEqualTo(TransactFixtures.TOKEN);
                    assertThat(x.action()).isEqualTo(Name.from("transfer"));
                    assertThat(x.getMessage()).contains("actions[0]").contains("eosio.token::transfer")
                            .contains("payer@active").doesNotContain(COSIGN_KEY.toSecretString());
                })
                .verify(TIMEOUT);

        // the same with the payer's no-op already first: the transfer at index 1 is refused
        Transaction crafted = fx.session("alice").transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS")),
                TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT).transaction();
        Action stolen = Action.of(TransactFixtures.TOKEN, Name.from("transfer"), List.of(PAYER_COSIGN),
                crafted.actions().get(0).data());
        Transaction withNoop = crafted.withActions(List.of(payer.noopAction(), stolen));
        StepVerifier.create(session.transact(TransactArgs.of(withNoop)))
                .expectErrorSatisfies(e -> {
                    TransactRefusedException x = (TransactRefusedException) e;
                    assertThat(x.reason()).isEqualTo(TransactRefusedException.Reason.PAYER_AUTHORITY_USED);
                    assertThat(x.actionIndex()).isEqualTo(1);
                    assertThat(x.getMessage()).contains("actions[1]").contains("payer@cosign");
                })
                .verify(TIMEOUT);

        // refused whether or not modification is allowed: it asks for the payer's authority
        StepVerifier.create(session.transact(TransactArgs.of(transfer("payer", "alice", "1.0000 EOS")),
                        TransactOptions.DEFAULT.withAllowModify(false)))
                .expectError(TransactRefusedException.class)
                .verify(TIMEOUT);

        assertThat(signer.signs.get()).as("the payer never signed").isZero();
        assertThat(wallet.signs.get()).as("alice's wallet was never asked").isZero();
        assertThat(fx.balance("alice")).isEqualTo(before);
    }

    @Test
    void aTransactionThatAlreadyStartsWithThePayersNoopIsCosignedAsItIs() {
        ResourcePayerPlugin payer = payer();
        Session plain = fx.session("alice");
        Transaction t = plain.transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS")),
                TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT).transaction();
        Transaction withNoop = t.withActions(List.of(payer.noopAction(), t.actions().get(0)));
        assertThat(payer.withNoop(withNoop)).isSameAs(withNoop);
        TransactResult r = fx.sessionBuilder("alice", alice()).transactPlugins(payer).build()
                .transact(TransactArgs.of(withNoop)).block(TIMEOUT);
        assertThat(r.transaction()).isEqualTo(withNoop);
        assertThat(r.signatures()).hasSize(2);
        // not changed, cosigned as it is: the payer's signature in the plugin's one revision
        assertThat(r.revisions()).hasSize(1);
        assertThat(r.revisions().get(0)).extracting("pluginId", "modified", "signatures")
                .containsExactly(ResourcePayerPlugin.ID, false, 1);
        assertThat(r.response()).isNotNull();
    }

    @Test
    void thePayersWalletCanSignAndTheNoopCanBeAnotherContractsAction() {
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN)
                .wallet(WalletPluginPrivateKey.of(COSIGN_KEY)).build();
        TransactResult r = fx.sessionBuilder("alice", alice()).transactPlugins(payer).build()
                .transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS"))).block(TIMEOUT);
        assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(fx.devnet.chainId())))
                .isEqualTo(COSIGN_KEY.toPublic());
        assertThat(r.response()).isNotNull();

        // with payer@active on another no-op (payer@cosign is linked to greymassnoop::noop only)
        ResourcePayerPlugin custom = ResourcePayerPlugin.builder().payer(PAYER_ACTIVE)
                .key(DevAccount.of("payer").privateKey()).noop("greymassnoop::noop").build();
        TransactResult r2 = fx.sessionBuilder("alice", alice()).transactPlugins(custom).build()
                .transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS"))).block(TIMEOUT);
        assertThat(r2.transaction().actions().get(0).authorization()).containsExactly(PAYER_ACTIVE);
        assertThat(ResourcePayerPlugin.builder().payer(PAYER_COSIGN).key(COSIGN_KEY).noop("other::nothing").build()
                .noopAction().account()).isEqualTo(Name.from("other"));
    }

    @Test
    void aSignerThatGivesNoSignatureFailsTheTransactionWithATypedError() {
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN)
                .signer((t, c) -> Mono.empty()).build();
        TransactFixtures.CountingWallet wallet = alice();
        StepVerifier.create(fx.sessionBuilder("alice", wallet).transactPlugins(payer).build()
                        .transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS"))))
                .expectErrorSatisfies(e -> {
                    TransactRefusedException x = (TransactRefusedException) e;
                    assertThat(x.reason()).isEqualTo(TransactRefusedException.Reason.PAYER_NOT_SIGNED);
                    assertThat(x.pluginId()).isEqualTo(ResourcePayerPlugin.ID);
                    assertThat(x.actionIndex()).isEqualTo(-1);
                    assertThat(x.getMessage()).contains("no signature");
                })
                .verify(TIMEOUT);
        assertThat(wallet.signs.get()).isZero();
    }

    @Test
    void onAnotherChainItDoesNothing() {
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN).key(COSIGN_KEY)
                .chains(Checksum256.from("ab".repeat(32))).build();
        TransactResult r = fx.sessionBuilder("alice", alice()).transactPlugins(payer).build()
                .transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS"))).block(TIMEOUT);
        assertThat(r.transaction().actions()).hasSize(1);
        assertThat(r.signatures()).hasSize(1);
        assertThat(payer.chains()).containsExactly(Checksum256.from("ab".repeat(32)));
    }

    @Test
    void keysNeverShowAndTheBuilderNamesWhatIsMissing() {
        PrivateKey second = PrivateKey.generate(KeyType.K1);
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer("payer@cosign").keys(List.of(COSIGN_KEY, second))
                .build();
        String shown = payer.toString();
        assertThat(shown).contains("payer@cosign").contains("greymassnoop::noop")
                .contains(COSIGN_KEY.toPublic().toString())
                .doesNotContain(COSIGN_KEY.toSecretString()).doesNotContain(second.toSecretString())
                .doesNotContain(COSIGN_KEY.toWif());
        assertThat(payer).isInstanceOf(TransactPlugin.class);
        assertThat(payer.id()).isEqualTo("transact-plugin-resource-payer");
        assertThat(payer.payer()).isEqualTo(PermissionLevel.from("payer@cosign"));

        assertThatThrownBy(() -> ResourcePayerPlugin.builder().key(COSIGN_KEY).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("payer");
        assertThatThrownBy(() -> ResourcePayerPlugin.builder().payer(PAYER_COSIGN).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one way to sign");
        assertThatThrownBy(() -> ResourcePayerPlugin.builder().payer(PAYER_COSIGN).key(COSIGN_KEY)
                .wallet(WalletPluginPrivateKey.of(COSIGN_KEY)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("got 2");
        assertThatThrownBy(() -> ResourcePayerPlugin.builder().noop("greymassnoop"))
                .isInstanceOf(io.antelopekit.chain.InvalidValueException.class).hasMessageContaining("greymassnoop");
    }

    @Test
    void twoKeysBothSignForAPermissionThatNeedsBoth() {
        // a payer whose permission needs two keys: each key given signs
        PrivateKey second = PrivateKey.generate(KeyType.K1);
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder().payer(PAYER_COSIGN).keys(List.of(COSIGN_KEY, second))
                .build();
        TransactResult r = fx.sessionBuilder("alice", alice()).transactPlugins(payer).build()
                .transact(TransactArgs.of(transfer("alice", "bob", "0.0001 EOS")),
                        TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT);
        Checksum256 digest = r.transaction().signingDigest(fx.devnet.chainId());
        assertThat(r.signatures()).hasSize(3);
        assertThat(List.of(r.signatures().get(0).recover(digest), r.signatures().get(1).recover(digest)))
                .containsExactly(COSIGN_KEY.toPublic(), second.toPublic());
    }

    // ---------------------------------------------------------------- the devnet's no-op contract

    @Test
    void theDevnetServesTheNoopContractAndRunsItsNoopWhenAuthorized() {
        io.antelopekit.abi.Abi abi = fx.client.abi(NOOP_CONTRACT).block(TIMEOUT);
        assertThat(abi.actionType(Name.from("noop"))).contains("noop");
        // anyone may run the no-op with their own authority; the chain checks the declared authority
        Session bob = fx.session("bob");
        Action noop = Action.of(NOOP_CONTRACT, Name.from("noop"), List.of(DevAccount.of("bob").active()), Bytes.EMPTY);
        TransactResult r = bob.transact(noop).block(TIMEOUT);
        assertThat(r.response().processed().actionTraces()).hasSize(1);
        // declared for an authority the transaction has no signature for: refused
        Action forged = Action.of(NOOP_CONTRACT, Name.from("noop"), List.of(PAYER_COSIGN), Bytes.EMPTY);
        StepVerifier.create(bob.transact(List.of(forged, noop)))
                .expectErrorSatisfies(e -> assertThat(((ChainApiException) e).name())
                        .isEqualTo("unsatisfied_authorization"))
                .verify(TIMEOUT);
    }

    @Test
    void anUnknownActionOfTheNoopContractIsRejected() {
        Action other = Action.of(NOOP_CONTRACT, Name.from("other"), List.of(DevAccount.of("bob").active()),
                Bytes.EMPTY);
        StepVerifier.create(fx.session("bob").transact(other))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    assertThat(((ChainApiException) e).name()).isEqualTo("eosio_assert_code_exception");
                })
                .verify(TIMEOUT);
    }

    @Test
    void aGenesisContractOnTheNoopAccountReplacesTheBuiltInOne() {
        String abi = "{\"version\":\"eosio::abi/1.2\",\"types\":[],\"structs\":[{\"name\":\"hello\",\"base\":\"\","
                + "\"fields\":[]}],\"actions\":[{\"name\":\"hello\",\"type\":\"hello\",\"ricardian_contract\":\"\"}],"
                + "\"tables\":[],\"ricardian_clauses\":[],\"variants\":[],\"action_results\":[]}";
        io.antelopekit.devnet.Genesis g = io.antelopekit.devnet.Genesis.defaults().mutate()
                .contract("greymassnoop", abi).build();
        try (io.antelopekit.devnet.Devnet own = io.antelopekit.devnet.Devnet.builder().genesis(g)
                .manualBlockProduction().start()) {
            io.antelopekit.api.ChainClient c = io.antelopekit.api.ChainClient.create(own.url());
            try {
                Session bob = Session.builder().chain(io.antelopekit.chain.ChainDefinition.of(own.chainId(),
                                own.url())).client(c).actor("bob").permission("active")
                        .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("bob").privateKey())).build();
                List<PermissionLevel> auth = List.of(DevAccount.of("bob").active());
                assertThat(bob.transact(Action.of(NOOP_CONTRACT, Name.from("hello"), auth, Bytes.EMPTY))
                        .block(TIMEOUT).response()).isNotNull();
                StepVerifier.create(bob.transact(Action.of(NOOP_CONTRACT, Name.from("noop"), auth, Bytes.EMPTY)))
                        .expectError(ChainApiException.class)
                        .verify(TIMEOUT);
            } finally {
                c.dispose();
            }
        }
    }
}
