/**
 * Antelope keys and signatures on Bouncy Castle: {@link io.antelopekit.crypto.PrivateKey},
 * {@link io.antelopekit.crypto.PublicKey} and {@link io.antelopekit.crypto.Signature} for K1
 * (secp256k1), R1 (P-256) and WebAuthn (WA), with every string form a node or wallet uses and
 * the node's binary form.
 *
 * <p>Signing is deterministic and byte-for-byte the reference's (RFC 6979 nonces, low S, and
 * EOSIO's canonical-signature loop for K1). Malformed strings or bytes throw
 * {@link io.antelopekit.crypto.InvalidKeyException} or
 * {@link io.antelopekit.crypto.InvalidSignatureException}; private key material never appears
 * in messages, {@code toString()} or JSON.
 */
package io.antelopekit.crypto;
