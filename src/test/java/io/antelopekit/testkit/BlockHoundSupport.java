package io.antelopekit.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once in the test JVM: from then on, a blocking call (sleep, blocking I/O,
 * lock wait) on a Reactor or Netty non-blocking thread fails with a {@code BlockingOperationError}.
 * Use it on a test class with {@code @ExtendWith(BlockHoundSupport.class)}.
 *
 * <p>Only the test tooling is allowed to block: reactor-test's failure message formatting takes a
 * lock while it renders values, and without this allowance a failed expectation on an event loop
 * would be reported as a {@code BlockingOperationError} instead of the real assertion error.
 */
public final class BlockHoundSupport implements BeforeAllCallback {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    /** Installs BlockHound, once; later calls do nothing. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            // the integrations found on the class path (Reactor's, Reactor Netty's) plus ours
            BlockHound.install(builder -> builder
                    .allowBlockingCallsInside("reactor.test.MessageFormatter", "fail")
                    .allowBlockingCallsInside("reactor.test.MessageFormatter", "failOptional")
                    .allowBlockingCallsInside("reactor.test.MessageFormatter", "failPrefix")
                    .allowBlockingCallsInside("reactor.test.MessageFormatter", "assertionError")
                    .allowBlockingCallsInside("reactor.test.MessageFormatter", "format"));
        }
    }

    /** Whether {@link #install()} ran in this JVM. */
    public static boolean installed() {
        return INSTALLED.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }
}
