/** A wallet that holds private keys in memory and signs locally: for services, bots and tests. */
package io.antelopekit.wallet.privatekey;
