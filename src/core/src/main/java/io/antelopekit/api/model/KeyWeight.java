package io.antelopekit.api.model;

import io.antelopekit.crypto.PublicKey;

/**
 * A key and its weight in an {@link Authority}. Nodes send keys in their legacy form
 * ({@code EOS...}); the model writes the {@code PUB_K1_...} form of the same key.
 *
 * @param key the public key
 * @param weight its weight (uint16)
 */
public record KeyWeight(PublicKey key, int weight) {
}
