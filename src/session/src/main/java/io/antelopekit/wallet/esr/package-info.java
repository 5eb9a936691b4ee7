/**
 * A wallet plugin for any ESR (EOSIO Signing Request) wallet, such as Anchor: the user signs in
 * and signs transactions with keys the application never holds.
 *
 * <p>{@link io.antelopekit.wallet.esr.WalletPluginSigningRequest} shows an identity request at
 * login (a QR code, an {@code esr:} link and a countdown, through the kit's user interface),
 * waits for the wallet's callback, and verifies the identity proof in it against the chain
 * ({@link io.antelopekit.esr.IdentityProofVerifier}). Each transaction is then requested the
 * same way and signed by the user's wallet; the session broadcasts it.
 *
 * <p>{@link io.antelopekit.wallet.esr.CallbackReceiver} receives the callbacks, through a small
 * Reactor Netty server of its own or the application's own HTTP route (a WebFlux handler hands
 * each body to {@link io.antelopekit.wallet.esr.CallbackReceiver#deliver deliver}); a wait that
 * runs out fails with {@link io.antelopekit.wallet.esr.CallbackTimeoutException}.
 *
 * <pre>{@code
 * CallbackReceiver.builder().port(8090).publicUrl("https://app.example/esr-callback").start()
 *         .map(receiver -> SessionKit.builder().appName("myapp").chains(chain)
 *                 .walletPlugins(WalletPluginSigningRequest.builder().receiver(receiver).scope("myapp").build())
 *                 .ui(ui).build())
 *         .flatMap(kit -> kit.login().flatMap(result -> result.session().transact(transfer)))
 *         .subscribe(result -> log.info("sent {}", result.id()), error -> log.warn("failed", error));
 * }</pre>
 */
package io.antelopekit.wallet.esr;
