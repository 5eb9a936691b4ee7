package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Identity proofs made and refused, with no node: the wallet signs the identity transaction offline. */
class IdentityProofsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Checksum256 CHAIN_ID = Checksum256.from("cc".repeat(32));
    static final Checksum256 OTHER_CHAIN = Checksum256.from("dd".repeat(32));
    static final PermissionLevel ALICE = PermissionLevel.from("alice@active");
    static final Name SCOPE = Name.from("myapp");
    static final PrivateKey KEY = PrivateKey.generate(KeyType.K1);

    static ChainClient unused;
    static TransactContext context;

    @BeforeAll
    static void client() {
        unused = ChainClient.create("http://127.0.0.1:1");
        context = Contexts.transact(ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:1"), unused, ALICE);
    }

    @AfterAll
    static void dispose() {
        unused.dispose();
    }

    static IdentityProofs proofs(WalletPlugin wallet) {
        return new IdentityProofs(ALICE, wallet, SessionMetrics.NONE);
    }

    static SigningRequest login() {
        return SigningRequest.builder().chainId(CHAIN_ID).identityScope(SCOPE).build();
    }

    /** A wallet answering with {@code answer} of the transaction it is given. */
    static WalletPlugin wallet(Function<Transaction, WalletPluginSignResponse> answer) {
        return new WalletPlugin() {
            public String id() {
                return "odd-wallet";
            }

            public WalletPluginMetadata metadata() {
                return WalletPluginMetadata.of("Odd wallet");
            }

            public Mono<WalletPluginLoginResponse> login(LoginContext c) {
                return Mono.error(new UnsupportedOperationException());
            }

            public Mono<WalletPluginSignResponse> sign(Transaction t, TransactContext c) {
                return Mono.fromSupplier(() -> answer.apply(t));
            }
        };
    }

    static void refused(Mono<IdentityProof> proof, Class<? extends Throwable> type, String message) {
        StepVerifier.create(proof)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(type).hasMessageContaining(message))
                .verify(TIMEOUT);
    }

    @Test
    void theWalletSignsTheIdentityTransaction() {
        Instant before = Instant.now();
        IdentityProof proof = proofs(WalletPluginPrivateKey.of(KEY)).prove(login(), 60, CHAIN_ID, context)
                .block(TIMEOUT);
        assertThat(proof.signer()).isEqualTo(ALICE);
        assertThat(proof.scope()).isEqualTo(SCOPE);
        assertThat(proof.chainId()).isEqualTo(CHAIN_ID);
        assertThat(proof.expiration().seconds()).isBetween(before.getEpochSecond() + 59,
                Instant.now().getEpochSecond() + 61);
        assertThat(proof.recoverKey()).isEqualTo(KEY.toPublic());
        // the proof travels as text and reads back the same
        assertThat(IdentityProof.from(proof.toString())).isEqualTo(proof);
    }

    @Test
    void onlyAVersion3IdentityRequestForTheSignerAndChainIsAnswered() {
        IdentityProofs proofs = proofs(WalletPluginPrivateKey.of(KEY));
        refused(proofs.prove(SigningRequest.builder().chainId(CHAIN_ID).identity().version(2).build(), 60, CHAIN_ID,
                context), SessionException.class, "version 2");
        refused(proofs.prove(SigningRequest.builder().chainId(CHAIN_ID).identity(PermissionLevel.from("bob@active"))
                .identityScope(SCOPE).build(), 60, CHAIN_ID, context), SessionException.class, "bob@active");
        refused(proofs.prove(SigningRequest.builder().chainId(OTHER_CHAIN).identityScope(SCOPE).build(), 60, CHAIN_ID,
                context), UnknownChainException.class, OTHER_CHAIN.toString());
        // a placeholder asks for anyone
        StepVerifier.create(proofs.prove(SigningRequest.builder().chainId(CHAIN_ID)
                        .identity(ActionRequest.PLACEHOLDER_SIGNER).identityScope(SCOPE).build(), 60, CHAIN_ID, context))
                .assertNext(p -> assertThat(p.signer()).isEqualTo(ALICE))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aWalletThatChangesTheTransactionOrGivesNoSignatureIsRefused() {
        refused(proofs(wallet(t -> new WalletPluginSignResponse(List.of(KEY.signDigest(t.signingDigest(CHAIN_ID))),
                t.withActions(List.of())))).prove(login(), 60, CHAIN_ID, context),
                SessionException.class, "changed the identity transaction");
        refused(proofs(wallet(t -> WalletPluginSignResponse.of(List.of()))).prove(login(), 60, CHAIN_ID, context),
                SessionException.class, "gave no signature");
        refused(proofs(wallet(t -> null)).prove(login(), 60, CHAIN_ID, context),
                SessionException.class, "completed without signing");
    }
}
