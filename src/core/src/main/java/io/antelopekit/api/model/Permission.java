package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Name;
import java.util.List;

/**
 * One permission of an account, as {@code get_account} lists it.
 *
 * @param permName the permission, such as {@code active}
 * @param parent its parent permission (empty for {@code owner})
 * @param requiredAuth the authority that satisfies it
 * @param linkedActions actions linked to it, on nodes that send them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Permission(Name permName, Name parent, Authority requiredAuth, List<LinkedAction> linkedActions) {

    /** Copies the list. */
    public Permission {
        linkedActions = Models.copy(linkedActions);
    }
}
