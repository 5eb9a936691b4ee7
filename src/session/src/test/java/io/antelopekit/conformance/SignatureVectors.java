package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks every line of {@code signatures.jsonl}: signing reproduces the reference's signature
 * byte for byte, and recovery and verification agree with it.
 */
final class SignatureVectors {

    private SignatureVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("signatures.jsonl",
                row -> row.get("key_type").asText() + " " + row.get("digest_hex").asText().substring(0, 16),
                SignatureVectors::check);
    }

    static void check(JsonNode row) {
        PrivateKey key = PrivateKey.from(row.get("private_key").asText());
        PublicKey publicKey = PublicKey.from(row.get("public_key").asText());
        assertThat(key.toPublic()).isEqualTo(publicKey);
        byte[] digest = Vectors.hex(row.get("digest_hex").asText());
        JsonNode message = row.get("message_utf8");
        if (message != null && !message.isNull()) {
            assertThat(Checksum256.hash(message.asText().getBytes(StandardCharsets.UTF_8)).bytes()).isEqualTo(digest);
        }

        Signature signature = key.sign(digest);
        assertThat(signature.toString()).isEqualTo(row.get("signature").asText());
        assertThat(Vectors.hex(signature.data())).isEqualTo(row.get("signature_data_hex").asText());
        if (row.get("deterministic").asBoolean()) {
            assertThat(key.sign(digest)).isEqualTo(signature);
        }

        Signature parsed = Signature.from(row.get("signature").asText());
        assertThat(parsed).isEqualTo(signature);
        assertThat(Signature.decode(new BinaryReader(parsed.toBytes()))).isEqualTo(parsed);
        assertThat(parsed.recover(digest).toString()).isEqualTo(row.get("recovered_public_key").asText());
        assertThat(parsed.verify(digest, publicKey)).isEqualTo(row.get("verifies").asBoolean());
        assertThat(publicKey.verify(Checksum256.of(digest), parsed)).isEqualTo(row.get("verifies").asBoolean());
    }
}
