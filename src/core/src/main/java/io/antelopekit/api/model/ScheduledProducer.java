package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PublicKey;

/**
 * One producer of a {@link ProducerSchedule}. Version 1 schedules give a single
 * {@code block_signing_key}; later ones a {@code block_signing_authority}, kept as the node's
 * JSON ({@code [0, {threshold, keys}]}).
 *
 * @param producerName the producer
 * @param blockSigningKey its signing key in a version 1 schedule, else {@code null}
 * @param authority its signing authority in later schedules, else {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduledProducer(Name producerName, PublicKey blockSigningKey, JsonNode authority) {

    /** A JSON null becomes {@code null}. */
    public ScheduledProducer {
        authority = Models.node(authority);
    }
}
