package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code /v1/chain/get_table_rows}: one page of rows.
 *
 * <p>A row is the decoded JSON object, a hex string when the request asked for
 * {@code json: false}, or {@code {data, payer}} when it asked for {@code show_payer}. When
 * {@code more} is true, ask again with {@code lower_bound = next_key}.
 *
 * @param rows the rows of this page
 * @param more whether more rows follow
 * @param nextKey lower bound of the next page, empty on the last page
 * @param nextKeyBytes the same key in hex, on nodes that send it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TableRowsResponse(List<JsonNode> rows, boolean more, String nextKey, String nextKeyBytes) {

    /** Copies the list. */
    public TableRowsResponse {
        rows = Models.copy(rows);
    }
}
