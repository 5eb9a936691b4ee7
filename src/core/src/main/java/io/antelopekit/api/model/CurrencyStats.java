package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;

/**
 * A token's supply, from {@code /v1/chain/get_currency_stats}, whose answer is a JSON object
 * from symbol code to stats: read it as {@code Map<String, CurrencyStats>}.
 *
 * @param supply tokens issued
 * @param maxSupply the cap
 * @param issuer the account that may issue
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CurrencyStats(Asset supply, Asset maxSupply, Name issuer) {
}
