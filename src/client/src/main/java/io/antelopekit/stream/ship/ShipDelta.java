package io.antelopekit.stream.ship;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One changed row of a block's table deltas: of a contract's table ({@code contract_row}) or of
 * the chain's own state ({@code account}, {@code permission}, {@code resource_usage}, ...).
 *
 * @param table   the state history table, such as {@code contract_row} or {@code account}
 * @param present {@code true} when the row was written, {@code false} when it was removed
 * @param row     the row decoded through the node's ABI (for {@code contract_row}: {@code code},
 *                {@code scope}, {@code table}, {@code primary_key}, {@code payer} and the binary
 *                {@code value})
 * @param data    for {@code contract_row}, the value decoded through the contract's ABI table
 *                type; a missing node otherwise, or when no ABI reads it
 */
public record ShipDelta(String table, boolean present, JsonNode row, JsonNode data) {

    /** The state history table of contract rows. */
    public static final String CONTRACT_ROW = "contract_row";

    /** Checks the values. */
    public ShipDelta {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(data, "data");
    }

    /** Whether this is a contract's row. */
    public boolean isContractRow() {
        return CONTRACT_ROW.equals(table);
    }

    @Override
    public String toString() {
        return "ShipDelta[" + table + (present ? " " : " removed ") + (isContractRow()
                ? row.path("code").asText() + "/" + row.path("scope").asText() + "/" + row.path("table").asText()
                        + "/" + row.path("primary_key").asText()
                : "") + "]";
    }
}
