package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;

/**
 * The answer of {@code /v1/chain/get_code}: a contract's code hash, code and ABI.
 *
 * <p>{@code wasm} is kept as the node sends it: the module's bytes put into a JSON string as
 * text, which does not survive non-ASCII bytes. Use {@code code_hash} to compare code and
 * {@code get_raw_code_and_abi} to get the exact bytes.
 *
 * @param accountName the contract account
 * @param codeHash sha256 of its code (zero if it has none)
 * @param wast always empty on current nodes
 * @param wasm the code as text, see above
 * @param abi its ABI, or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CodeResponse(Name accountName, Checksum256 codeHash, String wast, String wasm, JsonNode abi) {

    /** A JSON null becomes {@code null}. */
    public CodeResponse {
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
