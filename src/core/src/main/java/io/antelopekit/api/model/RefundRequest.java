package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePointSec;

/**
 * A pending unstake, from the system contract's {@code refunds} table.
 *
 * @param owner the account
 * @param requestTime when the unstake was asked for
 * @param netAmount NET stake being returned
 * @param cpuAmount CPU stake being returned
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RefundRequest(Name owner, TimePointSec requestTime, Asset netAmount, Asset cpuAmount) {
}
