package io.antelopekit.transact;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.AccountInfo;
import io.antelopekit.api.model.LinkedAction;
import io.antelopekit.api.model.Permission;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * The devnet's built-in resource payer ({@link Devnet#RESOURCE_PAYER}, {@code payer@cosign}) that
 * the bot guide uses: on a default devnet it exists, is linked to {@code greymassnoop::noop} only,
 * holds the dev key of {@code payer}, and pays for alice's transfer through a
 * {@link ResourcePayerPlugin}; a genesis with its own {@code payer} account keeps that one as given.
 */
@ExtendWith(BlockHoundSupport.class)
class DevnetResourcePayerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Session session(Devnet devnet, ChainClient client, String account, String permission,
            ResourcePayerPlugin payer) {
        Session.Builder b = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(account).permission(permission)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey()));
        if (payer != null) {
            b.transactPlugins(payer);
        }
        return b.build();
    }

    static ActionRequest transfer(String from, PermissionLevel auth, String to) {
        return ActionRequest.of("eosio.token", "transfer", List.of(auth),
                Map.of("from", from, "to", to, "quantity", "0.0001 EOS", "memo", "paid by payer"));
    }

    @Test
    void aDefaultDevnetHasPayerCosignLinkedToTheNoopWithThePayersDevKey() {
        try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
            ChainClient client = ChainClient.create(devnet.url());
            try {
                assertThat(Devnet.RESOURCE_PAYER).isEqualTo(PermissionLevel.from("payer@cosign"));
                AccountInfo payer = client.getAccount(Name.from("payer")).block(TIMEOUT);
                Permission cosign = payer.permissions().stream()
                        .filter(p -> p.permName().equals(Name.from("cosign"))).findFirst().orElseThrow();
                assertThat(cosign.parent()).isEqualTo(Name.from("active"));
                assertThat(cosign.requiredAuth().keys()).singleElement()
                        .satisfies(k -> assertThat(k.key()).isEqualTo(DevAccount.of("payer").publicKey()));
                assertThat(cosign.linkedActions()).containsExactly(
                        new LinkedAction(Name.from("greymassnoop"), Name.from("noop")));

                // it pays for alice's transfer: the no-op first, authorized by payer@cosign and signed with its key
                ResourcePayerPlugin plugin = ResourcePayerPlugin.builder().payer(Devnet.RESOURCE_PAYER)
                        .key(DevAccount.of("payer").privateKey()).build();
                TransactResult paid = session(devnet, client, "alice", "active", plugin)
                        .transact(TransactArgs.of(transfer("alice", PermissionLevel.from("alice@active"), "bob")))
                        .block(TIMEOUT);
                assertThat(paid.transaction().actions().get(0).account()).isEqualTo(Name.from("greymassnoop"));
                assertThat(paid.transaction().actions().get(0).authorization()).containsExactly(Devnet.RESOURCE_PAYER);
                assertThat(paid.response()).isNotNull();

                // and nothing else: payer@cosign cannot move the payer's tokens
                StepVerifier.create(session(devnet, client, "payer", "cosign", null)
                                .transact(TransactArgs.of(transfer("payer", Devnet.RESOURCE_PAYER, "bob"))))
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainApiException.class)
                                .satisfies(x -> assertThat(((ChainApiException) x).name()).isEqualTo("irrelevant_auth_exception")))
                        .verify(TIMEOUT);
            } finally {
                client.dispose();
            }
        }
    }

    @Test
    void aGenesisThatDefinesPayerKeepsItsOwnAccount() {
        Genesis own = Genesis.defaults().mutate().account("payer").build();
        try (Devnet devnet = Devnet.builder().genesis(own).manualBlockProduction().start()) {
            ChainClient client = ChainClient.create(devnet.url());
            try {
                AccountInfo payer = client.getAccount(Name.from("payer")).block(TIMEOUT);
                assertThat(payer.permissions()).extracting(p -> p.permName().toString())
                        .containsExactlyInAnyOrder("owner", "active");
            } finally {
                client.dispose();
            }
        }
    }
}
