package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The kit's transact plugin options reach its sessions; a login's and a call's replace them in turn. */
@ExtendWith(BlockHoundSupport.class)
class SessionKitPluginOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Devnet devnet;

    record Transfer(String from, String to, Asset quantity, String memo) {
    }

    /** Records the options it is given. */
    static final class Recorder implements TransactPlugin {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
            JsonNode o = context.pluginOptions(id());
            seen.add(o == null || o.isMissingNode() || o.isNull() ? "none" : o.asText());
            return Mono.empty();
        }
    }

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
    }

    @AfterAll
    static void stop() {
    }

    @Test
    void optionsFlowFromKitToLoginToCall() {
        Recorder recorder = new Recorder();
        SessionKit kit = SessionKit.builder().appName("options")
                .chains(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .transactPlugins(recorder)
                .transactPluginsOptions(Map.of("recorder", TextNode.valueOf("from the kit")))
                .build();
        try {
            TransactArgs transfer = TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                    new Transfer("alice", "bob", Asset.from("0.0001 EOS"), "options")));
            TransactOptions noBroadcast = TransactOptions.DEFAULT.withBroadcast(false);

            Session byKit = kit.login(LoginOptions.builder().permissionLevel("alice@active").build())
                    .map(LoginResult::session).block(TIMEOUT);
            StepVerifier.create(byKit.transact(transfer, noBroadcast)).expectNextCount(1).expectComplete().verify(TIMEOUT);

            Session byLogin = kit.login(LoginOptions.builder().permissionLevel("alice@active")
                            .transactPluginsOptions(Map.of("recorder", TextNode.valueOf("from the login"))).build())
                    .map(LoginResult::session).block(TIMEOUT);
            StepVerifier.create(byLogin.transact(transfer, noBroadcast)).expectNextCount(1).expectComplete().verify(TIMEOUT);
            StepVerifier.create(byLogin.transact(transfer, noBroadcast
                            .withTransactPluginOptions("recorder", TextNode.valueOf("from the call"))))
                    .expectNextCount(1).expectComplete().verify(TIMEOUT);

            // a session restored from storage gets the kit's options again
            Session restored = kit.restore().block(TIMEOUT);
            StepVerifier.create(restored.transact(transfer, noBroadcast)).expectNextCount(1).expectComplete().verify(TIMEOUT);

            assertThat(recorder.seen).containsExactly("from the kit", "from the login", "from the call", "from the kit");
        } finally {
            kit.dispose();
        }
    }
}
