package io.antelopekit.api;

import io.micrometer.core.instrument.Meter;
import java.util.List;
import java.util.Locale;

/**
 * The meters a {@link ChainClient} records when built with a Micrometer {@code MeterRegistry}.
 * Names are stable; tags form a small closed set: {@value #ENDPOINT} (the endpoint's name, such
 * as {@code get_info}, or {@code other} for {@link ChainClient#call}), {@value #OUTCOME} (an
 * {@link Outcome}) and, on the connection pool gauges, {@value #REMOTE_ADDRESS} (one of the
 * configured nodes, {@code host:port}).
 *
 * <pre>{@code
 * Timer t = registry.get(ChainClientMeters.REQUESTS.meterName())
 *         .tags(ChainClientMeters.ENDPOINT, "get_info", ChainClientMeters.OUTCOME, "success").timer();
 * }</pre>
 */
public enum ChainClientMeters {

    /** Timer of each HTTP exchange (each try), by endpoint and outcome. */
    REQUESTS("antelopekit.chain.client.requests", Meter.Type.TIMER, Tags.ENDPOINT_OUTCOME),
    /** Counter of retries, by endpoint. */
    RETRIES("antelopekit.chain.client.retries", Meter.Type.COUNTER, Tags.ENDPOINT_ONLY),
    /** Counter of retries sent to another node than the try before, by endpoint. */
    FAILOVERS("antelopekit.chain.client.failovers", Meter.Type.COUNTER, Tags.ENDPOINT_ONLY),
    /** Gauge of the pool's open connections to a node, in use or idle. */
    POOL_TOTAL_CONNECTIONS("antelopekit.chain.client.pool.total.connections", Meter.Type.GAUGE, Tags.REMOTE),
    /** Gauge of the pool's connections in use. */
    POOL_ACTIVE_CONNECTIONS("antelopekit.chain.client.pool.active.connections", Meter.Type.GAUGE, Tags.REMOTE),
    /** Gauge of the pool's idle connections. */
    POOL_IDLE_CONNECTIONS("antelopekit.chain.client.pool.idle.connections", Meter.Type.GAUGE, Tags.REMOTE),
    /** Gauge of requests waiting for a connection. */
    POOL_PENDING_CONNECTIONS("antelopekit.chain.client.pool.pending.connections", Meter.Type.GAUGE, Tags.REMOTE),
    /** Gauge of the most connections the pool opens to a node. */
    POOL_MAX_CONNECTIONS("antelopekit.chain.client.pool.max.connections", Meter.Type.GAUGE, Tags.REMOTE);

    /** Tag key: the endpoint's name, such as {@code get_info}. */
    public static final String ENDPOINT = "endpoint";
    /** Tag key: the {@link Outcome}, in lower case. */
    public static final String OUTCOME = "outcome";
    /** Tag key: a node's {@code host:port}. */
    public static final String REMOTE_ADDRESS = "remote.address";

    private final String meterName;
    private final Meter.Type type;
    private final List<String> tagKeys;

    ChainClientMeters(String meterName, Meter.Type type, List<String> tagKeys) {
        this.meterName = meterName;
        this.type = type;
        this.tagKeys = tagKeys;
    }

    /**
     * The meter's name.
     *
     * @return such as {@code antelopekit.chain.client.requests}
     */
    public String meterName() {
        return meterName;
    }

    /**
     * The meter's type.
     *
     * @return timer, counter or gauge
     */
    public Meter.Type type() {
        return type;
    }

    /**
     * The meter's tag keys: always all of them, never others.
     *
     * @return the keys
     */
    public List<String> tagKeys() {
        return tagKeys;
    }

    /** How an HTTP exchange ended: the values of the {@value #OUTCOME} tag. */
    public enum Outcome {
        /** A success status and a body of the expected form. */
        SUCCESS,
        /** An error status with the node's error body. */
        CHAIN_ERROR,
        /** An error status with another body. */
        HTTP_ERROR,
        /** The connection failed. */
        TRANSPORT_ERROR,
        /** No answer in time. */
        TIMEOUT,
        /** A success status with a body that is not the expected JSON. */
        MALFORMED,
        /** The subscriber cancelled before the answer. */
        CANCELLED,
        /** Another failure, such as a request that could not be written. */
        ERROR;

        private final String tagValue = name().toLowerCase(Locale.ROOT);

        /**
         * The tag value.
         *
         * @return the name in lower case, such as {@code chain_error}
         */
        public String tagValue() {
            return tagValue;
        }

        static Outcome of(Throwable e) {
            if (e instanceof ChainApiException a) {
                return a.errorBody() != null ? CHAIN_ERROR : HTTP_ERROR;
            }
            if (e instanceof ChainTimeoutException) {
                return TIMEOUT;
            }
            if (e instanceof ChainTransportException) {
                return TRANSPORT_ERROR;
            }
            if (e instanceof MalformedResponseException) {
                return MALFORMED;
            }
            return ERROR;
        }
    }

    private static final class Tags {
        static final List<String> ENDPOINT_OUTCOME = List.of("endpoint", "outcome");
        static final List<String> ENDPOINT_ONLY = List.of("endpoint");
        static final List<String> REMOTE = List.of("remote.address");
    }
}
