package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import java.util.List;

/**
 * An action as a node renders it in JSON (in traces and blocks). {@code data} is the decoded
 * data when the node knew the contract's ABI, else the hex string (or an empty string); the
 * raw bytes are in {@code hexData} when the node sends it.
 *
 * @param account the contract
 * @param name the action
 * @param authorization the authorizations
 * @param data decoded data, or hex when undecoded
 * @param hexData the data bytes in hex, on nodes that send them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionJson(Name account, Name name, List<PermissionLevel> authorization, JsonNode data, String hexData) {

    /** Copies the list. */
    public ActionJson {
        authorization = Models.copy(authorization);
    }
}
