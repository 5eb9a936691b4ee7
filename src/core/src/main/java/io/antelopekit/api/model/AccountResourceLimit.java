package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.TimePoint;

/**
 * An account's use of one resource ({@code net_limit}, {@code cpu_limit},
 * {@code subjective_cpu_bill_limit} of {@code get_account}). All figures are -1 when unlimited.
 *
 * @param used amount used in the current window
 * @param available amount still available
 * @param max the limit
 * @param lastUsageUpdateTime when usage was last updated, on nodes that send it
 * @param currentUsed usage decayed to the head block, on nodes that send it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountResourceLimit(
        @Int64 long used,
        @Int64 long available,
        @Int64 long max,
        TimePoint lastUsageUpdateTime,
        @Int64 Long currentUsed) {
}
