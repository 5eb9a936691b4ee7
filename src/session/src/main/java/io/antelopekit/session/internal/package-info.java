/**
 * Helpers that several packages of the session module ({@code esr}, {@code session},
 * {@code wallet.esr}) and the Spring integration share: the signer placeholders' rules
 * ({@link io.antelopekit.session.internal.Placeholders}) and the seeded random id source
 * ({@link io.antelopekit.session.internal.RandomIds}).
 *
 * <p><b>Not API.</b> The classes are public only so that those packages and modules can reach
 * them; they may change or go in any release. Applications use the public constants that refer
 * to them ({@code SigningRequest.PLACEHOLDER_ACTOR}, {@code ActionRequest.PLACEHOLDER_ACTOR}, ...).
 * This package depends on core alone, so every package above can use it without a cycle.
 */
package io.antelopekit.session.internal;
