package io.antelopekit.esr;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.AntelopeException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.esr.CallbackReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EsrTestWallet} answering signing requests as a wallet app does: identity proofs that a
 * verifier accepts, transactions resolved with the chain's ABIs and TAPoS, broadcast when asked,
 * callbacks posted in the background or opened in the foreground.
 */
@ExtendWith(BlockHoundSupport.class)
class EsrTestWalletTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final PermissionLevel ALICE = DevAccount.of("alice").active();

    static Devnet devnet;
    static ChainClient client;
    static CallbackReceiver receiver;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(1));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        receiver = CallbackReceiver.builder().host("127.0.0.1").port(0).start().block(TIMEOUT);
        // Jackson builds each deserializer under a lock on first use: once here, not racing in a test
        client.getInfo().block(TIMEOUT);
        client.getBlock(1).block(TIMEOUT);
        client.getAbi(Name.from("eosio.token")).block(TIMEOUT);
        client.getAccount(Name.from("alice")).block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        receiver.close().block(TIMEOUT);
        client.dispose();
    }

    static EsrTestWallet alice() {
        return EsrTestWallet.of(DevAccount.of("alice").privateKey(), ALICE, client);
    }

    static SigningRequest.Builder transfer(String quantity, String memo) throws Exception {
        return SigningRequest.builder().chainId(devnet.chainId())
                .abi(Name.from("eosio.token"), client.abi(Name.from("eosio.token")).block(TIMEOUT))
                .action(JSON.readTree("{\"account\":\"eosio.token\",\"name\":\"transfer\","
                        + "\"authorization\":[{\"actor\":\"............1\",\"permission\":\"............2\"}],"
                        + "\"data\":{\"from\":\"............1\",\"to\":\"bob\",\"quantity\":\"" + quantity
                        + "\",\"memo\":\"" + memo + "\"}}"));
    }

    @Test
    void anIdentityRequestIsAnsweredWithAProofTheVerifierAcceptsPostedToTheBackgroundCallback() {
        CallbackReceiver.Pending pending = receiver.register();
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId()).identityScope(Name.from("myapp"))
                .callback(pending.url(), true).build();

        JsonNode payload = alice().handle(request.encode(true, false)).block(TIMEOUT);
        JsonNode received = pending.await(TIMEOUT).block(TIMEOUT);

        assertThat(received).isEqualTo(payload);
        assertThat(payload.get("sa").asText()).isEqualTo("alice");
        assertThat(payload.get("sp").asText()).isEqualTo("active");
        assertThat(payload.get("cid").asText()).isEqualTo(devnet.chainId().toString());
        assertThat(SigningRequest.from(payload.get("req").asText())).isEqualTo(request);
        assertThat(payload.has("bn")).isFalse();
        IdentityProof proof = IdentityProof.of(devnet.chainId(), Name.from("myapp"),
                TimePointSec.from(payload.get("ex").asText()), ALICE,
                io.antelopekit.crypto.Signature.from(payload.get("sig").asText()));
        assertThat(proof.expiration().toInstant()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(120));
        assertThat(proof.recoverKey()).isEqualTo(DevAccount.of("alice").publicKey());
        VerifiedIdentity id = IdentityProofVerifier.builder().scope(Name.from("myapp")).chain(devnet.chainId(), client)
                .build().verify(proof).block(TIMEOUT);
        assertThat(id.permission()).isEqualTo(ALICE);
    }

    @Test
    void aTransferWithPlaceholdersIsResolvedWithTheChainsTaposSignedAndBroadcastWhenAsked() throws Exception {
        CallbackReceiver.Pending pending = receiver.register();
        SigningRequest request = transfer("0.0100 EOS", "from the test wallet").callback(pending.url(), true).build();
        assertThat(request.shouldBroadcast()).isTrue();
        ChainInfo info = client.getInfo().block(TIMEOUT);

        JsonNode payload = alice().handle(request.encode()).block(TIMEOUT);

        assertThat(pending.await(TIMEOUT).block(TIMEOUT)).isEqualTo(payload);
        assertThat(payload.get("bn").asLong()).as("the block it landed in").isGreaterThan(info.headBlockNum());
        assertThat(payload.get("rbn").asInt()).isEqualTo(ChainInfo.refBlockNum(info.headBlockNum()));
        assertThat(payload.get("rid").asLong())
                .isEqualTo(client.getBlock(info.headBlockNum()).block(TIMEOUT).refBlockPrefix());
        Checksum256 tx = Checksum256.from(payload.get("tx").asText());
        devnet.produceBlocks(2).block(TIMEOUT);
        assertThat(client.getTransactionStatus(tx).block(TIMEOUT).knownState()).isEqualTo(TransactionState.IRREVERSIBLE);
        ResolvedSigningRequest resolved = request.resolve(Map.of(Name.from("eosio.token"),
                        client.abi(Name.from("eosio.token")).block(TIMEOUT)), ALICE,
                TaposContext.explicit(TimePointSec.from(payload.get("ex").asText()), payload.get("rbn").asLong(),
                        payload.get("rid").asLong()));
        assertThat(resolved.transactionId()).isEqualTo(tx);
        assertThat(io.antelopekit.crypto.Signature.from(payload.get("sig").asText()).recover(resolved.signingDigest()))
                .isEqualTo(DevAccount.of("alice").publicKey());
    }

    @Test
    void aForegroundCallbackIsOpenedWithTheTemplateFilledIn() throws Exception {
        CallbackReceiver.Pending pending = receiver.register();
        SigningRequest request = transfer("0.0001 EOS", "foreground").broadcast(false)
                .callback(pending.urlTemplate(), false).build();

        JsonNode payload = alice().handle(request.encode()).block(TIMEOUT);
        JsonNode received = pending.await(TIMEOUT).block(TIMEOUT);

        assertThat(payload.has("bn")).isFalse();
        for (String key : List.of("sig", "tx", "sa", "sp", "rbn", "rid", "ex", "req", "cid")) {
            assertThat(received.get(key).asText()).as(key).isEqualTo(payload.get(key).asText());
        }
        assertThat(client.getTransactionStatus(Checksum256.from(payload.get("tx").asText())).block(TIMEOUT).knownState())
                .as("not broadcast").isNotEqualTo(TransactionState.IRREVERSIBLE);
    }

    @Test
    void aRequestWithoutCallbackGivesThePayloadAndSendsNothing() {
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId()).identityScope(Name.from("myapp"))
                .build();
        JsonNode payload = alice().handle(request.encode()).block(TIMEOUT);
        assertThat(payload.get("req").asText()).isEqualTo(request.encode());
        assertThat(payload.get("sa").asText()).isEqualTo("alice");
        assertThat(payload.get("tx").asText()).hasSize(64);
    }

    @Test
    void aMultiChainRequestIsAnsweredOnTheFirstOfItsChainsTheRequestAllows() {
        Checksum256 unknown = Checksum256.from("22".repeat(32));
        Map<Checksum256, ChainClient> clients = new LinkedHashMap<>();
        clients.put(unknown, client);
        clients.put(devnet.chainId(), client);
        EsrTestWallet wallet = EsrTestWallet.of(DevAccount.of("alice").privateKey(), ALICE, clients);
        SigningRequest allowed = SigningRequest.builder().multiChain(List.of(devnet.chainId()))
                .identityScope(Name.from("myapp")).build();
        assertThat(wallet.handle(allowed.encode()).block(TIMEOUT).get("cid").asText())
                .isEqualTo(devnet.chainId().toString());
        SigningRequest any = SigningRequest.builder().multiChain(List.of()).identityScope(Name.from("myapp")).build();
        assertThat(wallet.handle(any.encode()).block(TIMEOUT).get("cid").asText()).isEqualTo(unknown.toString());

        SigningRequest elsewhere = SigningRequest.builder().chainId(Checksum256.from("33".repeat(32)))
                .identityScope(Name.from("myapp")).build();
        StepVerifier.create(wallet.handle(elsewhere.encode()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AntelopeException.class)
                        .hasMessageContaining("has no client of chain " + "33".repeat(32)))
                .verify(TIMEOUT);
    }

    @Test
    void aCallbackTheReceiverRefusesFailsTheAnswer() {
        CallbackReceiver.Pending pending = receiver.register();
        pending.cancel();
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId()).identityScope(Name.from("myapp"))
                .callback(pending.url(), true).build();
        StepVerifier.create(alice().handle(request.encode()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AntelopeException.class)
                        .hasMessageContaining("answered 404"))
                .verify(TIMEOUT);
    }

    @Test
    void aLinkThatIsNotASigningRequestFailsTyped() {
        StepVerifier.create(alice().handle("esr:!!!"))
                .expectError(InvalidSigningRequestException.class)
                .verify(TIMEOUT);
        assertThatThrownBy(() -> EsrTestWallet.of(DevAccount.of("alice").privateKey(), ALICE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsUserInterfaceHandsThePromptsLinkToTheWalletAndRefusesPromptsWithoutOne() {
        CallbackReceiver.Pending pending = receiver.register();
        SigningRequest request = SigningRequest.builder().chainId(devnet.chainId()).identityScope(Name.from("myapp"))
                .callback(pending.url(), true).build();
        UserInterface ui = alice().userInterface();
        PromptArgs args = new PromptArgs("Sign in", null, List.of(
                new PromptArgs.Element("countdown", null, JsonNodeFactory.instance.objectNode().put("end", "2030-01-01T00:00:00Z")),
                new PromptArgs.Element("link", "Open", JsonNodeFactory.instance.objectNode()
                        .put("href", request.encode(true, false)))));
        JsonNode answer = ui.prompt(args).block(TIMEOUT);
        assertThat(pending.await(TIMEOUT).block(TIMEOUT)).isEqualTo(answer);

        PromptArgs none = new PromptArgs("Hello", null, List.of(new PromptArgs.Element("link", "Home",
                JsonNodeFactory.instance.textNode("https://example.com"))));
        StepVerifier.create(ui.prompt(none)).expectError(CancelledException.class).verify(TIMEOUT);
    }

    @Test
    void itsStringShowsTheAccountAndPublicKeyOnly() {
        EsrTestWallet wallet = alice();
        assertThat(wallet.toString()).contains("alice@active").contains(DevAccount.of("alice").publicKey().toString())
                .doesNotContain(DevAccount.of("alice").privateKey().toSecretString());
        assertThat(wallet.account()).isEqualTo(ALICE);
        assertThat(wallet.publicKey()).isEqualTo(DevAccount.of("alice").publicKey());
        assertThat(wallet.userInterface().toString()).doesNotContain(DevAccount.of("alice").privateKey().toSecretString());
    }
}
