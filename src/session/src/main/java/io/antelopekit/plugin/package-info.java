/**
 * The plugin SPI of the session kit: wallets ({@link io.antelopekit.plugin.WalletPlugin}, found
 * by id through {@link java.util.ServiceLoader} with {@link io.antelopekit.plugin.WalletPluginFactory}),
 * transaction hooks ({@link io.antelopekit.plugin.TransactPlugin}), login hooks
 * ({@link io.antelopekit.plugin.LoginPlugin}) and user interfaces
 * ({@link io.antelopekit.plugin.UserInterface}). Every hook returns a {@code Mono} so a plugin may
 * do I/O; nothing here holds an implementation.
 */
package io.antelopekit.plugin;
