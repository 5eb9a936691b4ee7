package io.antelopekit.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP side of a {@link ChainClient}'s settings: the node URLs it accepts, the connection pool
 * it makes for itself, and the timeouts, compression and headers it adds to any HTTP client.
 */
final class HttpSetup {

    private HttpSetup() {
    }

    /** Parses an endpoint URL (trimmed); then see {@link #endpoint(URI)}. */
    static URI endpointUri(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint \"" + url + "\" is not a URL: " + e.getMessage(), e);
        }
    }

    /**
     * {@code url} as a node's base URL, without trailing slashes.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL with a host, or
     *         has a query or fragment
     */
    static URI endpoint(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("endpoint \"" + url + "\" must be an http or https URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("endpoint \"" + url + "\" has no host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint \"" + url + "\" must not have a query or fragment");
        }
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /**
     * The pool a client makes for itself, sized as {@code config} says, with its gauges in
     * {@code registry} when there is one. The client closes it.
     */
    static ConnectionProvider ownPool(ChainClientConfig config, MeterRegistry registry) {
        ConnectionProvider.Builder pb = ConnectionProvider.builder("antelopekit-chain")
                .maxConnections(config.maxConnections())
                .maxIdleTime(config.maxIdleTime())
                .pendingAcquireMaxCount(config.maxPendingAcquires());
        if (registry != null) {
            PoolMeters registrar = new PoolMeters(registry);
            pb.metrics(true, () -> registrar);
        }
        return pb.build();
    }

    /**
     * {@code base} with the connect and response timeouts of {@code config}, compression, JSON
     * content headers, and {@code headers} (copied; set in their order).
     */
    static HttpClient configure(HttpClient base, ChainClientConfig config, Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        return base
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .responseTimeout(config.responseTimeout())
                .compress(true)
                .headers(h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                    h.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
                    copy.forEach(h::set);
                });
    }
}
