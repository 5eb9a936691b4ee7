package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.crypto.InvalidKeyException;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.DynamicTest;

/** Checks every line of {@code keys.jsonl}: each string form parses and formats back exactly. */
final class KeyVectors {

    private KeyVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("keys.jsonl",
                row -> row.path("valid").asBoolean() ? row.get("type").asText() + " " + row.get("public_key").asText()
                        : "invalid " + row.get("input").asText(),
                KeyVectors::check);
    }

    /** Textbook base58 decoding and RIPEMD-160(data || "K1"), written apart from the code under test. */
    static boolean hasValidK1Checksum(String base58) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger v = BigInteger.ZERO;
        for (char c : base58.toCharArray()) {
            int d = alphabet.indexOf(c);
            if (d < 0) {
                return false;
            }
            v = v.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
        }
        byte[] all = BigIntegers.asUnsignedByteArray(37, v);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(all, 0, 33);
        ripemd.update("K1".getBytes(StandardCharsets.US_ASCII), 0, 2);
        byte[] hash = new byte[20];
        ripemd.doFinal(hash, 0);
        return Arrays.equals(hash, 0, 4, all, 33, 37);
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static void check(JsonNode row) {
        if (!row.get("valid").asBoolean()) {
            checkInvalid(row);
            return;
        }
        KeyType type = KeyType.valueOf(row.get("type").asText());
        String secret = text(row, "private_key");
        String pub = text(row, "public_key");
        String dataHex = text(row, "public_key_data_hex");

        PrivateKey fromRaw = PrivateKey.of(type, Vectors.hex(text(row, "private_raw_hex")));
        assertThat(fromRaw.toSecretString()).isEqualTo(secret);
        PrivateKey key = PrivateKey.from(secret);
        assertThat(key.type()).isEqualTo(type);
        assertThat(key).isEqualTo(fromRaw);
        assertThat(key.toSecretString()).isEqualTo(secret);
        assertThat(key.toPublic().toString()).isEqualTo(pub);
        assertThat(key.toString()).doesNotContain(secret.substring(7)).contains(pub);

        String wif = text(row, "private_wif");
        if (wif != null) {
            PrivateKey fromWif = PrivateKey.from(wif);
            assertThat(fromWif.toWif()).isEqualTo(wif);
            assertThat(fromWif.toSecretString()).isEqualTo(secret);
            assertThat(key.toWif()).isEqualTo(wif);
            assertThat(fromWif.toString()).doesNotContain(wif);
        }

        PublicKey publicKey = PublicKey.from(pub);
        assertThat(publicKey.type()).isEqualTo(type);
        assertThat(publicKey).isEqualTo(key.toPublic());
        assertThat(publicKey.toString()).isEqualTo(pub);
        assertThat(Vectors.hex(publicKey.data())).isEqualTo(dataHex);
        assertThat(Vectors.hex(publicKey.toBytes())).isEqualTo("0" + type.index() + dataHex);
        assertThat(PublicKey.decode(new BinaryReader(publicKey.toBytes()))).isEqualTo(publicKey);

        String legacy = text(row, "public_legacy");
        if (legacy != null) {
            assertThat(PublicKey.from(legacy)).isEqualTo(publicKey);
            assertThat(publicKey.toLegacyString()).isEqualTo(legacy);
        }
        String tlos = text(row, "public_legacy_prefix_tlos");
        if (tlos != null) {
            assertThat(PublicKey.from(tlos)).isEqualTo(publicKey);
            assertThat(publicKey.toLegacyString("TLOS")).isEqualTo(tlos);
        }
    }

    /** The reference was lenient with some of these; we throw, naming the problem but not a secret. */
    private static void checkInvalid(JsonNode row) {
        String input = row.get("input").asText();
        if (text(row, "reference_parsed") != null && input.startsWith("PUB_K1_") && hasValidK1Checksum(input.substring(7))) {
            // The row says its checksum was made up, but it is in fact right (checked here independently of
            // the code under test), so a node accepts this key and so do we: only a wrong checksum is an error.
            assertThat(PublicKey.from(input).toString()).isEqualTo(input);
            return;
        }
        String referenceError = text(row, "reference_error");
        boolean privateKey = referenceError != null && referenceError.contains("private key");
        if (input.startsWith("PUB_") || !privateKey) {
            assertThatThrownBy(() -> PublicKey.from(input)).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining(input);
        }
        if (!input.startsWith("PUB_")) {
            assertThatThrownBy(() -> PrivateKey.from(input)).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining("private key")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(input));
        }
    }
}
