/**
 * For tests and demos only: {@link io.antelopekit.esr.testing.EsrTestWallet}, a small wallet that
 * answers EOSIO Signing Requests as a wallet app (Anchor, for instance) does, with a key it is
 * given, and a {@link io.antelopekit.plugin.UserInterface} that hands each prompted
 * {@code esr:} link to it, so a login or transaction through
 * {@link io.antelopekit.wallet.esr.WalletPluginSigningRequest} runs without a person.
 *
 * <pre>{@code
 * EsrTestWallet wallet = EsrTestWallet.of(DevAccount.of("alice").privateKey(),
 *         PermissionLevel.from("alice@active"), ChainClient.create(devnet.url()));
 * SessionKit kit = SessionKit.builder().appName("demo").chains(chain).ui(wallet.userInterface())
 *         .walletPlugins(esrPlugin).build();
 * StepVerifier.create(kit.login().map(result -> result.session().permissionLevel()))
 *         .expectNext(PermissionLevel.from("alice@active"))
 *         .expectComplete().verify(Duration.ofSeconds(30));
 * }</pre>
 */
package io.antelopekit.esr.testing;
