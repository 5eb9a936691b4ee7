package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Name;

/**
 * The answer of {@code /v1/chain/get_abi}: a contract's ABI in JSON.
 *
 * @param accountName the contract account
 * @param abi its ABI, or {@code null} if the account has none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AbiResponse(Name accountName, JsonNode abi) {

    /** A JSON null becomes {@code null}. */
    public AbiResponse {
        abi = Models.node(abi);
    }
}
