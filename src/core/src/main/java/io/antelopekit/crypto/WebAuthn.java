package io.antelopekit.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Public-key recovery for WebAuthn signatures, following the node ({@code fc}'s
 * {@code elliptic_webauthn.cpp}): the client data must be a {@code webauthn.get} assertion whose
 * base64url challenge is the digest itself and whose origin is {@code https://<rpid>[:port]};
 * the authenticator data starts with sha256(rpid) and its flags byte gives the user presence;
 * the P-256 signature is over sha256(auth_data || sha256(client_json)).
 */
final class WebAuthn {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String HTTPS = "https://";
    private static final int MIN_AUTH_DATA = 37;

    private WebAuthn() {
    }

    static PublicKey recover(Signature sig, byte[] digest) {
        String json = sig.clientJson();
        byte[] auth = sig.authData();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw fail(sig, "client data JSON does not parse");
        }
        if (root == null || !root.isObject()) {
            throw fail(sig, "client data JSON is not an object");
        }
        String type = text(root, "type", sig);
        if (!"webauthn.get".equals(type)) {
            throw fail(sig, "client data type is \"" + type + "\", expected \"webauthn.get\"");
        }
        byte[] challenge;
        try {
            challenge = Base64.getUrlDecoder().decode(text(root, "challenge", sig));
        } catch (IllegalArgumentException e) {
            throw fail(sig, "challenge is not base64url");
        }
        if (!MessageDigest.isEqual(challenge, digest)) {
            throw fail(sig, "challenge is not the digest");
        }
        String origin = text(root, "origin", sig);
        if (!origin.startsWith(HTTPS)) {
            throw fail(sig, "origin \"" + origin + "\" does not begin with https://");
        }
        int colon = origin.lastIndexOf(':');
        String rpid = origin.substring(HTTPS.length(), colon >= HTTPS.length() ? colon : origin.length());
        if (auth.length < MIN_AUTH_DATA) {
            throw fail(sig, "auth_data is " + auth.length + " bytes, at least " + MIN_AUTH_DATA + " required");
        }
        int presence = 0;
        if ((auth[32] & 0x01) != 0) {
            presence = 1;
        }
        if ((auth[32] & 0x04) != 0) {
            presence = 2;
        }
        byte[] rpidHash = sha256(rpid.getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(rpidHash, java.util.Arrays.copyOf(auth, 32))) {
            throw fail(sig, "auth_data does not start with sha256 of rpid \"" + rpid + "\"");
        }
        if (rpid.isEmpty()) {
            throw fail(sig, "origin has an empty host");
        }
        SHA256Digest d = new SHA256Digest();
        byte[] clientHash = sha256(json.getBytes(StandardCharsets.UTF_8));
        d.update(auth, 0, auth.length);
        d.update(clientHash, 0, 32);
        byte[] signed = new byte[32];
        d.doFinal(signed, 0);
        String[] why = new String[1];
        ECPoint q = Ecdsa.recover(Ecdsa.R1, sig.rawData(), 0, signed, 31, why);
        if (q == null) {
            throw fail(sig, why[0]);
        }
        return PublicKey.webAuthn(q.getEncoded(true), presence, rpid);
    }

    private static String text(JsonNode root, String field, Signature sig) {
        JsonNode v = root.get(field);
        if (v == null) {
            return "";
        }
        if (!v.isTextual()) {
            throw fail(sig, "client data field \"" + field + "\" is not a string");
        }
        return v.textValue();
    }

    static byte[] sha256(byte[] in) {
        SHA256Digest d = new SHA256Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static InvalidSignatureException fail(Signature sig, String why) {
        return new InvalidSignatureException("cannot recover a WA public key from " + sig + ": " + why);
    }
}
