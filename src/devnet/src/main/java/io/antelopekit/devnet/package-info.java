/**
 * An embedded local Antelope chain for demos, tests and users' own tests: {@link io.antelopekit.devnet.Devnet}
 * serves the node's chain API over HTTP on {@code 127.0.0.1}, checks and runs transactions as a
 * node does, and starts from a {@link io.antelopekit.devnet.Genesis} with documented
 * {@linkplain io.antelopekit.devnet.DevAccount dev accounts}. {@link io.antelopekit.devnet.DevnetMain}
 * runs one from the command line.
 */
package io.antelopekit.devnet;
