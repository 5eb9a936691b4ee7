/**
 * Sessions: an account on a chain with a wallet that signs for it.
 * {@link io.antelopekit.session.Session#transact} encodes actions through a shared ABI cache,
 * resolves the signer placeholders, runs the transact plugins' hooks, fills TAPoS from a cached
 * head, has the wallet sign and broadcasts. Every operation is cold.
 */
package io.antelopekit.session;
