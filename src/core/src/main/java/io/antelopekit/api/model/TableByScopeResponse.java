package io.antelopekit.api.model;

import java.util.List;

/**
 * The answer of {@code /v1/chain/get_table_by_scope}: scopes of a contract's tables that hold
 * rows. When {@code more} is not empty, ask again with {@code lower_bound = more}.
 *
 * @param rows one entry per table and scope
 * @param more lower bound of the next page, empty on the last page
 */
public record TableByScopeResponse(List<TableScope> rows, String more) {

    /** Copies the list. */
    public TableByScopeResponse {
        rows = Models.copy(rows);
    }
}
