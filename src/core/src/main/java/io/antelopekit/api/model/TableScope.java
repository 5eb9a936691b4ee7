package io.antelopekit.api.model;

import io.antelopekit.chain.Name;

/**
 * A table and scope that hold rows, from {@code get_table_by_scope}.
 *
 * @param code the contract
 * @param scope the scope
 * @param table the table
 * @param payer who pays for the table's RAM
 * @param count number of rows (uint32)
 */
public record TableScope(Name code, Name scope, Name table, Name payer, long count) {
}
