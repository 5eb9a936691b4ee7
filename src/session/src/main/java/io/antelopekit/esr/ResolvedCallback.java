package io.antelopekit.esr;

import java.util.Map;
import java.util.Objects;

/**
 * Where and what a wallet sends after signing (or broadcasting) a resolved request.
 *
 * <p>{@code payload} holds the reference's keys: {@code sig} (first signature), {@code tx}
 * (transaction id, hex), {@code rbn} and {@code rid} (reference block number and prefix),
 * {@code ex} (expiration), {@code req} (the request as an {@code esr:} link), {@code sa} and
 * {@code sp} (signer actor and permission), {@code cid} (chain id), {@code sig0}, {@code sig1}...
 * (the signatures after the first) and {@code bn} (block number, when given). {@code url} is
 * the request's callback template with every {@code {{key}}} replaced by that payload value
 * (or nothing).
 *
 * @param url the callback URL with its template parameters filled in
 * @param background whether to POST {@code payload} as JSON in the background instead of
 *     opening {@code url}
 * @param payload the payload (unmodifiable, in the reference's key order)
 */
public record ResolvedCallback(String url, boolean background, Map<String, String> payload) {

    /**
     * @throws NullPointerException if {@code url} or {@code payload} is null
     */
    public ResolvedCallback {
        Objects.requireNonNull(url, "url");
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
    }
}
