/**
 * Ready-made transact plugins: {@link io.antelopekit.transact.ResourcePayerPlugin}, a service
 * account that pays its users' CPU and NET by cosigning a leading no-op, and
 * {@link io.antelopekit.transact.AllowListPlugin}, a guard that refuses any action not on its
 * list before anything is signed. Both refuse with a
 * {@link io.antelopekit.transact.TransactRefusedException} naming the action and its index.
 *
 * <p>Order when used together: the guard first, then the payer, then any other
 * plugin that signs.
 *
 * <pre>{@code
 * Session.builder()...
 *         .transactPlugins(AllowListPlugin.builder()
 *                 .allow("eosio.token::transfer", "bot@active")
 *                 .allow("greymassnoop::noop", "payer@cosign")
 *                 .build())
 *         .transactPlugins(payer)
 *         .build();
 * }</pre>
 */
package io.antelopekit.transact;
