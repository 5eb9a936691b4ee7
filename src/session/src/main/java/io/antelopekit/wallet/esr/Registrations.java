package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.session.internal.RandomIds;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The registrations waiting for a callback, by id: the one table both a server and an
 * application's own route deliver into. Lock-free; each registration completes once, whoever
 * gets there first (a callback, a cancel, a timeout, an expiry, the close) wins by a CAS on its
 * state, and is removed from the table at the same time. Expiry counts on a ticker of
 * nanoseconds: {@link System#nanoTime()}, or a test's own.
 */
final class Registrations {

    private final ConcurrentHashMap<String, CallbackReceiver.Pending> pending = new ConcurrentHashMap<>();
    private final long expireNanos;
    private final AtomicLong nextSweep;
    private final LongSupplier ticker;

    /** With {@code ticker} as the time in nanoseconds (monotonic, like {@link System#nanoTime()}). */
    Registrations(Duration expireAfter, LongSupplier ticker) {
        this.expireNanos = expireAfter.toNanos();
        this.ticker = java.util.Objects.requireNonNull(ticker, "ticker");
        this.nextSweep = new AtomicLong(ticker.getAsLong() + sweepInterval());
    }

    /** The ticker's time now, in nanoseconds. */
    long now() {
        return ticker.getAsLong();
    }

    /** Adds a registration made by {@code factory} under a fresh id. */
    CallbackReceiver.Pending add(java.util.function.Function<String, CallbackReceiver.Pending> factory) {
        sweepIfDue();
        for (;;) {
            String id = RandomIds.newId();
            CallbackReceiver.Pending p = factory.apply(id);
            if (pending.putIfAbsent(id, p) == null) {
                return p;
            }
        }
    }

    /** Whether {@code id} is registered and waiting. */
    boolean contains(String id) {
        return pending.containsKey(id);
    }

    /** What became of a callback. */
    enum Delivery {
        /** A registration took it. */
        DELIVERED,
        /** Nobody waits under the id. */
        UNKNOWN,
        /** The registration's check refused the payload; it keeps waiting. */
        REFUSED
    }

    /**
     * Completes the registration {@code id} with {@code payload} when its check accepts the
     * payload; a refused payload leaves it waiting for the real answer.
     */
    Delivery deliver(String id, JsonNode payload) {
        CallbackReceiver.Pending p = pending.get(id);
        if (p == null) {
            return Delivery.UNKNOWN;
        }
        if (!p.accepts(payload)) {
            return Delivery.REFUSED;
        }
        return pending.remove(id, p) && p.complete(payload) ? Delivery.DELIVERED : Delivery.UNKNOWN;
    }

    /** Removes {@code p} and fails it with {@code reason}, unless it completed already; whether it was failed here. */
    boolean drop(CallbackReceiver.Pending p, Throwable reason) {
        pending.remove(p.id(), p);
        return p.fail(reason);
    }

    /** Fails every registration with {@code reason} (the receiver closes). */
    void dropAll(String reason) {
        for (CallbackReceiver.Pending p : pending.values()) {
            drop(p, new CancelledException(reason));
        }
    }

    int size() {
        return pending.size();
    }

    private long sweepInterval() {
        return Math.max(1_000_000L, expireNanos / 4);
    }

    /** Drops the registrations nobody awaited within the expiry, at most every quarter of it. */
    private void sweepIfDue() {
        long now = ticker.getAsLong();
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + sweepInterval())) {
            return;
        }
        for (CallbackReceiver.Pending p : pending.values()) {
            if (p.expired(now, expireNanos)) {
                drop(p, new CancelledException("callback registration " + p.id() + " expired: nobody awaited it within "
                        + Duration.ofNanos(expireNanos).toSeconds() + " s"));
            }
        }
    }
}
