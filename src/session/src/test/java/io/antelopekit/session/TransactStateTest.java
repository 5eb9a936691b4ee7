package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.plugin.WalletPluginSignResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The rules of the hooks' and the wallet's answers, on one transaction's state alone. */
class TransactStateTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Checksum256 CHAIN_ID = Checksum256.from("aa".repeat(32));
    static final PermissionLevel ALICE = PermissionLevel.from("alice@active");
    static final TransactionHeader HEADER = new TransactionHeader(TimePointSec.of(2_000_000_000L), 1, 2, 0, 0, 0);
    static final PrivateKey KEY_1 = PrivateKey.generate(KeyType.K1);
    static final PrivateKey KEY_2 = PrivateKey.generate(KeyType.K1);
    static final Abi TOKEN = Abi.fromJson("""
            {"version":"eosio::abi/1.1","types":[],"structs":[{"name":"transfer","base":"","fields":[
              {"name":"from","type":"name"},{"name":"to","type":"name"},
              {"name":"quantity","type":"asset"},{"name":"memo","type":"string"}]}],
             "actions":[{"name":"transfer","type":"transfer","ricardian_contract":""}]}""");

    static Action action(String memo) {
        return Action.of(Name.from("app"), Name.from("act"), List.of(ALICE), Bytes.of(memo.getBytes()));
    }

    static Transaction transaction(String memo) {
        return Transaction.of(HEADER, action(memo));
    }

    static Signature sign(PrivateKey key, Transaction t) {
        return key.signDigest(t.signingDigest(CHAIN_ID));
    }

    @Test
    void aChangeIsAppliedWhenModificationIsAllowed() {
        Transaction t = transaction("one");
        Transaction changed = transaction("two");
        TransactState s = new TransactState(t);
        assertThat(s.modifiable(true)).isTrue();

        s.apply("p", TransactHookResult.modify(changed), true, CHAIN_ID);

        assertThat(s.transaction()).isEqualTo(changed);
        assertThat(s.revisions()).containsExactly(new TransactResult.Revision("p", true, 0, true, t, changed));
    }

    @Test
    void aChangeIsNotAppliedWhenModificationIsNotAllowed() {
        Transaction t = transaction("one");
        Transaction changed = transaction("two");
        TransactState s = new TransactState(t);
        assertThat(s.modifiable(false)).isFalse();

        s.apply("p", TransactHookResult.modify(changed), false, CHAIN_ID);

        assertThat(s.transaction()).isEqualTo(t);
        // the revision keeps what the hook proposed, and says it was not applied
        TransactResult.Revision r = s.revisions().get(0);
        assertThat(r.modified()).isFalse();
        assertThat(r.allowModify()).isFalse();
        assertThat(r.after()).isEqualTo(changed);
        assertThat(r.result()).isEqualTo(t);
    }

    @Test
    void aSignatureLocksTheTransaction() {
        Transaction t = transaction("one");
        TransactState s = new TransactState(t);
        s.apply("cosigner", TransactHookResult.sign(t, List.of(sign(KEY_1, t))), true, CHAIN_ID);
        assertThat(s.signatures()).hasSize(1);
        assertThat(s.modifiable(true)).as("locked by the signature").isFalse();

        // a later change while modification is allowed is an error
        Transaction changed = transaction("two");
        assertThatThrownBy(() -> s.apply("late", TransactHookResult.modify(changed), true, CHAIN_ID))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("late").hasMessageContaining("already locks");
        assertThat(s.transaction()).isEqualTo(t);

        // without modification allowed it is only left out, with its revision
        s.apply("quiet", TransactHookResult.modify(changed), false, CHAIN_ID);
        assertThat(s.transaction()).isEqualTo(t);
        assertThat(s.revisions()).extracting(TransactResult.Revision::pluginId).containsExactly("cosigner", "quiet");
        assertThat(s.revisions().get(0).signatures()).isEqualTo(1);
        assertThat(s.revisions().get(0).allowModify()).isTrue();
        assertThat(s.revisions().get(1).allowModify()).isFalse();
    }

    @Test
    void aHeaderCompletionIsAlwaysApplied() {
        Transaction unset = Transaction.of(TransactionAssembler.UNSET_HEADER, action("one"));
        TransactState s = new TransactState(unset);
        assertThat(s.headerUnset()).isTrue();

        // another change is not applied without modification allowed...
        s.apply("changer", TransactHookResult.modify(Transaction.of(TransactionAssembler.UNSET_HEADER,
                action("two"))), false, CHAIN_ID);
        assertThat(s.transaction()).isEqualTo(unset);

        // ...but the header completed is
        Transaction completed = unset.withHeader(HEADER);
        s.apply("header", TransactHookResult.modify(completed), false, CHAIN_ID);
        assertThat(s.transaction()).isEqualTo(completed);
        assertThat(s.headerUnset()).isFalse();
        assertThat(s.revisions().get(1).modified()).isTrue();
        assertThat(s.revisions().get(1).allowModify()).isFalse();
    }

    @Test
    void aSignatureOfAnUnsetHeaderIsRefused() {
        Transaction unset = Transaction.of(TransactionAssembler.UNSET_HEADER, action("one"));
        TransactState s = new TransactState(unset);
        assertThatThrownBy(() -> s.apply("early", TransactHookResult.sign(unset, List.of(sign(KEY_1, unset))), true,
                CHAIN_ID))
                .isInstanceOf(SessionException.class).hasMessageContaining("resolveHeader");
        assertThat(s.signatures()).isEmpty();
    }

    @Test
    void aSignatureOfAChangeNotAppliedIsRefused() {
        Transaction t = transaction("one");
        Transaction changed = transaction("two");
        TransactState s = new TransactState(t);
        assertThatThrownBy(() -> s.apply("p", TransactHookResult.sign(changed, List.of(sign(KEY_1, changed))), false,
                CHAIN_ID))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("signed a change that was not applied")
                .hasMessageContaining("modification is not allowed");
        assertThat(s.signatures()).isEmpty();
        assertThat(s.transaction()).isEqualTo(t);
    }

    @Test
    void signaturesAreCheckedAgainstTheTransactionOneKeyOnce() {
        Transaction t = transaction("one");
        TransactState s = new TransactState(t);
        Signature first = sign(KEY_1, t);
        Signature second = sign(KEY_2, t);
        s.apply("a", TransactHookResult.sign(t, List.of(first)), true, CHAIN_ID);
        s.apply("b", TransactHookResult.sign(t, List.of(second)), true, CHAIN_ID);
        assertThat(s.signatures()).containsExactly(first, second);
        assertThat(first.recover(s.transaction().signingDigest(CHAIN_ID))).isEqualTo(KEY_1.toPublic());

        // the same key again, in another hook: a node would refuse the duplicate
        assertThatThrownBy(() -> s.apply("c", TransactHookResult.sign(t, List.of(sign(KEY_1, t))), true, CHAIN_ID))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("second signature by key " + KEY_1.toPublic());
        assertThat(s.signatures()).containsExactly(first, second);
    }

    @Test
    void theWalletMayChangeOnlyAnUnlockedTransactionWhenAllowed() {
        Transaction t = transaction("one");
        Transaction changed = transaction("two");
        Signature walletSig = sign(KEY_2, changed);

        TransactState allowed = new TransactState(t)
                .walletSigned(new WalletPluginSignResponse(List.of(walletSig), changed), "w", true);
        assertThat(allowed.transaction()).isEqualTo(changed);
        assertThat(allowed.signatures()).containsExactly(walletSig);

        assertThatThrownBy(() -> new TransactState(t)
                .walletSigned(new WalletPluginSignResponse(List.of(walletSig), changed), "w", false))
                .isInstanceOf(SessionException.class).hasMessageContaining("modification is not allowed");

        TransactState locked = new TransactState(t);
        locked.apply("cosigner", TransactHookResult.sign(t, List.of(sign(KEY_1, t))), true, CHAIN_ID);
        assertThatThrownBy(() -> locked.walletSigned(new WalletPluginSignResponse(List.of(walletSig), changed), "w",
                true))
                .isInstanceOf(SessionException.class).hasMessageContaining("already locks");

        // unchanged: the wallet's signatures come after the hooks'
        Signature same = sign(KEY_2, t);
        locked.walletSigned(WalletPluginSignResponse.of(List.of(same)), "w", true);
        assertThat(locked.signatures()).hasSize(2).endsWith(same);
        assertThat(locked.signedTransaction().signatures()).isEqualTo(locked.signatures());
    }

    @Test
    void theResultHoldsTheTransactionSignaturesAndRevisions() {
        Transaction t = transaction("one");
        TransactState s = new TransactState(t);
        s.unchanged("idle", true);
        Signature sig = sign(KEY_1, t);
        s.walletSigned(WalletPluginSignResponse.of(List.of(sig)), "w", true);
        ChainDefinition chain = ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:1");

        TransactResult r = s.result(chain, ALICE, CHAIN_ID);

        assertThat(r.transaction()).isEqualTo(t);
        assertThat(r.id()).isEqualTo(t.id());
        assertThat(r.signatures()).containsExactly(sig);
        assertThat(r.signer()).isEqualTo(ALICE);
        assertThat(r.revisions()).containsExactly(new TransactResult.Revision("idle", false, 0, true, t, t));
        assertThat(r.request()).isNull();
        assertThat(r.resolved()).isNull();
        assertThat(r.response()).isNull();
    }

    @Test
    void aSigningRequestsResultIsResolvedWithTheHeaderUsed() {
        Name token = Name.from("token");
        SigningRequest request = SigningRequest.builder().chainId(CHAIN_ID)
                .action(Action.of(token, "transfer", ActionRequest.PLACEHOLDER_SIGNER, Map.of("from", "............1",
                        "to", "bob", "quantity", "0.0001 EOS", "memo", ""), TOKEN))
                .broadcast(false).build();
        ResolvedRequest resolved = ResolvedRequest.resolve(request, ALICE,
                name -> name.equals(token) ? Mono.just(TOKEN) : Mono.error(new AssertionError("asked for " + name)),
                CHAIN_ID).block(TIMEOUT);
        assertThat(resolved.abis()).containsOnlyKeys(token);
        TransactState s = new TransactState(resolved);
        assertThat(s.headerUnset()).as("no TAPoS in the request: left for the head cache").isTrue();
        Action action = s.transaction().actions().get(0);
        assertThat(action.authorization()).containsExactly(ALICE);
        assertThat(action.decodeData(TOKEN).get("from").asText()).isEqualTo("alice");

        s.withHeader(s.transaction().withHeader(HEADER));
        TransactResult r = s.result(ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:1"), ALICE, CHAIN_ID);

        assertThat(r.request()).isSameAs(request);
        assertThat(r.resolved().transaction().header().expiration()).isEqualTo(HEADER.expiration());
        assertThat(r.resolved().transaction().header().refBlockNum()).isEqualTo(HEADER.refBlockNum());
        assertThat(r.resolved().transaction().header().refBlockPrefix()).isEqualTo(HEADER.refBlockPrefix());
        assertThat(r.resolved().transaction().id()).isEqualTo(r.id());
    }

    @Test
    void anIdentityRequestIsNotTransacted() {
        SigningRequest identity = SigningRequest.builder().chainId(CHAIN_ID).identityScope(Name.from("app")).build();
        StepVerifier.create(ResolvedRequest.resolve(identity, ALICE, name -> Mono.empty(), CHAIN_ID))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(SessionException.class)
                        .hasMessageContaining("identityProof"))
                .verify(TIMEOUT);
    }
}
