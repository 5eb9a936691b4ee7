/**
 * A reactive client of the chain HTTP API on Reactor Netty: {@link io.antelopekit.api.ChainClient}.
 *
 * <pre>{@code
 * ChainClient client = ChainClient.create("https://jungle4.greymass.com");
 * client.getInfo().map(ChainInfo::headBlockNum).subscribe(System.out::println);
 * }</pre>
 *
 * <p>Calls return cold {@code Mono}/{@code Flux}; failures are
 * {@link io.antelopekit.api.ChainClientException}s (node errors, transport errors, timeouts,
 * malformed answers), transient ones retried with back-off and failover across the configured
 * nodes. Table rows page as a {@code Flux}; {@code trackTransaction}, {@code broadcast} and
 * {@code heads} stream state changes. Meters are listed in {@link io.antelopekit.api.ChainClientMeters}.
 * The JSON models live in {@code io.antelopekit.api.model}.
 */
package io.antelopekit.api;
