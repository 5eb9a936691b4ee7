/**
 * The example web application ({@link io.antelopekit.example.webapp.WebApp}): sign in with a
 * wallet (an identity request as QR code and {@code esr:} link, the page updated by server-sent
 * events), the account's balances, transfers signed by the user's wallet through a signing
 * request or by the service's key, each followed live to {@code IRREVERSIBLE}. Spring Boot
 * WebFlux and Spring Security with antelopekit's auto-configuration, against an embedded devnet;
 * the page is plain HTML, CSS and JavaScript ({@code EventSource}, {@code fetch}).
 *
 * <p>Built and tested with the SDK's tests (a test source root), never part of its jar.
 */
package io.antelopekit.example.webapp;
