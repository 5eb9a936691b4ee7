/**
 * "Sign in with an Antelope wallet" in Spring Security for WebFlux (optional: needs
 * {@code spring-webflux}, {@code spring-security-web} and {@code spring-security-config} on the
 * classpath; the Redis sign-in store, {@code io.antelopekit.redis.RedisSignInStore}, needs
 * {@code antelopekit-redis}).
 *
 * <p>{@link io.antelopekit.spring.security.WalletSignIn} serves the web flow: an identity request
 * shown as a QR code, the wallet's callback, the browser's completion into its web session.
 * {@link io.antelopekit.spring.security.IdentityProofAuthenticationManager} checks an identity
 * proof ({@link io.antelopekit.spring.security.AntelopeAuthenticationToken}) and yields an
 * {@link io.antelopekit.spring.security.AntelopePrincipal}. Attempts are kept in a
 * {@link io.antelopekit.signin.SignInStore}, shared by a service's instances.
 * {@link io.antelopekit.spring.security.AntelopeSignInAutoConfiguration} makes them from
 * {@code antelopekit.sign-in.*}.
 *
 * <pre>{@code
 * antelopekit.esr.enabled=true
 * antelopekit.sign-in.enabled=true
 * antelopekit.sign-in.public-url=https://app.example.com
 * }</pre>
 */
package io.antelopekit.spring.security;
