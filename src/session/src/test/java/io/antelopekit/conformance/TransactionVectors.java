package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.DynamicTest;

/**
 * {@code transactions.jsonl}: packing, id, signing digest, signatures and packed transactions.
 *
 * <p>Where a row has context-free data, the reference signs over 32 zero bytes instead of the
 * digest of that data; we follow the node, so such rows check packing and id exactly and that
 * our signatures verify against our (node) digest, which must differ from the reference's.
 */
final class TransactionVectors {

    private static final Map<String, Abi> ABIS = new ConcurrentHashMap<>();

    private TransactionVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("transactions.jsonl", TransactionVectors::name, TransactionVectors::check);
    }

    private static String name(JsonNode row) {
        JsonNode trx = row.get("transaction_json");
        return row.get("chain_name").asText() + " " + trx.get("actions").size() + " actions, "
                + trx.get("context_free_actions").size() + " cfa, " + row.get("context_free_data").size() + " cfd, "
                + row.get("signing_keys").size() + " keys";
    }

    private static void check(JsonNode row) {
        try {
            checkRow(row);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void checkRow(JsonNode row) throws Exception {
        Checksum256 chainId = Checksum256.from(row.get("chain_id").asText());
        Transaction trx = Vectors.JSON.treeToValue(row.get("transaction_json"), Transaction.class);

        // packing and id, exactly
        byte[] packed = trx.pack();
        assertThat(Vectors.hex(packed)).isEqualTo(row.get("packed_trx_hex").asText());
        assertThat(trx.id().toString()).isEqualTo(row.get("transaction_id").asText());
        assertThat(Transaction.unpack(packed)).isEqualTo(trx);
        assertThat(Vectors.JSON.<JsonNode>valueToTree(trx)).isEqualTo(row.get("transaction_json"));

        // action data encoded from decoded JSON through the contract's ABI
        checkDecodedActions(row.get("actions_decoded"), trx.actions());
        checkDecodedActions(row.get("context_free_actions_decoded"), trx.contextFreeActions());

        // without context-free data our digest is the reference's (32 zero bytes appended)
        assertThat(Vectors.hex(trx.signingData(chainId, List.of()))).isEqualTo(row.get("signing_data_hex").asText());
        assertThat(trx.signingDigest(chainId, List.of()).toString()).isEqualTo(row.get("signing_digest_hex").asText());

        List<Bytes> cfd = new ArrayList<>();
        row.get("context_free_data").forEach(h -> cfd.add(Bytes.from(h.asText())));
        List<PrivateKey> keys = new ArrayList<>();
        row.get("signing_keys").forEach(k -> keys.add(PrivateKey.from(k.asText())));
        List<Signature> referenceSignatures = new ArrayList<>();
        row.get("signatures").forEach(s -> referenceSignatures.add(Signature.from(s.asText())));
        Set<PublicKey> publicKeys = keys.stream().map(PrivateKey::toPublic).collect(Collectors.toSet());

        SignedTransaction signed = SignedTransaction.of(trx, List.of(), cfd).sign(chainId, keys.toArray(PrivateKey[]::new));
        Checksum256 digest = signed.signingDigest(chainId);
        assertThat(digest).isEqualTo(nodeDigest(chainId, packed, cfd));
        if (cfd.isEmpty()) {
            assertThat(signed.signatures()).isEqualTo(referenceSignatures);
        } else {
            // node rule: sha256(chain_id || packed_trx || sha256(packed cfd)), not the reference's zeros
            assertThat(digest.toString()).isNotEqualTo(row.get("signing_digest_hex").asText());
            byte[] referenceDigest = trx.signingDigest(chainId, List.of()).bytes();
            for (int i = 0; i < keys.size(); i++) {
                PublicKey pub = keys.get(i).toPublic();
                assertThat(signed.signatures().get(i).verify(digest.bytes(), pub)).isTrue();
                assertThat(referenceSignatures.get(i).verify(referenceDigest, pub)).isTrue();
            }
        }
        assertThat(signed.recoverSigners(chainId)).isEqualTo(publicKeys);
        assertThat(signed.signatures()).hasSize(keys.size());

        // the reference's packed transaction unpacks to the same transaction
        JsonNode packedJson = row.get("packed_transaction");
        PackedTransaction reference = Vectors.JSON.treeToValue(packedJson, PackedTransaction.class);
        SignedTransaction unpacked = reference.unpack();
        assertThat(unpacked.transaction()).isEqualTo(trx);
        assertThat(unpacked.signatures()).isEqualTo(referenceSignatures);
        assertThat(unpacked.contextFreeData()).isEqualTo(cfd);
        assertThat(reference.id().toString()).isEqualTo(row.get("transaction_id").asText());

        // ours packs to the same content; zlib bytes may differ only by deflate implementation
        Compression compression = Compression.ofCode(packedJson.get("compression").asInt());
        PackedTransaction ours = SignedTransaction.of(trx, referenceSignatures, cfd).pack(compression);
        assertThat(ours.signatures()).isEqualTo(referenceSignatures);
        assertThat(ours.compression()).isEqualTo(compression);
        assertThat(ours.id()).isEqualTo(trx.id());
        if (compression == Compression.ZLIB) {
            assertThat(inflate(ours.packedTrx().bytes())).isEqualTo(packed);
            assertThat(inflate(ours.packedContextFreeData().bytes()))
                    .isEqualTo(inflate(reference.packedContextFreeData().bytes()));
        }
        // java.util.zip at the default level produces the same bytes as the reference's pako
        assertThat(Vectors.JSON.<JsonNode>valueToTree(ours)).isEqualTo(packedJson);
        assertThat(Vectors.JSON.treeToValue(Vectors.JSON.<JsonNode>valueToTree(ours), PackedTransaction.class)).isEqualTo(ours);
    }

    private static void checkDecodedActions(JsonNode decoded, List<Action> actions) {
        assertThat(decoded).hasSize(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            JsonNode a = decoded.get(i);
            if (a.get("abi_name").isNull()) {
                continue;
            }
            Abi abi = abi(a.get("abi_name").asText());
            List<PermissionLevel> auth = new ArrayList<>();
            a.get("authorization").forEach(p -> auth.add(
                    new PermissionLevel(Name.from(p.get("actor").asText()), Name.from(p.get("permission").asText()))));
            Action built = Action.of(Name.from(a.get("account").asText()), a.get("name").asText(), auth, a.get("data"), abi);
            assertThat(built).isEqualTo(actions.get(i));
            // the input leaves absent binary extensions out; decoding gives them as null
            JsonNode expected = withoutNulls(a.get("data"));
            assertThat(withoutNulls(built.decodedData().orElseThrow())).isEqualTo(expected);
            assertThat(withoutNulls(actions.get(i).decodeData(abi))).isEqualTo(expected);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).properties().removeIf(e -> e.getValue().isNull());
        }
        node.forEach(TransactionVectors::strip);
    }

    private static Abi abi(String name) {
        return ABIS.computeIfAbsent(name, n -> {
            try {
                return Abi.fromJson(Files.readString(Vectors.dir().resolve("abis").resolve(n + ".json")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Checksum256 nodeDigest(Checksum256 chainId, byte[] packedTrx, List<Bytes> cfd) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(chainId.bytes());
        md.update(packedTrx);
        if (cfd.isEmpty()) {
            md.update(new byte[32]);
        } else {
            ByteArrayOutputStream packedCfd = new ByteArrayOutputStream();
            writeVarUInt(packedCfd, cfd.size());
            for (Bytes b : cfd) {
                writeVarUInt(packedCfd, b.length());
                packedCfd.write(b.bytes());
            }
            md.update(MessageDigest.getInstance("SHA-256").digest(packedCfd.toByteArray()));
        }
        return Checksum256.of(md.digest());
    }

    private static void writeVarUInt(ByteArrayOutputStream out, int v) {
        while (v >= 0x80) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static byte[] inflate(byte[] zlib) throws Exception {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && inflater.needsInput()) {
                    throw new IllegalStateException("truncated zlib data");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
