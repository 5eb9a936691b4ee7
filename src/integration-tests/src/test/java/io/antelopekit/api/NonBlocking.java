package io.antelopekit.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import io.antelopekit.test.BlockHoundSupport;

/**
 * Installs BlockHound once in the test JVM, before the first test class that uses this
 * extension: from then on, a blocking call (sleep, blocking I/O, lock wait) on a Reactor or
 * Netty non-blocking thread fails with a {@code BlockingOperationError}.
 * {@code BlockHoundTest} proves that it does.
 *
 * <p>It then warms the HTTP stack up (event loops, Jackson deserializers of the models) with a
 * few calls under a long timeout, so the tests' short timeouts measure the client, not the
 * JVM's start on a busy machine.
 */
final class NonBlocking implements BeforeAllCallback {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            BlockHoundSupport.install();
            warmUp();
        }
    }

    private static void warmUp() {
        Duration patient = Duration.ofSeconds(120);
        try (MockNode node = MockNode.start()) {
            node.chain("get_info", MockNode.recorded(ChainClientReadTest.GET_INFO))
                    .chain("get_block", MockNode.recorded(ChainClientReadTest.UNKNOWN_BLOCK));
            ChainClient client = ChainClient.builder().endpoint(node.url()).responseTimeout(patient)
                    .readRetry(RetryPolicy.none()).build();
            try {
                client.getInfo().repeat(3).blockLast(patient);
                client.getBlock(1).onErrorResume(ChainApiException.class, e -> reactor.core.publisher.Mono.empty())
                        .block(patient);
            } finally {
                client.disposeLater().block(patient);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }
}
