package io.antelopekit.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Publishes the gauges Reactor Netty keeps for each connection pool (one pool per node) into the
 * client's registry, tagged with the node's {@code host:port}.
 */
final class PoolMeters implements ConnectionProvider.MeterRegistrar {

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    PoolMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void registerMetrics(String poolName, String id, SocketAddress remoteAddress, ConnectionPoolMetrics metrics) {
        String remote = address(remoteAddress);
        List<Meter> list = new ArrayList<>(5);
        list.add(gauge(ChainClientMeters.POOL_TOTAL_CONNECTIONS, remote, metrics, ConnectionPoolMetrics::allocatedSize));
        list.add(gauge(ChainClientMeters.POOL_ACTIVE_CONNECTIONS, remote, metrics, ConnectionPoolMetrics::acquiredSize));
        list.add(gauge(ChainClientMeters.POOL_IDLE_CONNECTIONS, remote, metrics, ConnectionPoolMetrics::idleSize));
        list.add(gauge(ChainClientMeters.POOL_PENDING_CONNECTIONS, remote, metrics,
                ConnectionPoolMetrics::pendingAcquireSize));
        list.add(gauge(ChainClientMeters.POOL_MAX_CONNECTIONS, remote, metrics, ConnectionPoolMetrics::maxAllocatedSize));
        meters.put(id, list);
    }

    @Override
    public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
        List<Meter> list = meters.remove(id);
        if (list != null) {
            list.forEach(registry::remove);
        }
    }

    private Meter gauge(ChainClientMeters meter, String remote, ConnectionPoolMetrics metrics,
            ToDoubleFunction<ConnectionPoolMetrics> value) {
        return Gauge.builder(meter.meterName(), metrics, value)
                .tag(ChainClientMeters.REMOTE_ADDRESS, remote)
                .strongReference(true)
                .register(registry);
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
