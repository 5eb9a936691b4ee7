/**
 * antelopekit: a reactive, non-blocking Java SDK for Antelope blockchains.
 *
 * <p>Packages: {@code chain} (value types and their binary form), {@code abi} (ABI model and
 * serializer), {@code crypto} (keys and signatures), {@code api} (chain API client),
 * {@code session} (SessionKit and Session), {@code plugin} (wallet, login and transact plugin
 * SPI), {@code storage}, {@code esr} (signing requests) and {@code devnet} (an embedded chain).
 */
package io.antelopekit;
