package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import java.util.List;

/**
 * An activated protocol feature.
 *
 * @param featureDigest the feature's digest
 * @param activationOrdinal order of activation (uint32)
 * @param activationBlockNum block it was activated in (uint32)
 * @param descriptionDigest digest of its description
 * @param dependencies digests of features it needs
 * @param protocolFeatureType such as {@code builtin}
 * @param specification its specification entries ({@code {name, value}})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivatedProtocolFeature(
        Checksum256 featureDigest,
        long activationOrdinal,
        long activationBlockNum,
        Checksum256 descriptionDigest,
        List<Checksum256> dependencies,
        String protocolFeatureType,
        List<JsonNode> specification) {

    /** Copies the lists. */
    public ActivatedProtocolFeature {
        dependencies = Models.copy(dependencies);
        specification = Models.copy(specification);
    }
}
