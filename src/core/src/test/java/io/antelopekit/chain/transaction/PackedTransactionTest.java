package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.Bytes;
import static io.antelopekit.chain.transaction.TransactionTestData.EOS_CHAIN;
import static io.antelopekit.chain.transaction.TransactionTestData.JSON;
import static io.antelopekit.chain.transaction.TransactionTestData.KEY_1;
import static io.antelopekit.chain.transaction.TransactionTestData.hex;
import static io.antelopekit.chain.transaction.TransactionTestData.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class PackedTransactionTest {

    private static final PrivateKey KEY = PrivateKey.from(KEY_1);

    private static SignedTransaction signed() {
        return SignedTransaction.of(transaction(), List.of(), List.of(Bytes.from("eef6332b06"))).sign(EOS_CHAIN, KEY);
    }

    private static byte[] inflate(byte[] zlib) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[512];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && inflater.needsInput()) {
                    throw new DataFormatException("truncated");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static PackedTransaction zlibOf(byte[] trx) {
        return PackedTransaction.of(List.of(), Compression.ZLIB, Bytes.EMPTY, Bytes.of(deflate(trx)));
    }

    @Test
    void uncompressedHoldsThePackedTransactionAndContextFreeData() {
        PackedTransaction packed = signed().pack(Compression.NONE);
        assertThat(packed.compression()).isEqualTo(Compression.NONE);
        assertThat(packed.packedTrx().bytes()).isEqualTo(transaction().pack());
        assertThat(hex(packed.packedContextFreeData().bytes())).isEqualTo("0105eef6332b06");
        assertThat(packed.signatures()).isEqualTo(signed().signatures());
        assertThat(packed.id()).isEqualTo(transaction().id());
    }

    @Test
    void zlibDeflatesBothFields() throws Exception {
        PackedTransaction packed = PackedTransaction.from(signed(), Compression.ZLIB);
        assertThat(inflate(packed.packedTrx().bytes())).isEqualTo(transaction().pack());
        assertThat(hex(inflate(packed.packedContextFreeData().bytes()))).isEqualTo("0105eef6332b06");
        assertThat(hex(Arrays.copyOf(packed.packedTrx().bytes(), 2))).isEqualTo("789c");
    }

    @Test
    void emptyContextFreeDataIsPackedAsAnEmptyList() {
        PackedTransaction packed = SignedTransaction.of(transaction()).pack(Compression.NONE);
        assertThat(hex(packed.packedContextFreeData().bytes())).isEqualTo("00");
    }

    @Test
    void unpacksToTheSignedTransaction() {
        for (Compression c : Compression.values()) {
            PackedTransaction packed = signed().pack(c);
            // drop what is known: decode from the bytes alone
            PackedTransaction received = PackedTransaction.of(packed.signatures(), c, packed.packedContextFreeData(),
                    packed.packedTrx());
            assertThat(received).isEqualTo(packed).hasSameHashCodeAs(packed);
            assertThat(received.unpack()).isEqualTo(signed());
            assertThat(received.transaction()).isEqualTo(transaction());
            assertThat(received.id()).isEqualTo(transaction().id());
            assertThat(received.unpack().recoverSigners(EOS_CHAIN)).containsExactly(KEY.toPublic());
        }
    }

    @Test
    void acceptsTheNodesEmptyContextFreeDataField() {
        for (Compression c : Compression.values()) {
            PackedTransaction packed = SignedTransaction.of(transaction()).pack(c);
            PackedTransaction nodeForm = PackedTransaction.of(List.of(), c, Bytes.EMPTY, packed.packedTrx());
            assertThat(nodeForm.unpack().contextFreeData()).isEmpty();
            assertThat(nodeForm.unpack().transaction()).isEqualTo(transaction());
        }
    }

    @Test
    void aZipBombFailsFastWithBoundedMemory() {
        byte[] bomb = deflate(new byte[16 * 1024 * 1024]); // 16 MiB of zeros in ~16 KiB
        assertThat(bomb.length).isLessThan(PackedTransaction.DEFAULT_MAX_INFLATED_SIZE);
        PackedTransaction hostile = PackedTransaction.of(List.of(), Compression.ZLIB, Bytes.EMPTY, Bytes.of(bomb));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(hostile::unpack)
                        .isInstanceOf(DecodingException.class)
                        .hasMessageContaining("packed_trx inflates to more than 1048576 bytes"));
        PackedTransaction hostileCfd = PackedTransaction.of(List.of(), Compression.ZLIB, Bytes.of(bomb),
                signed().pack(Compression.ZLIB).packedTrx());
        assertThatThrownBy(hostileCfd::unpack)
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("packed_context_free_data inflates to more than");
    }

    @Test
    void theInflationLimitCanBeLowered() {
        byte[] trx = transaction().pack();
        PackedTransaction packed = zlibOf(trx);
        assertThatThrownBy(() -> packed.unpack(trx.length - 1))
                .isInstanceOf(DecodingException.class).hasMessageContaining("more than " + (trx.length - 1));
        assertThat(zlibOf(trx).unpack(trx.length).transaction()).isEqualTo(transaction());
        assertThatThrownBy(() -> packed.unpack(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedZlibFailsWithADecodingException() {
        byte[] good = deflate(transaction().pack());
        assertThatThrownBy(() -> zlibBytes(hex("0001020304")).unpack())
                .isInstanceOf(DecodingException.class).hasMessageContaining("packed_trx is not valid zlib data");
        assertThatThrownBy(() -> zlibBytes(Arrays.copyOf(good, good.length - 6)).unpack())
                .isInstanceOf(DecodingException.class).hasMessageContaining("packed_trx is truncated");
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> zlibBytes(trailing).unpack())
                .isInstanceOf(DecodingException.class).hasMessageContaining("3 bytes after the end");
        // valid zlib around bytes that are not a transaction
        assertThatThrownBy(() -> zlibBytes(deflate(hex("0102"))).unpack()).isInstanceOf(DecodingException.class);
    }

    private static PackedTransaction zlibBytes(byte[] bytes) {
        return PackedTransaction.of(List.of(), Compression.ZLIB, Bytes.EMPTY, Bytes.of(bytes));
    }

    @Test
    void jsonIsThePushTransactionBody() throws Exception {
        PackedTransaction packed = signed().pack(Compression.NONE);
        JsonNode json = JSON.valueToTree(packed);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("signatures", "compression", "packed_context_free_data", "packed_trx");
        assertThat(json.get("compression").asInt()).isZero();
        assertThat(json.get("packed_trx").asText()).isEqualTo(hex(transaction().pack()));
        assertThat(json.get("packed_context_free_data").asText()).isEqualTo("0105eef6332b06");
        assertThat(json.get("signatures").get(0).asText()).isEqualTo(packed.signatures().get(0).toString());
        assertThat(JSON.treeToValue(json, PackedTransaction.class)).isEqualTo(packed);
        assertThat(JSON.readTree(packed.toString())).isEqualTo(json);
    }

    @Test
    void jsonAcceptsTheNodesNamedCompressions() throws Exception {
        PackedTransaction packed = signed().pack(Compression.ZLIB);
        com.fasterxml.jackson.databind.node.ObjectNode json = JSON.valueToTree(packed);
        json.put("compression", "zlib");
        assertThat(JSON.treeToValue(json, PackedTransaction.class)).isEqualTo(packed);
        json.put("compression", 2);
        assertThatThrownBy(() -> PackedTransaction.fromJson(json, "trx"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("trx.compression");
        json.put("compression", "gzip");
        assertThatThrownBy(() -> PackedTransaction.fromJson(json, "trx"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("\"gzip\"");
    }

    @Test
    void binaryFormRoundTripsAndRejectsUnknownCompression() {
        PackedTransaction packed = signed().pack(Compression.ZLIB);
        byte[] bytes = packed.toBytes();
        BinaryReader in = new BinaryReader(bytes);
        assertThat(PackedTransaction.decode(in)).isEqualTo(packed);
        assertThat(in.hasRemaining()).isFalse();
        int compressionAt = 1 + packed.signatures().get(0).toBytes().length;
        assertThat(bytes[compressionAt]).isEqualTo((byte) 1);
        bytes[compressionAt] = 2;
        assertThatThrownBy(() -> PackedTransaction.decode(new BinaryReader(bytes)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("compression at offset " + compressionAt);
    }

    @Test
    void recordedBlockTransactionsUnpackToTheNodesIds() throws Exception {
        List<JsonNode> trxs = TransactionTestData.recordedBlockTransactions();
        assertThat(trxs).hasSizeGreaterThan(100);
        for (JsonNode trx : trxs) {
            PackedTransaction packed = JSON.treeToValue(trx, PackedTransaction.class);
            SignedTransaction unpacked = packed.unpack();
            assertThat(packed.id().toString()).isEqualTo(trx.get("id").asText());
            assertThat(unpacked.signatures()).hasSize(trx.get("signatures").size());
            assertThat(unpacked.transaction())
                    .isEqualTo(Transaction.fromJson(trx.get("transaction"), "transaction"));
            for (Signature s : unpacked.signatures()) {
                assertThat(s.toString()).startsWith("SIG_");
            }
        }
    }
}
