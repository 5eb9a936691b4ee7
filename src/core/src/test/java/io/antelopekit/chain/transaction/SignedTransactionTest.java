package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.BinaryReader;
import static io.antelopekit.chain.transaction.TransactionTestData.EOS_CHAIN;
import static io.antelopekit.chain.transaction.TransactionTestData.JSON;
import static io.antelopekit.chain.transaction.TransactionTestData.KEY_1;
import static io.antelopekit.chain.transaction.TransactionTestData.KEY_2;
import static io.antelopekit.chain.transaction.TransactionTestData.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedTransactionTest {

    private static final PrivateKey K1 = PrivateKey.from(KEY_1);
    private static final PrivateKey K2 = PrivateKey.from(KEY_2);

    @Test
    void signaturesVerifyAgainstTheSigningDigestAndRecoverTheSigners() {
        SignedTransaction signed = transaction().sign(EOS_CHAIN, K1, K2);
        byte[] digest = transaction().signingDigest(EOS_CHAIN, List.of()).bytes();
        assertThat(signed.signatures()).hasSize(2);
        assertThat(signed.signatures().get(0).verify(digest, K1.toPublic())).isTrue();
        assertThat(signed.signatures().get(1).verify(digest, K2.toPublic())).isTrue();
        assertThat(signed.recoverSigners(EOS_CHAIN)).containsExactly(K1.toPublic(), K2.toPublic());
        assertThat(signed.id()).isEqualTo(transaction().id());
    }

    @Test
    void signingIsDeterministic() {
        assertThat(transaction().sign(EOS_CHAIN, K1)).isEqualTo(transaction().sign(EOS_CHAIN, K1));
    }

    @Test
    void anotherChainRecoversOtherKeys() {
        SignedTransaction signed = transaction().sign(EOS_CHAIN, K1);
        Checksum256 otherChain = Checksum256.hash(new byte[] {1});
        assertThat(signed.recoverSigners(otherChain)).doesNotContain(K1.toPublic()).hasSize(1);
    }

    @Test
    void contextFreeDataIsCoveredBySignatures() {
        SignedTransaction withCfd = SignedTransaction.of(transaction(), List.of(), List.of(Bytes.from("eef6332b06")))
                .sign(EOS_CHAIN, K1);
        assertThat(withCfd.signingDigest(EOS_CHAIN)).isNotEqualTo(transaction().signingDigest(EOS_CHAIN));
        assertThat(withCfd.recoverSigners(EOS_CHAIN)).containsExactly(K1.toPublic());
        // the same signature over other context-free data no longer recovers the signer
        SignedTransaction tampered = withCfd.withContextFreeData(List.of(Bytes.from("00")));
        assertThat(tampered.recoverSigners(EOS_CHAIN)).doesNotContain(K1.toPublic());
    }

    @Test
    void twoSignaturesByOneKeyAreRejectedAsANodeDoes() {
        SignedTransaction twice = transaction().sign(EOS_CHAIN, K1, K1);
        assertThatThrownBy(() -> twice.recoverSigners(EOS_CHAIN))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("signatures[1]")
                .hasMessageContaining(K1.toPublic().toString());
    }

    @Test
    void withSignatureAppendsAndWithSignaturesReplaces() {
        SignedTransaction one = transaction().sign(EOS_CHAIN, K1);
        Signature s2 = transaction().sign(EOS_CHAIN, K2).signatures().get(0);
        assertThat(one.withSignature(s2).signatures()).containsExactly(one.signatures().get(0), s2);
        assertThat(one.withSignatures(List.of(s2)).signatures()).containsExactly(s2);
        assertThat(one.signatures()).hasSize(1);
        assertThat(one.sign(EOS_CHAIN, K2)).isEqualTo(one.withSignature(s2));
        assertThat(one.sign(EOS_CHAIN)).isSameAs(one);
    }

    @Test
    void binaryFormIsTransactionSignaturesAndContextFreeData() {
        SignedTransaction signed = SignedTransaction.of(transaction(), List.of(), List.of(Bytes.from("abcd")))
                .sign(EOS_CHAIN, K1);
        byte[] bytes = signed.toBytes();
        BinaryWriter expected = new BinaryWriter();
        expected.writeBytes(transaction().pack());
        expected.writeVarUInt32(1);
        signed.signatures().get(0).encode(expected);
        expected.writeBytes(TransactionTestData.hex("0102abcd"));
        assertThat(bytes).isEqualTo(expected.toByteArray());
        BinaryReader in = new BinaryReader(bytes);
        assertThat(SignedTransaction.decode(in)).isEqualTo(signed);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void jsonIsTheNodesSignedTransactionForm() throws Exception {
        SignedTransaction signed = SignedTransaction.of(transaction(), List.of(), List.of(Bytes.from("abcd")))
                .sign(EOS_CHAIN, K1);
        JsonNode json = JSON.valueToTree(signed);
        assertThat(json.get("ref_block_num").asInt()).isEqualTo(39902);
        assertThat(json.get("signatures").get(0).asText()).isEqualTo(signed.signatures().get(0).toString());
        assertThat(json.get("context_free_data").get(0).asText()).isEqualTo("abcd");
        assertThat(JSON.treeToValue(json, SignedTransaction.class)).isEqualTo(signed);
    }

    @Test
    void jsonSignatureErrorsNameTheField() throws Exception {
        JsonNode json = JSON.valueToTree(SignedTransaction.of(transaction()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).putArray("signatures").add("SIG_K1_nope");
        assertThatThrownBy(() -> SignedTransaction.fromJson(json, "signed"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("signed.signatures[0]");
    }
}
