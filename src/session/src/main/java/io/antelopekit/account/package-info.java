/**
 * Account creation plugins: {@link io.antelopekit.account.CreatorAccountCreationPlugin} creates
 * accounts with a creator account's key.
 */
package io.antelopekit.account;
