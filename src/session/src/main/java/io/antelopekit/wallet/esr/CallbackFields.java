package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.session.SessionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a wallet's callback payload (ESR's keys: {@code sig}, {@code sig0}..., {@code tx},
 * {@code sa}, {@code sp}, {@code cid}, {@code ex}, {@code req}, ...); every value a string, as
 * wallets send them. A missing or malformed value is a {@link SessionException} naming the key.
 */
final class CallbackFields {

    /** At most this many signatures are read from {@code sig}, {@code sig0}, {@code sig1}, ... */
    static final int MAX_SIGNATURES = 16;

    private final JsonNode payload;
    private final String what;

    CallbackFields(JsonNode payload, String what) {
        this.payload = payload;
        this.what = what;
        if (payload == null || !payload.isObject()) {
            throw new SessionException(what + ": the wallet's callback is not a JSON object");
        }
    }

    /** The text of {@code key}, or null when missing or empty. */
    String optional(String key) {
        JsonNode v = payload.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isValueNode() ? v.asText() : null;
        if (s == null) {
            throw invalid(key, "is " + v.getNodeType().toString().toLowerCase() + ", not a string", null);
        }
        return s.isEmpty() ? null : s;
    }

    String required(String key) {
        String s = optional(key);
        if (s == null) {
            throw new SessionException(what + ": the wallet's callback has no \"" + key + "\"");
        }
        return s;
    }

    Name name(String key) {
        String s = required(key);
        try {
            return Name.from(s);
        } catch (AntelopeException e) {
            throw invalid(key, "is not an account or permission name", e);
        }
    }

    Checksum256 checksum(String key) {
        String s = optional(key);
        if (s == null) {
            return null;
        }
        try {
            return Checksum256.from(s);
        } catch (AntelopeException e) {
            throw invalid(key, "is not 64 hex digits", e);
        }
    }

    TimePointSec time(String key) {
        String s = required(key);
        try {
            return TimePointSec.from(s);
        } catch (AntelopeException | IllegalArgumentException e) {
            throw invalid(key, "is not a time", e);
        }
    }

    SigningRequest request(String key) {
        String s = required(key);
        try {
            return SigningRequest.from(s);
        } catch (AntelopeException e) {
            throw invalid(key, "is not a signing request", e);
        }
    }

    Signature signature(String key) {
        String s = required(key);
        try {
            return Signature.from(s);
        } catch (AntelopeException e) {
            throw invalid(key, "is not a signature", e);
        }
    }

    /**
     * The signatures {@code sig}, {@code sig0}, {@code sig1}, ... (until one is missing), each
     * once, each checked to recover a key from {@code digest}.
     */
    List<Signature> signatures(Checksum256 digest) {
        Set<Signature> out = new LinkedHashSet<>();
        out.add(signature("sig"));
        for (int i = 0; i < MAX_SIGNATURES - 1 && optional("sig" + i) != null; i++) {
            out.add(signature("sig" + i));
        }
        List<Signature> list = new ArrayList<>(out);
        for (int i = 0; i < list.size(); i++) {
            recover(list.get(i), digest, i == 0 ? "sig" : "sig" + (i - 1));
        }
        return list;
    }

    /** The key that made {@code signature} of {@code digest}. */
    PublicKey recover(Signature signature, Checksum256 digest, String key) {
        try {
            return signature.recover(digest);
        } catch (AntelopeException | IllegalArgumentException e) {
            throw invalid(key, "recovers no key from the digest " + digest, e);
        }
    }

    /** Whether the request the wallet answered ({@code req}) is {@code sent}. */
    void checkRequest(SigningRequest sent) {
        SigningRequest answered = request("req");
        if (answered.version() != sent.version() || !Arrays.equals(answered.requestData(), sent.requestData())) {
            throw new SessionException(what + ": the wallet answered another signing request than the one sent"
                    + " (\"req\" differs)");
        }
    }

    private SessionException invalid(String key, String problem, Throwable cause) {
        String value = String.valueOf(payload.get(key));
        if (value.length() > 80) {
            value = value.substring(0, 77) + "...";
        }
        String message = what + ": the wallet's callback \"" + key + "\" " + value + " " + problem
                + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "");
        return cause == null ? new SessionException(message) : new SessionException(message, cause);
    }
}
