/**
 * EOSIO Signing Requests (ESR, {@code esr:} links): create, encode, decode and resolve them,
 * and the identity proofs that answer identity requests.
 *
 * <p>{@link io.antelopekit.esr.SigningRequest} is an immutable request (one action, several
 * actions, a transaction or an identity request, for one chain or several); its
 * {@link io.antelopekit.esr.SigningRequest#resolve resolve} fills in the signer and the TAPoS
 * values of a {@link io.antelopekit.esr.TaposContext} and gives a
 * {@link io.antelopekit.esr.ResolvedSigningRequest}: the transaction to sign, its digest and
 * the callback to send afterwards. {@link io.antelopekit.esr.IdentityProof} is what a wallet
 * returns for a version 3 identity request. Malformed links and bytes fail with
 * {@link io.antelopekit.esr.InvalidSigningRequestException}, and with nothing else.
 *
 * <pre>{@code
 * SigningRequest request = SigningRequest.from("esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRkYGCGC...");
 * ResolvedSigningRequest resolved = request.resolve(Map.of(Name.from("eosio.token"), tokenAbi),
 *         PermissionLevel.from("alice@active"), TaposContext.of(headBlockTime, 60, headBlockNum, refBlockPrefix));
 * Signature sig = key.signDigest(resolved.signingDigest());
 * resolved.callback(List.of(sig), null).ifPresent(cb -> post(cb.url(), cb.payload()));
 * }</pre>
 */
package io.antelopekit.esr;
