/**
 * A state history (SHiP) client: a node's {@code state_history_plugin} over WebSocket, its blocks,
 * transaction traces (inline actions and notifications included) and table deltas, decoded
 * through the ABI the node sends and the contracts' ABIs. Start with {@link io.antelopekit.stream.ship.ShipClient}.
 */
package io.antelopekit.stream.ship;
