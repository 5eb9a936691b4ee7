package io.antelopekit.spring;

import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Starts and closes what the auto-configuration owns, on the thread that creates or closes the
 * application context (Spring's startup thread, or its shutdown hook), never on an event loop.
 *
 * <p><b>Startup</b> ({@link #await}): a bean that needs a running server (the ESR callback
 * receiver) waits for the bind for at most a timeout; on a non-blocking thread it refuses to wait.
 *
 * <p><b>Shutdown</b>: beans register their closing here ({@link #onClose}); this bean is a
 * dependency of each of them, so Spring destroys it after them, and its {@link #destroy()}
 * starts every closing at once, then waits for all of them together for at most
 * {@code antelopekit.shutdown-timeout}. A closing that fails or is still running when the time is
 * up is logged (its name only) and left behind; {@code destroy()} never throws. On a non-blocking
 * thread it starts the closings and returns without waiting.
 */
final class Lifecycle implements DisposableBean {

    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

    private record Closing(String what, Supplier<Mono<Void>> close) {
    }

    private final Duration timeout;
    private final List<Closing> closings = new CopyOnWriteArrayList<>();

    Lifecycle(Duration timeout) {
        this.timeout = timeout;
    }

    /** Registers a closing: {@code close} is subscribed at shutdown and completes once closed. */
    void onClose(String what, Supplier<Mono<Void>> close) {
        closings.add(new Closing(what, close));
    }

    @Override
    public void destroy() {
        List<Closing> all = new ArrayList<>(closings);
        closings.clear();
        if (all.isEmpty()) {
            return;
        }
        List<String> pending = new CopyOnWriteArrayList<>();
        Mono<Void> closing = Flux.fromIterable(all)
                .flatMap(c -> Mono.defer(c.close())
                        .doOnSubscribe(s -> pending.add(c.what()))
                        .doFinally(signal -> pending.remove(c.what()))
                        .onErrorResume(e -> {
                            LOG.log(System.Logger.Level.WARNING, "antelopekit: closing {0} failed: {1}", c.what(),
                                    e.getClass().getName());
                            return Mono.empty();
                        }))
                .then();
        if (Schedulers.isInNonBlockingThread()) {
            closing.subscribe();
            return;
        }
        CompletableFuture<Void> done = closing.toFuture();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "antelopekit: still closing after {0}, not waiting longer: {1}",
                    timeout, pending);
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "antelopekit: closing failed: {0}", e.getCause().getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for {@code start} on the startup thread, at most {@code timeout}.
     *
     * @throws AntelopeKitConfigurationException naming {@code what} when it fails, times out,
     *     or when called on a non-blocking thread
     */
    static <T> T await(Mono<T> start, Duration timeout, String what) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new AntelopeKitConfigurationException(what + ": cannot wait for it on the non-blocking thread "
                    + Thread.currentThread().getName() + "; create the application context on another thread");
        }
        CompletableFuture<T> future = start.toFuture();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AntelopeKitConfigurationException(what + ": " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AntelopeKitConfigurationException(what + ": not done after " + timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AntelopeKitConfigurationException(what + ": interrupted");
        }
    }

    @Override
    public String toString() {
        return "AntelopeKitLifecycle[shutdownTimeout=" + timeout + ", closings=" + closings.size() + "]";
    }
}
