package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link TransactResult} reports beyond the transaction: the signing request and its
 * resolution (WharfKit's {@code request} and {@code resolved}) and each plugin's revision with the
 * transaction before and after (WharfKit's {@code TransactRevisions}), against the devnet.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionTransactResultTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Name TOKEN = Name.from("eosio.token");

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    static Devnet devnet;
    static ChainClient client;
    static ChainDefinition chain;
    static Abi tokenAbi;

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        devnet.produceBlocks(4).block(TIMEOUT);
        tokenAbi = client.abi(TOKEN).block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session.Builder alice() {
        return Session.builder().chain(chain).client(client).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()));
    }

    static Action transfer(PermissionLevel auth, String from, String memo) {
        return Action.of("eosio.token", "transfer", auth,
                Map.of("from", from, "to", "bob", "quantity", "0.0001 EOS", "memo", memo), tokenAbi);
    }

    static String memo(Transaction t) {
        return t.actions().get(0).decodeData(tokenAbi).get("memo").asText();
    }

    /** A plugin that replaces the first action's memo. */
    static TransactPlugin memoChanger(String memo) {
        return new TransactPlugin() {
            @Override
            public String id() {
                return "memo";
            }

            @Override
            public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                return Mono.fromSupplier(() -> TransactHookResult.modify(t.withActions(List.of(
                        transfer(t.actions().get(0).authorization().get(0), "alice", memo)))));
            }
        };
    }

    @Test
    void aSigningRequestsTransactReportsTheRequestAndItsResolutionForTheSigner() {
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId())
                .action(transfer(SigningRequest.PLACEHOLDER_AUTH, "............1", "esr result")).build();
        TransactResult r = alice().build().transact(request).block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.request()).isEqualTo(request);
        assertThat(r.resolved()).isNotNull();
        assertThat(r.resolved().request()).isEqualTo(request);
        assertThat(r.resolved().signer()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(r.resolved().chainId()).isEqualTo(devnet.chainId());
        // resolved with the TAPoS values the transaction was signed with: the very transaction signed
        assertThat(r.resolved().transaction()).isEqualTo(r.transaction());
        assertThat(r.resolved().transactionId()).isEqualTo(r.id());
        assertThat(r.signatures().get(0).recover(r.resolved().signingDigest()))
                .isEqualTo(DevAccount.of("alice").publicKey());
    }

    @Test
    void aChangedSigningRequestTransactKeepsTheRequestAsGivenAndTheRevisionShowsTheChange() {
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId())
                .action(transfer(SigningRequest.PLACEHOLDER_AUTH, "............1", "as requested")).build();
        TransactResult r = alice().transactPlugins(memoChanger("changed by a plugin")).build().transact(request)
                .block(TIMEOUT);
        assertThat(r.request()).isEqualTo(request);
        assertThat(memo(r.resolved().transaction())).isEqualTo("as requested");
        assertThat(memo(r.transaction())).isEqualTo("changed by a plugin");
        assertThat(r.resolved().transaction().header()).isEqualTo(r.transaction().header());
    }

    @Test
    void aTransactOfActionsHasNoSigningRequest() {
        TransactResult r = alice().build()
                .transact(TransactArgs.of(transfer(PermissionLevel.from("alice@active"), "alice", "plain")),
                        TransactOptions.DEFAULT.withBroadcast(false))
                .block(TIMEOUT);
        assertThat(r.request()).isNull();
        assertThat(r.resolved()).isNull();
    }

    @Test
    void aModifyingPluginsRevisionCarriesTheTransactionBeforeAndAfter() {
        Session session = alice().transactPlugins(memoChanger("after")).build();
        TransactResult r = session.transact(transfer(PermissionLevel.from("alice@active"), "alice", "before"))
                .block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.revisions()).hasSize(1);
        TransactResult.Revision rev = r.revisions().get(0);
        assertThat(rev.pluginId()).isEqualTo("memo");
        assertThat(rev.modified()).isTrue();
        assertThat(rev.allowModify()).isTrue();
        assertThat(memo(rev.before())).isEqualTo("before");
        assertThat(memo(rev.after())).isEqualTo("after");
        assertThat(rev.result()).isSameAs(rev.after());
        assertThat(rev.after().actions()).isEqualTo(r.transaction().actions());
    }

    @Test
    void aRefusedChangeIsRecordedAsProposedButNotApplied() {
        Session session = alice().transactPlugins(memoChanger("refused")).build();
        TransactResult r = session.transact(TransactArgs.of(transfer(PermissionLevel.from("alice@active"), "alice",
                "kept")), TransactOptions.DEFAULT.withAllowModify(false).withBroadcast(false)).block(TIMEOUT);
        TransactResult.Revision rev = r.revisions().get(0);
        assertThat(rev.modified()).isFalse();
        assertThat(rev.allowModify()).isFalse();
        assertThat(memo(rev.before())).isEqualTo("kept");
        assertThat(memo(rev.after())).isEqualTo("refused");
        assertThat(rev.result()).isSameAs(rev.before());
        assertThat(memo(r.transaction())).isEqualTo("kept");
    }

    @Test
    void aPluginThatAnswersNothingHasTheSameTransactionBeforeAndAfter() {
        TransactPlugin quiet = new TransactPlugin() {
            @Override
            public String id() {
                return "quiet";
            }
        };
        TransactResult r = alice().transactPlugins(quiet).build()
                .transact(TransactArgs.of(transfer(PermissionLevel.from("alice@active"), "alice", "quiet")),
                        TransactOptions.DEFAULT.withBroadcast(false))
                .block(TIMEOUT);
        TransactResult.Revision rev = r.revisions().get(0);
        assertThat(rev.modified()).isFalse();
        assertThat(rev.allowModify()).isTrue();
        assertThat(rev.after()).isSameAs(rev.before());
        assertThat(rev.before().actions()).isEqualTo(r.transaction().actions());
    }
}
