package io.antelopekit.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a {@link ChainClient} was built with, read-only. {@link #toString()} shows header names
 * but never their values, which may be API keys.
 *
 * <pre>{@code
 * Duration t = client.config().responseTimeout();
 * }</pre>
 *
 * @param endpoints the nodes' base URLs, in failover order
 * @param connectTimeout longest wait for a connection
 * @param responseTimeout longest a single try may take, from sending the request to the whole answer
 * @param headers extra request headers
 * @param maxConnections the pool size per node, {@code null} when a connection provider or HTTP
 *        client was given
 * @param maxIdleTime how long an idle connection is kept, {@code null} as for maxConnections
 * @param maxPendingAcquires how many requests may wait for a pooled connection, per node
 *        ({@code -1}: no limit), {@code null} as for maxConnections
 * @param maxResponseSize the largest answer accepted, in bytes
 * @param readRetry retries of reads
 * @param broadcastRetry retries of transactions sent
 * @param statusPolling polling of transaction status
 * @param headsInterval polling interval of {@link ChainClient#heads()}
 * @param metricsEnabled whether meters are recorded
 */
public record ChainClientConfig(
        List<URI> endpoints,
        Duration connectTimeout,
        Duration responseTimeout,
        Map<String, String> headers,
        Integer maxConnections,
        Duration maxIdleTime,
        Integer maxPendingAcquires,
        int maxResponseSize,
        RetryPolicy readRetry,
        RetryPolicy broadcastRetry,
        PollPolicy statusPolling,
        Duration headsInterval,
        boolean metricsEnabled) {

    /** Copies the collections. */
    public ChainClientConfig {
        endpoints = List.copyOf(endpoints);
        headers = Map.copyOf(headers);
    }

    /** @return every setting, with header values masked */
    @Override
    public String toString() {
        return "ChainClientConfig[endpoints=" + endpoints
                + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout
                + ", headers=" + headers.keySet().stream().sorted().map(k -> k + "=***")
                        .collect(Collectors.joining(", ", "{", "}"))
                + ", maxConnections=" + maxConnections
                + ", maxIdleTime=" + maxIdleTime
                + ", maxPendingAcquires=" + maxPendingAcquires
                + ", maxResponseSize=" + maxResponseSize
                + ", readRetry=" + readRetry
                + ", broadcastRetry=" + broadcastRetry
                + ", statusPolling=" + statusPolling
                + ", headsInterval=" + headsInterval
                + ", metricsEnabled=" + metricsEnabled + "]";
    }
}
