package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidNameException;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.Checksum256;
import static io.antelopekit.chain.transaction.TransactionTestData.ACTION_HEX;
import static io.antelopekit.chain.transaction.TransactionTestData.EOS_CHAIN;
import static io.antelopekit.chain.transaction.TransactionTestData.HEADER_HEX;
import static io.antelopekit.chain.transaction.TransactionTestData.JSON;
import static io.antelopekit.chain.transaction.TransactionTestData.header;
import static io.antelopekit.chain.transaction.TransactionTestData.hex;
import static io.antelopekit.chain.transaction.TransactionTestData.transaction;
import static io.antelopekit.chain.transaction.TransactionTestData.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TransactionTest {

    /** header, no context-free actions, one action, one extension (type 7, data ab). */
    private static final String PACKED_HEX = HEADER_HEX + "00" + "01" + ACTION_HEX + "01" + "0700" + "01ab";

    private static Transaction withExtension() {
        return transaction().withTransactionExtensions(List.of(new TransactionExtension(7, Bytes.from("ab"))));
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    @Test
    void packsHeaderActionsAndExtensionsInTheNodesLayout() {
        assertThat(hex(withExtension().pack())).isEqualTo(PACKED_HEX);
        assertThat(hex(withExtension().toBytes())).isEqualTo(PACKED_HEX);
    }

    @Test
    void idIsTheSha256OfThePackedTransaction() throws Exception {
        assertThat(withExtension().id().bytes()).isEqualTo(sha256(hex(PACKED_HEX)));
    }

    @Test
    void packReturnsACopy() {
        Transaction trx = transaction();
        byte[] first = trx.pack();
        first[0] ^= 1;
        assertThat(trx.pack()).isNotEqualTo(first);
        assertThat(trx.id()).isEqualTo(Checksum256.hash(transaction().pack()));
    }

    @Test
    void packAndIdAreSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                Transaction trx = withExtension();
                List<Callable<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    tasks.add(() -> hex(trx.pack()) + "/" + trx.id());
                }
                Set<String> results = new HashSet<>();
                for (Future<String> f : pool.invokeAll(tasks)) {
                    results.add(f.get());
                }
                assertThat(results).containsExactly(PACKED_HEX + "/" + Checksum256.hash(hex(PACKED_HEX)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unpacksWhatItPacks() {
        Transaction trx = Transaction.unpack(hex(PACKED_HEX));
        assertThat(trx).isEqualTo(withExtension()).hasSameHashCodeAs(withExtension());
        assertThat(trx.header()).isEqualTo(header());
        assertThat(trx.actions()).containsExactly(transfer());
        assertThat(trx.contextFreeActions()).isEmpty();
        assertThat(trx.transactionExtensions()).containsExactly(new TransactionExtension(7, Bytes.from("ab")));
    }

    @Test
    void unpackRejectsTrailingTruncatedAndHostileBytes() {
        assertThatThrownBy(() -> Transaction.unpack(hex(PACKED_HEX + "00")))
                .isInstanceOf(DecodingException.class).hasMessageContaining("1 unread bytes");
        assertThatThrownBy(() -> Transaction.unpack(hex(PACKED_HEX.substring(0, PACKED_HEX.length() - 2))))
                .isInstanceOf(DecodingException.class);
        // 2^32-1 context-free actions declared in a 17-byte buffer: refused before any allocation
        assertThatThrownBy(() -> Transaction.unpack(hex(HEADER_HEX + "ffffffff0f")))
                .isInstanceOf(DecodingException.class).hasMessageContaining("context_free_actions");
    }

    @Test
    void signingDigestCoversChainIdPackedTransactionAndZerosWithoutContextFreeData() throws Exception {
        byte[] packed = hex(PACKED_HEX);
        byte[] expectedData = new byte[32 + packed.length + 32];
        System.arraycopy(EOS_CHAIN.bytes(), 0, expectedData, 0, 32);
        System.arraycopy(packed, 0, expectedData, 32, packed.length);
        assertThat(withExtension().signingData(EOS_CHAIN, List.of())).isEqualTo(expectedData);
        assertThat(withExtension().signingDigest(EOS_CHAIN, List.of()).bytes()).isEqualTo(sha256(expectedData));
        assertThat(withExtension().signingDigest(EOS_CHAIN)).isEqualTo(withExtension().signingDigest(EOS_CHAIN, List.of()));
    }

    @Test
    void signingDigestCoversTheDigestOfPackedContextFreeDataAsANodeDoes() throws Exception {
        List<Bytes> cfd = List.of(Bytes.from("eef6332b06"), Bytes.EMPTY);
        byte[] packedCfd = hex("02" + "05eef6332b06" + "00");
        byte[] cfdDigest = sha256(packedCfd);
        byte[] data = withExtension().signingData(EOS_CHAIN, cfd);
        assertThat(java.util.Arrays.copyOfRange(data, data.length - 32, data.length)).isEqualTo(cfdDigest);
        assertThat(withExtension().signingDigest(EOS_CHAIN, cfd).bytes())
                .isEqualTo(sha256(EOS_CHAIN.bytes(), hex(PACKED_HEX), cfdDigest));
    }

    @Test
    void withersReturnNewTransactionsAndLeaveTheOriginal() {
        Transaction trx = transaction();
        Transaction later = trx.withHeader(header().withDelaySec(0));
        assertThat(later.header().delaySec()).isZero();
        assertThat(trx.header().delaySec()).isEqualTo(2090335);
        assertThat(later.id()).isNotEqualTo(trx.id());
        Transaction two = trx.withActions(List.of(transfer(), transfer()));
        assertThat(two.actions()).hasSize(2);
        assertThat(trx.actions()).hasSize(1);
        Transaction cf = trx.withContextFreeActions(List.of(transfer()));
        assertThat(cf.contextFreeActions()).containsExactly(transfer());
        assertThat(cf).isNotEqualTo(trx);
    }

    @Test
    void builderNeedsAHeader() {
        Transaction built = Transaction.builder().header(header()).contextFreeAction(transfer()).action(transfer())
                .transactionExtension(new TransactionExtension(7, Bytes.from("ab"))).build();
        assertThat(built.contextFreeActions()).containsExactly(transfer());
        assertThat(built.actions()).containsExactly(transfer());
        assertThat(built.transactionExtensions()).hasSize(1);
        assertThatThrownBy(() -> Transaction.builder().action(transfer()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("header");
    }

    @Test
    void jsonIsTheNodesForm() throws Exception {
        JsonNode json = JSON.valueToTree(withExtension());
        assertThat(json.get("expiration").asText()).isEqualTo("2024-10-30T08:16:03");
        assertThat(json.get("delay_sec").asLong()).isEqualTo(2090335);
        assertThat(json.get("context_free_actions")).isEmpty();
        assertThat(json.get("actions").get(0).get("data").asText()).isEqualTo("0102");
        assertThat(json.get("transaction_extensions").get(0).get("type").asInt()).isEqualTo(7);
        assertThat(JSON.treeToValue(json, Transaction.class)).isEqualTo(withExtension());
        assertThat(JSON.readTree(withExtension().toString())).isEqualTo(json);
    }

    @Test
    void jsonAcceptsFcPairExtensionsAndAbsentLists() throws Exception {
        Transaction trx = JSON.readValue("{\"expiration\":\"2024-10-30T08:16:03\",\"ref_block_num\":1,"
                + "\"ref_block_prefix\":2,\"transaction_extensions\":[[7,\"ab\"]]}", Transaction.class);
        assertThat(trx.actions()).isEmpty();
        assertThat(trx.contextFreeActions()).isEmpty();
        assertThat(trx.transactionExtensions()).containsExactly(new TransactionExtension(7, Bytes.from("ab")));
    }

    @Test
    void jsonErrorsNameTheFieldPath() throws Exception {
        JsonNode json = JSON.valueToTree(transaction());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("actions").get(0)).put("name", "Transfer");
        assertThatThrownBy(() -> Transaction.fromJson(json, "transaction"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("transaction.actions[0].name");
    }

    @Test
    void recordedBlockTransactionsPackToTheNodesBytes() {
        List<JsonNode> trxs = TransactionTestData.recordedBlockTransactions();
        assertThat(trxs).hasSizeGreaterThan(100);
        for (JsonNode trx : trxs) {
            if (!trx.get("compression").asText().equals("none")) {
                continue;
            }
            Transaction t = Transaction.fromJson(trx.get("transaction"), "transaction");
            assertThat(hex(t.pack())).isEqualTo(trx.get("packed_trx").asText());
            assertThat(t.id().toString()).isEqualTo(trx.get("id").asText());
        }
    }
}
