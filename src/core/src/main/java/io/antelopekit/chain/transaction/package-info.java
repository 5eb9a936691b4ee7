/**
 * Actions and transactions: {@link io.antelopekit.chain.transaction.Action},
 * {@link io.antelopekit.chain.transaction.Transaction} with its header and extensions,
 * {@link io.antelopekit.chain.transaction.SignedTransaction} and
 * {@link io.antelopekit.chain.transaction.PackedTransaction}, in the node's binary and JSON forms.
 *
 * <p>This package sits above {@code chain} (the value types), {@code abi} (an action's data is
 * encoded through its contract's ABI) and {@code crypto} (a signed transaction holds signatures),
 * so none of those refers back to it and the core has no package cycle.
 */
package io.antelopekit.chain.transaction;
