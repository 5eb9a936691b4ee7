/**
 * The Contract Kit: a contract's actions, tables and read-only actions through its ABI.
 *
 * <p>{@link io.antelopekit.contract.ContractKit} loads a {@link io.antelopekit.contract.Contract}
 * with its ABI (or build one with {@code Contract.of} from an ABI you have);
 * {@link io.antelopekit.contract.Contract#action} builds actions for {@code Session.transact};
 * {@link io.antelopekit.contract.Table} and {@link io.antelopekit.contract.TableCursor} read rows
 * by any index with bounds, order and paging; {@link io.antelopekit.contract.Contract#readOnly}
 * calls read-only actions. The code generator ({@code antelopekit-codegen}, the
 * {@code antelopekit-maven-plugin}) writes a typed class per contract on top of these.
 */
package io.antelopekit.contract;
