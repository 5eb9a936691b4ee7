/**
 * The state of a sign-in with a wallet, apart from any web framework: {@link
 * io.antelopekit.signin.SignInStore} keeps each {@link io.antelopekit.signin.SignInAttempt} (the
 * identity request shown to the user) until its {@link io.antelopekit.signin.SignInOutcome} is
 * consumed. {@link io.antelopekit.signin.InMemorySignInStore} serves one instance; the Redis store
 * ({@code antelopekit-redis}) serves several. The Spring Security integration
 * ({@code antelopekit-spring-boot-autoconfigure}) drives them.
 */
package io.antelopekit.signin;
