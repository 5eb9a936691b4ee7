package io.antelopekit.api;

import java.time.Duration;
import java.util.Arrays;

/** Client settings for tests: short timeouts and back-offs, so faults resolve in milliseconds. */
final class Clients {

    static final Duration VERIFY = Duration.ofSeconds(30);
    /** Generous: the machine running the tests may be busy; stall tests set their own. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Clients() {
    }

    static ChainClient.Builder fast(MockNode... nodes) {
        return ChainClient.builder()
                .endpoints(Arrays.stream(nodes).map(MockNode::url).toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(TIMEOUT)
                .readRetry(RetryPolicy.backoff(2, Duration.ofMillis(5), Duration.ofMillis(20)))
                .broadcastRetry(RetryPolicy.backoff(2, Duration.ofMillis(5), Duration.ofMillis(20)))
                .statusPolling(new PollPolicy(Duration.ofMillis(10), Duration.ofMillis(40), 2.0, Duration.ofSeconds(5)))
                .headsInterval(Duration.ofMillis(10));
    }
}
