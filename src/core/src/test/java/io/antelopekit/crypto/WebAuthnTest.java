package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.DecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * WebAuthn keys and signatures, checked the way a node checks them: the client data is a
 * {@code webauthn.get} assertion whose challenge is the digest, the authenticator data starts
 * with sha256(rpid), and the P-256 signature covers sha256(auth_data || sha256(client_json)).
 */
class WebAuthnTest {

    private static final HexFormat HEX = HexFormat.of();

    /** An assertion made with a P-256 key we hold, as an authenticator would make it. */
    private static final class Authenticator {
        final PrivateKey credential = PrivateKey.generate(KeyType.R1);
        final String rpid;
        final int flags;

        Authenticator(String rpid, int flags) {
            this.rpid = rpid;
            this.flags = flags;
        }

        byte[] authData(String forRpid) {
            byte[] auth = new byte[37];
            System.arraycopy(WebAuthn.sha256(forRpid.getBytes(StandardCharsets.UTF_8)), 0, auth, 0, 32);
            auth[32] = (byte) flags;
            auth[36] = 9; // signature counter
            return auth;
        }

        static String clientJson(String type, byte[] challenge, String origin) {
            return "{\"type\":\"" + type + "\",\"challenge\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge)
                    + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false,\"extra\":{\"challenge\":[1,{\"type\":2}]}}";
        }

        Signature sign(byte[] authData, String clientJson) {
            BinaryWriter signed = new BinaryWriter();
            signed.writeBytes(authData).writeBytes(WebAuthn.sha256(clientJson.getBytes(StandardCharsets.UTF_8)));
            byte[] compact = credential.sign(WebAuthn.sha256(signed.toByteArray())).data();
            return Signature.webAuthn(compact, authData, clientJson);
        }

        Signature sign(byte[] digest) {
            return sign(authData(rpid), clientJson("webauthn.get", digest, "https://" + rpid + ":8443"));
        }

        PublicKey publicKey(int presence) {
            return PublicKey.webAuthn(credential.toPublic().data(), presence, rpid);
        }
    }

