package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;

/**
 * Stake delegated from one account to another (here: to itself).
 *
 * @param from the staking account
 * @param to the receiving account
 * @param netWeight NET stake
 * @param cpuWeight CPU stake
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DelegatedBandwidth(Name from, Name to, Asset netWeight, Asset cpuWeight) {
}
