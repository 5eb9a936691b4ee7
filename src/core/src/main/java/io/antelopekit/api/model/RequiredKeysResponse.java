package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.antelopekit.crypto.PublicKey;
import java.util.List;

/**
 * The answer of {@code /v1/chain/get_required_keys}: which of the offered keys must sign.
 *
 * @param requiredKeys the keys
 */
public record RequiredKeysResponse(@JsonProperty("required_keys") List<PublicKey> requiredKeys) {

    /** Copies the list. */
    public RequiredKeysResponse {
        requiredKeys = Models.copy(requiredKeys);
    }
}
