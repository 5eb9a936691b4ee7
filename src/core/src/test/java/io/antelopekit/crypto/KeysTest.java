package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.DecodingException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    /** The well-known development key of every EOSIO tutorial. */
    static final String DEV_WIF = "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3";
    static final String DEV_LEGACY = "EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV";
    static final String DEV_PUB = "PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BoDq63";
    static final String NULL_KEY = "EOS1111111111111111111111111111111114T1Anm";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void developmentKeyInEveryForm() {
        PrivateKey key = PrivateKey.from(DEV_WIF);
        assertThat(key.type()).isEqualTo(KeyType.K1);
        assertThat(key.toWif()).isEqualTo(DEV_WIF);
        assertThat(key.toPublic().toLegacyString()).isEqualTo(DEV_LEGACY);
        assertThat(key.toPublic()).hasToString(DEV_PUB);
        assertThat(PublicKey.from(DEV_LEGACY)).isEqualTo(PublicKey.from(DEV_PUB));
        assertThat(PrivateKey.from(key.toSecretString())).isEqualTo(key);
        assertThat(key.toSecretString()).startsWith("PVT_K1_");
    }

    @Test
    void keyTypesHaveTheNodesIndexAndTag() {
        assertThat(KeyType.values()).extracting(KeyType::index).containsExactly(0, 1, 2);
        assertThat(KeyType.values()).extracting(KeyType::prefix).containsExactly("K1", "R1", "WA");
        assertThat(KeyType.fromIndex(1)).isEqualTo(KeyType.R1);
        assertThat(KeyType.fromPrefix("WA")).isEqualTo(KeyType.WA);
        assertThatThrownBy(() -> KeyType.fromIndex(3)).isInstanceOf(InvalidKeyException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> KeyType.fromPrefix("K2")).isInstanceOf(InvalidKeyException.class).hasMessageContaining("K2");
    }

    @Test
    void theAllZeroNullKeyParsesFormatsAndVerifiesNothing() {
        PublicKey nullKey = PublicKey.from(NULL_KEY);
        assertThat(nullKey.data()).isEqualTo(new byte[33]);
        assertThat(nullKey.toLegacyString()).isEqualTo(NULL_KEY);
        assertThat(PublicKey.from(nullKey.toString())).isEqualTo(nullKey);
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        Signature sig = key.sign(new byte[32]);
        assertThat(nullKey.verify(new byte[32], sig)).isFalse();
        assertThatThrownBy(() -> key.sharedSecret(nullKey)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("not a point");
    }

    @Test
    void legacyKeysWithOtherPrefixes() {
        PublicKey key = PublicKey.from(DEV_LEGACY);
        for (String prefix : List.of("TLOS", "FIO", "X")) {
            String s = key.toLegacyString(prefix);
            assertThat(s).isEqualTo(prefix + DEV_LEGACY.substring(3));
            assertThat(PublicKey.from(s)).isEqualTo(key);
        }
        assertThatThrownBy(() -> key.toLegacyString("eos")).isInstanceOf(IllegalArgumentException.class);
        PublicKey r1 = PrivateKey.generate(KeyType.R1).toPublic();
        assertThatThrownBy(r1::toLegacyString).isInstanceOf(IllegalStateException.class).hasMessageContaining("R1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "notakey", "PUB_", "PUB_K1", "PUB_K2_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDddB",
        "PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDddC",
        "PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDdd0",
        "PUB_R1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDddB",
        "PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BoDq63B",
        "PUB_K1_", "PUB_K1_1", "PUB_WA_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDddB",
        "EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CW",
        "EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5C",
        "eos6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV", "EOS", "6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV"
    })
    void malformedPublicKeysThrowNamingTheInput(String s) {
        assertThatThrownBy(() -> PublicKey.from(s)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("\"" + s + "\"");
    }

    @Test
    void publicKeyErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> PublicKey.from("PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDddC"))
                .hasMessageContaining("checksum mismatch");
        assertThatThrownBy(() -> PublicKey.from("PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BLDdd0"))
                .hasMessageContaining("index 56 is not base58");
        assertThatThrownBy(() -> PublicKey.from("PUB_K1_1")).hasMessageContaining("expected 37");
        assertThatThrownBy(() -> PublicKey.from("PUB_K9_1")).hasMessageContaining("unknown key type \"K9\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD4", "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD",
        "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD0", "PVT_K1_", "PVT_K1", "PVT_WA_abc", "PVT_X_abc",
        "PVT_K1_2bfGi9rYsXQSXXTvJbDAPhHLQUojjaNLomdm3cEJ1XTzMqUt3X", "PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BoDq63"
    })
    void malformedPrivateKeysThrowWithoutRepeatingTheInput(String s) {
        assertThatThrownBy(() -> PrivateKey.from(s)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("private key")
                .satisfies(e -> {
                    if (s.length() > 7) {
                        assertThat(e.getMessage()).doesNotContain(s.substring(7));
                    }
                });
    }

    @Test
    void scalarsOutsideTheCurveOrderAreRejected() {
        byte[] zero = new byte[32];
        byte[] n = HexFormat.of().parseHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
        byte[] nMinus1 = n.clone();
        nMinus1[31]--;
        assertThatThrownBy(() -> PrivateKey.of(KeyType.K1, zero)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("between 1 and the curve order");
        assertThatThrownBy(() -> PrivateKey.of(KeyType.K1, n)).isInstanceOf(InvalidKeyException.class);
        assertThat(PrivateKey.of(KeyType.K1, nMinus1).toPublic().type()).isEqualTo(KeyType.K1);
        assertThatThrownBy(() -> PrivateKey.of(KeyType.K1, new byte[31])).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("31");
        assertThatThrownBy(() -> PrivateKey.of(KeyType.WA, nMinus1)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void wifWithTheCompressedFlagIsAccepted() {
        PrivateKey key = PrivateKey.from(DEV_WIF);
        byte[] body = new byte[34];
        body[0] = (byte) 0x80;
        System.arraycopy(HexFormat.of().parseHex(rawHex(key)), 0, body, 1, 32);
        body[33] = 1;
        String compressed = KeyStrings.encodeDoubleSha256(body);
        assertThat(compressed).matches("[KL].{51}");
        assertThat(PrivateKey.from(compressed)).isEqualTo(key);
        body[33] = 2;
        assertThatThrownBy(() -> PrivateKey.from(KeyStrings.encodeDoubleSha256(body))).isInstanceOf(InvalidKeyException.class);
    }

    private static String rawHex(PrivateKey key) {
        String pvt = key.toSecretString();
        byte[] data = Base58.decode(pvt, 7);
        return HexFormat.of().formatHex(data, 0, 32);
    }

    @Test
    void toStringNeverRevealsTheSecret() {
        for (KeyType type : List.of(KeyType.K1, KeyType.R1)) {
            PrivateKey key = PrivateKey.generate(type);
            String pvt = key.toSecretString();
            String text = key.toString();
            assertThat(text).isEqualTo("PrivateKey[" + type + ", " + key.toPublic() + "]");
            assertThat(text).doesNotContain(pvt).doesNotContain(pvt.substring(7)).doesNotContain(rawHex(key));
            if (type == KeyType.K1) {
                assertThat(text).doesNotContain(key.toWif());
            }
            assertThat(String.valueOf(List.of(key))).doesNotContain(pvt.substring(7));
        }
    }

    @Test
    void destroyWipesTheSecretButKeepsThePublicKey() {
        PrivateKey key = PrivateKey.generate(KeyType.K1);
        PublicKey pub = key.toPublic();
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThat(key.toPublic()).isEqualTo(pub);
        assertThat(key.toString()).contains(pub.toString()).contains("destroyed");
        assertThatThrownBy(() -> key.sign(new byte[32])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(key::toWif).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(key::toSecretString).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> key.sharedSecret(pub)).isInstanceOf(IllegalStateException.class);
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();

        PrivateKey fresh = PrivateKey.generate(KeyType.R1);
        fresh.destroy();
        assertThat(fresh.toPublic().type()).isEqualTo(KeyType.R1);
    }

    @Test
    void jsonWritesPublicKeysAndSignaturesAsStringsAndRefusesPrivateKeys() throws Exception {
        PrivateKey key = PrivateKey.from(DEV_WIF);
        Signature sig = key.sign(new byte[32]);
        String json = JSON.writeValueAsString(Map.of("key", key.toPublic(), "sig", sig));
        assertThat(json).contains("\"" + DEV_PUB + "\"").contains("\"" + sig + "\"");
        assertThat(JSON.readValue("\"" + DEV_LEGACY + "\"", PublicKey.class)).isEqualTo(key.toPublic());
        assertThat(JSON.readValue("\"" + sig + "\"", Signature.class)).isEqualTo(sig);
        assertThatThrownBy(() -> JSON.writeValueAsString(Map.of("key", key)))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("refusing to serialize private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DEV_WIF).doesNotContain(key.toSecretString()));
    }

    @Test
    void binaryFormIsTypeIndexAndData() {
        PublicKey k1 = PublicKey.from(DEV_PUB);
        byte[] bytes = k1.toBytes();
        assertThat(bytes).hasSize(34);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        PublicKey r1 = PrivateKey.generate(KeyType.R1).toPublic();
        assertThat(r1.toBytes()[0]).isEqualTo((byte) 1);
        assertThat(PublicKey.decode(new BinaryReader(r1.toBytes()))).isEqualTo(r1);
        byte[] unknown = bytes.clone();
        unknown[0] = 3;
        assertThatThrownBy(() -> PublicKey.decode(new BinaryReader(unknown))).isInstanceOf(DecodingException.class)
                .hasMessageContaining("unknown type index 3");
        assertThatThrownBy(() -> PublicKey.decode(new BinaryReader(bytes, 0, 20))).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> PublicKey.of(KeyType.K1, new byte[32])).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void ordersLikeTheNode() {
        PublicKey a = PublicKey.of(KeyType.K1, HexFormat.of().parseHex("02" + "00".repeat(32)));
        PublicKey b = PublicKey.of(KeyType.K1, HexFormat.of().parseHex("03" + "00".repeat(32)));
        PublicKey c = PublicKey.of(KeyType.R1, HexFormat.of().parseHex("02" + "00".repeat(32)));
        assertThat(List.of(c, b, a).stream().sorted()).containsExactly(a, b, c);
        assertThat(a.compareTo(PublicKey.of(KeyType.K1, a.data()))).isZero();
        assertThat(a).isNotEqualTo(c);
    }
}
