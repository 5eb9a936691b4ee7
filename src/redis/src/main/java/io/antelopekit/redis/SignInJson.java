package io.antelopekit.redis;

import io.antelopekit.signin.SignInOutcome;
import io.antelopekit.signin.SignInAttempt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON forms of attempts and outcomes in a shared store, and of the web answers. */
final class SignInJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private SignInJson() {
    }

    /** {@code {"id","owner","chainIds":[],"scope","link","expiresAt"}} (no outcome). */
    static String attempt(SignInAttempt a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("owner", a.owner());
        ArrayNode chains = o.putArray("chainIds");
        a.chainIds().forEach(c -> chains.add(c.toString()));
        o.put("scope", a.scope().toString());
        o.put("link", a.link());
        o.put("expiresAt", a.expiresAt().toString());
        return o.toString();
    }

    /** {@code {"chainId","permission","authorities":[]}} or {@code {"reason"}}. */
    static String outcome(SignInOutcome outcome) {
        ObjectNode o = JSON.createObjectNode();
        if (outcome.isVerified()) {
            o.put("chainId", outcome.chainId().toString());
            o.put("permission", outcome.permission().toString());
            ArrayNode list = o.putArray("authorities");
            outcome.authorities().forEach(list::add);
        } else {
            o.put("reason", outcome.reason());
        }
        return o.toString();
    }

    /**
     * The attempt of {@code attemptJson} with the outcome of {@code outcomeJson} (may be null).
     *
     * @throws IllegalStateException naming the key if either does not read
     */
    static SignInAttempt read(String key, String attemptJson, String outcomeJson) {
        try {
            JsonNode a = JSON.readTree(attemptJson);
            List<Checksum256> chains = new ArrayList<>();
            for (JsonNode c : a.path("chainIds")) {
                chains.add(Checksum256.from(c.asText()));
            }
            SignInAttempt attempt = new SignInAttempt(text(a, "id"), text(a, "owner"), chains,
                    Name.from(text(a, "scope")), text(a, "link"), Instant.parse(text(a, "expiresAt")), null);
            if (outcomeJson == null) {
                return attempt;
            }
            JsonNode o = JSON.readTree(outcomeJson);
            if (o.hasNonNull("reason")) {
                return attempt.withOutcome(SignInOutcome.failed(o.get("reason").asText()));
            }
            List<String> authorities = new ArrayList<>();
            for (JsonNode n : o.path("authorities")) {
                authorities.add(n.asText());
            }
            return attempt.withOutcome(SignInOutcome.verified(Checksum256.from(text(o, "chainId")),
                    PermissionLevel.from(text(o, "permission")), authorities));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("sign-in attempt at key \"" + key + "\" does not read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a string");
        }
        return v.asText();
    }
}
