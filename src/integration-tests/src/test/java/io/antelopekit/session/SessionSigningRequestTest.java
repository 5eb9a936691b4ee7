package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofException;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.VerifiedIdentity;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Session#transact(SigningRequest)} and the session's identity proofs against the devnet.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionSigningRequestTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Name TOKEN = Name.from("eosio.token");
    static final Name SCOPE = Name.from("myapp");
    static final Checksum256 OTHER_CHAIN =
            Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d");

    static Devnet devnet;
    static ChainClient client;
    static ChainDefinition chain;
    static Abi tokenAbi;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

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

    /** A transfer from the signer (placeholders in authorization and data). */
    static Action transfer(String to, String quantity, String memo) {
        return Action.of("eosio.token", "transfer", SigningRequest.PLACEHOLDER_AUTH,
                Map.of("from", "............1", "to", to, "quantity", quantity, "memo", memo), tokenAbi);
    }

    static SigningRequest.Builder request(String memo) {
        return SigningRequest.builder().chainId(devnet.chainId()).action(transfer("bob", "0.0100 EOS", memo));
    }

    static long balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0).units()).block(TIMEOUT);
    }

    static IdentityProofVerifier verifier() {
        return IdentityProofVerifier.builder().chain(devnet.chainId(), client).scope(SCOPE).build();
    }

    // ------------------------------------------------------------------------------ transact

    @Test
    void aRequestIsResolvedForTheSessionSignedAndBroadcast() {
        long before = balance("bob");
        SigningRequest request = SigningRequest.from(request("esr link").build().encode());
        TransactResult r = alice().build().transact(request).block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.response().transactionId()).isEqualTo(r.id());
        Action a = r.transaction().actions().get(0);
        assertThat(a.authorization()).containsExactly(PermissionLevel.from("alice@active"));
        JsonNode data = a.decodeData(tokenAbi);
        assertThat(data.get("from").asText()).isEqualTo("alice");
        assertThat(data.get("to").asText()).isEqualTo("bob");
        assertThat(data.get("memo").asText()).isEqualTo("esr link");
        assertThat(r.transaction().header().expiration().seconds()).isGreaterThan(0);
        assertThat(r.signatures()).hasSize(1);
        assertThat(balance("bob") - before).isEqualTo(100);
    }

    @Test
    void aRequestThatSaysNotToBroadcastIsSignedOnly() {
        long before = balance("bob");
        TransactResult r = alice().build().transact(request("sign only").broadcast(false).build()).block(TIMEOUT);
        assertThat(r.response()).isNull();
        assertThat(r.signatures()).hasSize(1);
        assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(devnet.chainId())))
                .isEqualTo(DevAccount.of("alice").publicKey());
        assertThat(balance("bob")).isEqualTo(before);
        // the signed transaction is valid: it can be sent later
        assertThat(client.sendTransaction(io.antelopekit.chain.transaction.PackedTransaction.from(
                SignedTransaction.of(r.transaction(), r.signatures(), List.of()),
                io.antelopekit.chain.transaction.Compression.NONE)).block(TIMEOUT).transactionId()).isEqualTo(r.id());
        assertThat(balance("bob") - before).isEqualTo(100);
    }

    @Test
    void optionsThatSayNotToBroadcastWinOverTheRequest() {
        TransactResult r = alice().build()
                .transact(request("options").build(), TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT);
        assertThat(r.response()).isNull();
        assertThat(r.signatures()).hasSize(1);
    }

    @Test
    void aRequestGoesThroughTheTransactPlugins() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TransactPlugin plugin = new TransactPlugin() {
            @Override
            public String id() {
                return "recorder";
            }

            @Override
            public Mono<io.antelopekit.plugin.TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                return Mono.fromRunnable(() -> seen.add("beforeSign " + t.actions().get(0).authorization()
                        + " unset=" + (t.header().expiration().seconds() == 0)));
            }

            @Override
            public Mono<Void> afterSign(SignedTransaction t, TransactContext c) {
                return Mono.fromRunnable(() -> seen.add("afterSign " + t.signatures().size()));
            }

            @Override
            public Mono<Void> afterBroadcast(TransactResult r, TransactContext c) {
                return Mono.fromRunnable(() -> seen.add("afterBroadcast " + (r.response() != null)));
            }
        };
        TransactResult r = alice().transactPlugins(plugin).build().transact(request("hooks").build()).block(TIMEOUT);
        assertThat(seen).containsExactly("beforeSign [alice@active] unset=true", "afterSign 1",
                "afterBroadcast true");
        assertThat(r.revisions()).extracting(TransactResult.Revision::pluginId).containsExactly("recorder");
    }

    @Test
    void aRequestWithItsOwnTaposKeepsIt() {
        Session session = alice().build();
        Transaction t = session.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                        Map.of("from", "alice", "to", "carol", "quantity", "0.0001 EOS", "memo", "own tapos"))),
                TransactOptions.DEFAULT.withBroadcast(false)).block(TIMEOUT).transaction();
        TransactResult r = session.transact(SigningRequest.builder().chainId(devnet.chainId()).transaction(t).build())
                .block(TIMEOUT);
        assertThat(r.transaction().header()).isEqualTo(t.header());
        assertThat(r.id()).isEqualTo(t.id());
        assertThat(r.response()).isNotNull();
    }

    @Test
    void aMultiChainRequestIsResolvedForTheSessionsChainWhenItListsIt() {
        SigningRequest listed = SigningRequest.builder().multiChain(List.of(OTHER_CHAIN, devnet.chainId()))
                .action(transfer("bob", "0.0001 EOS", "multi")).broadcast(false).build();
        assertThat(alice().build().transact(listed).block(TIMEOUT).signatures()).hasSize(1);
        SigningRequest any = SigningRequest.builder().multiChain(List.of())
                .action(transfer("bob", "0.0001 EOS", "any")).broadcast(false).build();
        assertThat(alice().build().transact(any).block(TIMEOUT).signatures()).hasSize(1);

        SigningRequest notListed = SigningRequest.builder().multiChain(List.of(OTHER_CHAIN))
                .action(transfer("bob", "0.0001 EOS", "elsewhere")).build();
        StepVerifier.create(alice().build().transact(notListed))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownChainException.class)
                        .hasMessageContaining(OTHER_CHAIN.toString()).hasMessageContaining(devnet.chainId().toString()))
                .verify(TIMEOUT);
    }

    @Test
    void aRequestForAnotherChainIsRefused() {
        SigningRequest eos = SigningRequest.builder().action(transfer("bob", "0.0001 EOS", "eos")).build();
        StepVerifier.create(alice().build().transact(eos))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownChainException.class)
                        .hasMessageContaining(devnet.chainId().toString()))
                .verify(TIMEOUT);
    }

    @Test
    void anIdentityRequestIsNotTransacted() {
        SigningRequest identity = SigningRequest.builder().chainId(devnet.chainId()).identityScope(SCOPE).build();
        StepVerifier.create(alice().build().transact(identity))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(SessionException.class)
                        .hasMessageContaining("identity request").hasMessageContaining("identityProof"))
                .verify(TIMEOUT);
    }

    @Test
    void aRequestIsTrackedToIrreversible() {
        Session session = alice().build();
        StepVerifier.create(session.transactAndTrack(request("tracked").build()))
                .assertNext(e -> assertThat(((TransactEvent.Accepted) e).result().response()).isNotNull())
                .then(() -> devnet.produceBlocks(6).subscribe())
                .thenConsumeWhile(e -> e instanceof TransactEvent.StatusChanged s
                        && s.status().knownState() != TransactionState.IRREVERSIBLE)
                .assertNext(e -> assertThat(((TransactEvent.StatusChanged) e).status().knownState())
                        .isEqualTo(TransactionState.IRREVERSIBLE))
                .expectComplete().verify(TIMEOUT);
        assertThatThrownBy(() -> session.transactAndTrack(request("no").broadcast(false).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signing request");
    }

    // -------------------------------------------------------------------------- identity proofs

    @Test
    void anIdentityRequestIsAnsweredWithAProofTheVerifierAccepts() {
        SigningRequest login = SigningRequest.builder().chainId(devnet.chainId()).identityScope(SCOPE).build();
        Instant before = Instant.now();
        IdentityProof proof = alice().build().identityProof(SigningRequest.from(login.encode())).block(TIMEOUT);
        assertThat(proof.signer()).isEqualTo(PermissionLevel.from("alice@active"));
        assertThat(proof.scope()).isEqualTo(SCOPE);
        assertThat(proof.chainId()).isEqualTo(devnet.chainId());
        assertThat(proof.expiration().seconds()).isBetween(before.getEpochSecond() + 59,
                Instant.now().getEpochSecond() + 60);
        assertThat(proof.recoverKey()).isEqualTo(DevAccount.of("alice").publicKey());
        VerifiedIdentity id = verifier().verify(proof.toString()).block(TIMEOUT);
        assertThat(id).isEqualTo(new VerifiedIdentity(devnet.chainId(), PermissionLevel.from("alice@active"),
                DevAccount.of("alice").publicKey(), proof.expiration()));
    }

    @Test
    void createIdentityProofMakesAProofForTheScopeAndLifetime() {
        Instant before = Instant.now();
        IdentityProof proof = alice().build().createIdentityProof(SCOPE, Duration.ofMinutes(5)).block(TIMEOUT);
        assertThat(proof.expiration().seconds()).isBetween(before.getEpochSecond() + 299,
                Instant.now().getEpochSecond() + 300);
        IdentityProofVerifier verifier = verifier();
        StepVerifier.create(verifier.verify(proof))
                .assertNext(id -> assertThat(id.permission()).isEqualTo(PermissionLevel.from("alice@active")))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(verifier.verify(proof))
                .expectErrorSatisfies(e -> assertThat(((IdentityProofException) e).reason())
                        .isEqualTo(IdentityProofException.Reason.REPLAYED))
                .verify(TIMEOUT);
        // a wallet holding another key makes a proof the verifier calls forged
        Session impostor = alice().walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("bob").privateKey())).build();
        StepVerifier.create(impostor.createIdentityProof(SCOPE, Duration.ofMinutes(1)).flatMap(verifier::verify))
                .expectErrorSatisfies(e -> assertThat(((IdentityProofException) e).reason())
                        .isEqualTo(IdentityProofException.Reason.FORGED))
                .verify(TIMEOUT);
        assertThatThrownBy(() -> alice().build().createIdentityProof(SCOPE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityProofsAreRefusedForRequestsTheSessionCannotAnswer() {
        Session session = alice().build();
        StepVerifier.create(session.identityProof(request("not identity").build()))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(SessionException.class)
                        .hasMessageContaining("transaction request"))
                .verify(TIMEOUT);
        SigningRequest v2 = SigningRequest.builder().chainId(devnet.chainId()).identity().version(2).build();
        StepVerifier.create(session.identityProof(v2))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(SessionException.class)
                        .hasMessageContaining("version 2"))
                .verify(TIMEOUT);
        SigningRequest forBob = SigningRequest.builder().chainId(devnet.chainId())
                .identity(PermissionLevel.from("bob@active")).identityScope(SCOPE).build();
        StepVerifier.create(session.identityProof(forBob))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(SessionException.class)
                        .hasMessageContaining("bob@active"))
                .verify(TIMEOUT);
        SigningRequest anyone = SigningRequest.builder().chainId(devnet.chainId())
                .identity(SigningRequest.PLACEHOLDER_AUTH).identityScope(SCOPE).build();
        assertThat(session.identityProof(anyone).block(TIMEOUT).signer()).isEqualTo(PermissionLevel.from("alice@active"));
        SigningRequest elsewhere = SigningRequest.builder().chainId(OTHER_CHAIN).identityScope(SCOPE).build();
        StepVerifier.create(session.identityProof(elsewhere))
                .expectError(UnknownChainException.class)
                .verify(TIMEOUT);
    }
}
