package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.chain.Name;

/**
 * The answer of {@code /v1/chain/get_abi}: a contract's ABI in JSON, kept as the node sent it;
 * {@link #abiDefinition()} parses it.
 *
 * <pre>{@code
 * AbiDefinition abi = ChainJson.mapper().readValue(body, AbiResponse.class).abiDefinition();
 * }</pre>
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

    /**
     * The ABI as an {@link AbiDefinition}, parsed on each call (keep the result).
     *
     * @return the ABI, or {@code null} if the account has none
     * @throws AbiSerializationException if the node's JSON is not a valid ABI
     */
    public AbiDefinition abiDefinition() {
        return abi == null ? null : AbiDefinition.fromJson(abi);
    }
}
