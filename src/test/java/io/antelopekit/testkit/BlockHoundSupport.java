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
 * <p>Allowed, besides what Reactor's and Netty's own integrations allow:
 * <ul>
 *   <li>Netty 4.2's adaptive buffer allocator, which takes a short internal {@code StampedLock}
 *       when it grows or frees a magazine under contention (Netty's integration of this version
 *       does not list it yet). Without this, a busy test run fails now and then with
 *       {@code Blocking call! jdk.internal.misc.Unsafe#park} inside
 *       {@code AdaptivePoolingAllocator$Magazine.free}: a lock of the I/O library, not our code.</li>
 *   <li>reactor-test's failure message formatting, so a failed expectation is reported as itself.</li>
 * </ul>
 */
public final class BlockHoundSupport implements BeforeAllCallback {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    /** Installs BlockHound, once; later calls do nothing. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            // the integrations found on the class path (Reactor's, Reactor Netty's) plus ours
            BlockHound.install(builder -> builder
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate")
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