    private static byte[] digest(String s) {
        return WebAuthn.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesAndRecoversAnAssertion() {
        Authenticator device = new Authenticator("example.com", 0x05);
        PublicKey key = device.publicKey(2);
        byte[] digest = digest("transaction");
        Signature sig = device.sign(digest);

        assertThat(sig.type()).isEqualTo(KeyType.WA);
        assertThat(sig.recover(digest)).isEqualTo(key);
        assertThat(sig.verify(digest, key)).isTrue();
        assertThat(key.verify(digest, sig)).isTrue();

        assertThat(sig.verify(digest("other"), key)).isFalse();
        assertThat(sig.verify(digest, device.publicKey(1))).as("user presence differs").isFalse();
        assertThat(sig.verify(digest, PublicKey.webAuthn(device.credential.toPublic().data(), 2, "evil.com"))).isFalse();
        assertThat(sig.verify(digest, new Authenticator("example.com", 5).publicKey(2))).isFalse();
        assertThat(sig.verify(digest, device.credential.toPublic())).as("an R1 key is not a WA key").isFalse();
    }

    @Test
    void userPresenceComesFromTheFlags() {
        byte[] digest = digest("flags");
        for (int[] flagsAndPresence : new int[][] {{0x00, 0}, {0x01, 1}, {0x04, 2}, {0x05, 2}, {0x40, 0}}) {
            Authenticator device = new Authenticator("a.example", flagsAndPresence[0]);
            assertThat(device.sign(digest).recover(digest)).isEqualTo(device.publicKey(flagsAndPresence[1]));
        }
    }

    @Test
    void stringAndBinaryFormsRoundTrip() {
        Authenticator device = new Authenticator("example.com", 0x01);
        PublicKey key = device.publicKey(1);
        Signature sig = device.sign(digest("forms"));

        assertThat(key.toString()).startsWith("PUB_WA_");
        assertThat(PublicKey.from(key.toString())).isEqualTo(key);
        assertThat(PublicKey.of(KeyType.WA, key.data())).isEqualTo(key);
        assertThat(key.toBytes()[0]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOfRange(key.toBytes(), 1, 34)).isEqualTo(device.credential.toPublic().data());
        assertThat(key.toBytes()[34]).isEqualTo((byte) 1);
        assertThat(PublicKey.decode(new BinaryReader(key.toBytes()))).isEqualTo(key);

        assertThat(sig.toString()).startsWith("SIG_WA_");
        assertThat(Signature.from(sig.toString())).isEqualTo(sig);
        assertThat(Signature.of(KeyType.WA, sig.data())).isEqualTo(sig);
        assertThat(Signature.decode(new BinaryReader(sig.toBytes()))).isEqualTo(sig);
        BinaryReader r = new BinaryReader(sig.toBytes());
        assertThat(r.readVarUInt32()).isEqualTo(2);
        r.skip(65);
        assertThat(r.readBytesWithLength()).isEqualTo(device.authData("example.com"));
        assertThat(r.readString()).contains("webauthn.get");
        r.expectEnd("signature");

        assertThatThrownBy(key::toLegacyString).isInstanceOf(IllegalStateException.class);
    }

    /** Assertions recorded from real authenticators (Greymass webauthn library tests). */
    @Test
    void realAuthenticatorAssertions() {
        Signature safari = Signature.from("SIG_WA_PAmH7fjMVadx19QK8jQooKFsL8szj81CFMPAfAuZ9GkSPQczccCEVCuMKAFS9YP7Cvkm"
                + "zXYULYxvdBMx3Chi9Ld2tPkvtbC6TEYY3QS7fDmZLBQjPCatUncLQneG97KMPCohZzuUyTzr1ojbufyBJ65BNRrYSVQynzcJoVXuym8D"
                + "Lhm5HZf23UdKmb79rGCYkwP4xWeEgowarGmnnxvMsjfRxTrQHeh67TMKiVkz8r8unHh7Zkf5jTPVsKXjSTjEYuwj4aBWpSEXkVvYcWZ3"
                + "wbSKs9gHjKjY8m22Qeye45D1NQe7vKR");
        PublicKey safariKey = PublicKey.from("PUB_WA_2NVXH8vKM57G6raNdktPvTuMxBM9EeuK8uquDGhaXPfMV7SMFd4dUgza7xGStLnVJs5Xdhhm5fs");
        byte[] safariDigest = new byte[32];
        Arrays.fill(safariDigest, (byte) 0x42);
        assertThat(safari.recover(safariDigest)).isEqualTo(safariKey);
        assertThat(safari.verify(safariDigest, safariKey)).isTrue();
        assertThat(safariKey.rpid()).isEqualTo("yellowagents.com");
        assertThat(safariKey.userPresence()).isEqualTo(2);

        Signature chrome = Signature.from("SIG_WA_2qJAY76sbx2NhQ8obMsemfruwTNXcy16dy1W9tt9iKyWi3UgfNTmkYAdmz6V552PD8K3pJ3"
                + "5w6VSfnAmhCim6CqQCTs4rJsJnVRnGcXJ2HvacRpd59Qp8yHZwgtC2uDFELyAAj2f2jnPQoEmC8NWaDdDzvBc59pzELuBLrv4Yant5sz"
                + "ZBhK3fcpRJzohcFusKfiQQcWSLVtWs4h6FVvBe4zd2UPPqwq4tsEHVP4dcsxu7XLwQeiQyUfBKjBWV1wunwPeoyHMZCd2B3esUjMDvGi"
                + "waiP6TA7PvuEFZEw4UtAKKhLbNFYfAZxhxZrcB31w3K8JSK5iwAReLStjyiZVgvrLPDUEuvwdrKVTT5PcVfcTg9G9jPB5pRYjhF4CmdQ"
                + "Z82VZ8KzUpUJsqKshXL1GAKJXZAuQ8QwDgzninoJV5SeTGQyide4euR43RHTCvUyeKcRDSV3VGSfaSyRaZoBb8WkcuXvYAArcBC1CCBme"
                + "yZTT5Xo4o1vuEnFbFwY");
        PublicKey chromeKey = PublicKey.from("PUB_WA_4b5bGn5QobA585zgvjXbcXDbufsTpRVipnuaYwszHdKRLS2g74KFbkjDfL4wg2ZR8eGYUd66zXjzT7vEFV7apGp");
        byte[] chromeDigest = HEX.parseHex("c24d2074ab5dd648bce3c67521eb1dad4890ea3ce5b955d84fc7b95882ac6324");
        // That key asks for a verified user (2) but this assertion's flags (0x01) only claim presence:
        // the node recovers a key with presence 1, which is not the account's key.
        assertThat(chromeKey.rpid()).isEqualTo("108a-8-37-43-195.ngrok.io");
        assertThat(chromeKey.userPresence()).isEqualTo(2);
        PublicKey recovered = chrome.recover(chromeDigest);
        assertThat(recovered.userPresence()).isEqualTo(1);
        assertThat(recovered).isEqualTo(PublicKey.webAuthn(chromeKey.pointBytes(), 1, chromeKey.rpid()));
        assertThat(chrome.verify(chromeDigest, chromeKey)).isFalse();
        assertThat(chrome.verify(chromeDigest, recovered)).isTrue();
        assertThat(chrome.verify(safariDigest, recovered)).isFalse();
    }

    @Test
    void theNodesChecksOnTheClientDataAndAuthenticatorData() {
        Authenticator device = new Authenticator("example.com", 0x01);
        byte[] digest = digest("checks");
        byte[] auth = device.authData("example.com");
        String origin = "https://example.com";
        String[][] cases = {
            {Authenticator.clientJson("webauthn.create", digest, origin), "expected \"webauthn.get\""},
            {Authenticator.clientJson("webauthn.get", digest("other"), origin), "challenge is not the digest"},
            {Authenticator.clientJson("webauthn.get", digest, "http://example.com"), "does not begin with https://"},
            {Authenticator.clientJson("webauthn.get", digest, "https://example.org"), "sha256 of rpid \"example.org\""},
            {"{\"type\":\"webauthn.get\",\"challenge\":7,\"origin\":\"https://example.com\"}", "\"challenge\" is not a string"},
            {"{\"type\":\"webauthn.get\",\"challenge\":\"!!\",\"origin\":\"https://example.com\"}", "not base64url"},
            {"[\"webauthn.get\"]", "not an object"},
            {"{\"type\":\"webauthn.get\"", "does not parse"},
            {Authenticator.clientJson("webauthn.get", digest, origin) + " {}", "does not parse"},
        };
        for (String[] c : cases) {
            Signature sig = device.sign(auth, c[0]);
            assertThatThrownBy(() -> sig.recover(digest)).as(c[0]).isInstanceOf(InvalidSignatureException.class)
                    .hasMessageContaining(c[1]);
            assertThat(sig.verify(digest, device.publicKey(1))).isFalse();
        }
        Signature shortAuth = device.sign(Arrays.copyOf(auth, 36), Authenticator.clientJson("webauthn.get", digest, origin));
        assertThatThrownBy(() -> shortAuth.recover(digest)).hasMessageContaining("at least 37");

        Signature ok = device.sign(auth, Authenticator.clientJson("webauthn.get", digest, origin));
        assertThat(ok.verify(digest, device.publicKey(1))).as("origin without a port").isTrue();
        byte[] lowHeader = ok.data();
        lowHeader[0] = 27;
        Signature header27 = Signature.of(KeyType.WA, lowHeader);
        assertThatThrownBy(() -> header27.recover(digest)).hasMessageContaining("outside 31..34");
    }

    @Test
    void malformedWebAuthnKeysAndSignatures() {
        assertThatThrownBy(() -> PublicKey.webAuthn(new byte[33], 1, "")).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("non-empty rpid");
        assertThatThrownBy(() -> PublicKey.webAuthn(new byte[32], 1, "x")).isInstanceOf(InvalidKeyException.class);
        byte[] emptyRpid = new byte[35];
        assertThatThrownBy(() -> PublicKey.of(KeyType.WA, emptyRpid)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("empty rpid");
        byte[] trailing = Arrays.copyOf(PublicKey.webAuthn(new byte[33], 1, "x").data(), 37);
        assertThatThrownBy(() -> PublicKey.of(KeyType.WA, trailing)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("unread");
        String bodyWithoutRpid = KeyStrings.encodeRipemd160(emptyRpid, "WA");
        assertThatThrownBy(() -> PublicKey.from("PUB_WA_" + bodyWithoutRpid)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("PUB_WA_" + bodyWithoutRpid);
        byte[] wireEmptyRpid = new byte[36];
        wireEmptyRpid[0] = 2;
        assertThatThrownBy(() -> PublicKey.decode(new BinaryReader(wireEmptyRpid))).isInstanceOf(DecodingException.class)
                .hasMessageContaining("empty rpid");

        assertThatThrownBy(() -> Signature.webAuthn(new byte[64], new byte[37], "{}")).isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> Signature.of(KeyType.WA, new byte[66])).isInstanceOf(InvalidSignatureException.class);
        byte[] truncated = new byte[67];
        truncated[65] = 5;
        assertThatThrownBy(() -> Signature.of(KeyType.WA, truncated)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("WA signature data");
    }
}
