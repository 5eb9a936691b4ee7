package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code /v1/chain/get_activated_protocol_features}: one page of activated
 * protocol features.
 *
 * @param activatedProtocolFeatures the features of this page
 * @param more lower bound of the next page, or {@code null} on the last page
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivatedProtocolFeaturesResponse(List<ActivatedProtocolFeature> activatedProtocolFeatures, Long more) {

    /** Copies the list. */
    public ActivatedProtocolFeaturesResponse {
        activatedProtocolFeatures = Models.copy(activatedProtocolFeatures);
    }
}
