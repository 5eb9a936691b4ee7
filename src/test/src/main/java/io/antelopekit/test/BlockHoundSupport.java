package io.antelopekit.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

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
 *   <li>Logback's console output (a short lock and a write to the console), so that a library
 *       logging a warning on an event loop, as Spring Security, Lettuce and Netty do, is not
 *       mistaken for the code under test blocking. A service logs to an asynchronous appender
 *       in production.</li>
 *   <li>The JDK scheduled executor's queue (behind Reactor's timers) when a timer is cancelled or
 *       polled, and Jackson's one-time creation of a type's deserializer: short internal locks.
 *       Reactor's own integration allows the queue's {@code offer} and {@code take} only. A
 *       worker that entered {@code take} before BlockHound was installed is not seen inside it,
 *       so a park under {@code ThreadPoolExecutor.getTask} (an idle worker waiting for work) is
 *       allowed as well.</li>
 * </ul>
 *
 * <p>Why an allowance matters more than a missed detection: BlockHound reports a blocking call
 * by throwing an {@code Error} from inside {@code park}. Thrown from inside a JDK lock's
 * acquisition, it leaves that lock's wait queue broken: a later waiter is never woken, and the
 * scheduler's worker threads die with {@code IllegalMonitorStateException} in
 * {@code DelayedWorkQueue.take}, after which every Reactor timer of the JVM hangs. That happened
 * in a test run, so these short library locks are allowed rather than left to break the JVM.
 * Any other blocking call inside a JDK lock's acquisition is not thrown where it happens but
 * recorded, printed, and fails the test running at the time (checked after each test).
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
                    .blockingMethodCallback(BlockHoundSupport::onBlockingCall)
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
                    .allowBlockingCallsInside("reactor.test.MessageFormatter", "format")
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes"));
        }
    }

    /** Blocking calls found inside a JDK lock's acquisition, not reported yet. */
    private static final Queue<String> DEFERRED = new ConcurrentLinkedQueue<>();

    /**
     * What BlockHound does on a blocking call. Normally it throws its error where the call is. But
     * a park inside a {@code java.util.concurrent.locks} acquisition must not be interrupted by an
     * error (it would break the lock for the whole JVM): such a call is recorded, printed, and
     * fails the test that runs at the time, in {@link TestDefaults}' check after each test.
     */
    private static void onBlockingCall(BlockingMethod method) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
                // an idle worker waiting for its next task (the queue's take, allowed by Reactor's
                // integration, is not seen as allowed when the worker entered it before install())
                return;
            }
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("java.util.concurrent.locks.")) {
                StringBuilder sb = new StringBuilder("Blocking call! ").append(method)
                        .append(" inside a lock acquisition, on thread ").append(Thread.currentThread().getName());
                for (StackTraceElement f : stack) {
                    sb.append("\n\tat ").append(f);
                }
                String report = sb.toString();
                System.err.println(report);
                DEFERRED.add(report);
                return;
            }
        }
        throw new BlockingOperationError(method);
    }

    /**
     * Throws an {@code AssertionError} naming the blocking calls recorded (and not thrown) since
     * the last check, if any.
     */
    static void checkDeferred() {
        if (DEFERRED.isEmpty()) {
            return;
        }
        List<String> reports = new ArrayList<>();
        for (String r; (r = DEFERRED.poll()) != null; ) {
            reports.add(r);
        }
        throw new AssertionError(reports.size() + " blocking call(s) on a non-blocking thread:\n"
                + String.join("\n", reports));
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
