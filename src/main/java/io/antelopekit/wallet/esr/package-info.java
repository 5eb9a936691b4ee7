/**
 * Pieces of the ESR (EOSIO Signing Request) wallet plugin: {@link io.antelopekit.wallet.esr.CallbackReceiver}
 * receives the callbacks a wallet (Anchor, for instance) sends after it signed a request shown as
 * an {@code esr:} link or QR code, through a small Reactor Netty server of its own or the
 * application's own HTTP route; a wait that runs out fails with
 * {@link io.antelopekit.wallet.esr.CallbackTimeoutException}.
 *
 * <pre>{@code
 * CallbackReceiver receiver = CallbackReceiver.builder().port(0).start().block();
 * CallbackReceiver.Pending pending = receiver.register();
 * // put pending.url() into the signing request as its background callback, show the link
 * JsonNode payload = pending.await(Duration.ofMinutes(2)).block();
 * }</pre>
 */
package io.antelopekit.wallet.esr;
