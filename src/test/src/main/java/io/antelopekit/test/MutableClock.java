package io.antelopekit.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves: give it to a component that takes a {@link Clock} (expirations,
 * limits) and {@link #advance} it instead of waiting.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** A clock showing {@code now} until advanced. */
    public MutableClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
