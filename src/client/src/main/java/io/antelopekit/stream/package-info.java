/**
 * Chain event streams: {@link io.antelopekit.stream.BlockStream} follows a chain's head or last
 * irreversible block through a {@link io.antelopekit.api.ChainClient}, emitting each
 * {@link io.antelopekit.stream.Block} once and in order across endpoint failover, and the actions
 * in them as {@link io.antelopekit.stream.ActionEvent}s filtered by an
 * {@link io.antelopekit.stream.ActionFilter} and decoded through the contracts' ABIs. A
 * {@link io.antelopekit.stream.Checkpoint} kept in a
 * {@link io.antelopekit.storage.ReactiveSessionStorage} resumes a stream after a restart.
 */
package io.antelopekit.stream;
