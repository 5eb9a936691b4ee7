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
 *   <li>The JDK scheduled executor's queue (behind Reactor's timers) when a timer is cancelled or
 *       polled, and Jackson's one-time creation of a type's deserializer: short internal locks.
 *       Reactor's own integration allows the queue's {@code offer} and {@code take} only.</li>
 * </ul>
 *
 * <p>Why an allowance matters more than a missed detection: BlockHound reports a blocking call
 * by throwing an {@code Error} from inside {@code park}. Thrown from inside a JDK lock's
 * acquisition, it leaves that lock's wait queue broken: a later waiter is never woken, and the
 * scheduler's worker threads die with {@code IllegalMonitorStateException} in
 * {@code DelayedWorkQueue.take}, after which every Reactor timer of the JVM hangs. That happened
 * in a test run, so these short library locks are allowed rather than left to break the JVM.
 */
public final class BlockHoundSupport implements BeforeAllCallback {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    /** Installs BlockHound, once; later calls do nothing. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            // load the optional native K1 library (it extracts a file) before anything is checked
            io.antelopekit.crypto.Signature.nativeRecovery();
            // the integrations found on the class path (Reactor's, Reactor Netty's) plus ours
            BlockHound.install(builder -> builder
                    .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove")
                    .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "poll")
                    .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "add")
                    .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "size")
                    .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "remove")
                    .allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                            "_createAndCacheValueDeserializer")
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
