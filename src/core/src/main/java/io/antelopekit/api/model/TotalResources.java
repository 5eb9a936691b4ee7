package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;

/**
 * Resources staked to an account, from the system contract's {@code userres} table.
 *
 * @param owner the account
 * @param netWeight NET stake
 * @param cpuWeight CPU stake
 * @param ramBytes RAM bought, in bytes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TotalResources(Name owner, Asset netWeight, Asset cpuWeight, @Int64 long ramBytes) {
}
