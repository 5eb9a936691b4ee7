package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A UTC instant in whole seconds since 1970-01-01T00:00:00 (ABI {@code time_point_sec},
 * uint32, so up to 2106-02-07T06:28:15), such as a transaction's expiration.
 *
 * <pre>{@code
 * TimePointSec expiration = TimePointSec.fromInstant(Instant.now().plusSeconds(60));
 * TimePointSec.from("2065-08-01T12:32:41").seconds();   // 3016881161
 * }</pre>
 */
public final class TimePointSec implements BinaryEncodable, Comparable<TimePointSec> {

    private static final String TYPE = "time_point_sec";
    private static final long MAX = 0xFFFF_FFFFL;

    private final long seconds;

    private TimePointSec(long seconds) {
        this.seconds = seconds;
    }

    /**
     * The instant {@code seconds} after 1970-01-01T00:00:00 UTC.
     *
     * @throws InvalidValueException unless {@code seconds} is 0 to 2^32-1
     */
    public static TimePointSec of(long seconds) {
        if (seconds < 0 || seconds > MAX) {
            throw new InvalidValueException(TYPE + " " + seconds + " is out of range 0 to " + MAX + " seconds");
        }
        return new TimePointSec(seconds);
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss}, optionally with a trailing {@code Z}; a fraction is
     * accepted only if it is zero.
     *
     * @throws InvalidValueException if the string is malformed, has a fraction of a second, or is
     *     out of range
     */
    @JsonCreator
    public static TimePointSec from(String time) {
        Objects.requireNonNull(time, "time");
        long micros = TimeFormat.parseMicros(TYPE, time);
        if (micros % TimeFormat.MICROS_PER_SECOND != 0) {
            throw new InvalidValueException(TYPE + " " + Quote.of(time) + " has a fraction of a second; " + TYPE
                    + " holds whole seconds");
        }
        long seconds = micros / TimeFormat.MICROS_PER_SECOND;
        if (seconds < 0 || seconds > MAX) {
            throw new InvalidValueException(TYPE + " " + Quote.of(time)
                    + " is out of range 1970-01-01T00:00:00 to 2106-02-07T06:28:15");
        }
        return new TimePointSec(seconds);
    }

    /**
     * The instant's whole seconds (any fraction is dropped).
     *
     * @throws InvalidValueException if the instant is before 1970 or after 2106-02-07T06:28:15
     */
    public static TimePointSec fromInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > MAX) {
            throw new InvalidValueException(TYPE + " cannot hold " + instant
                    + ": out of range 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z");
        }
        return new TimePointSec(seconds);
    }

    /** Reads a uint32. */
    public static TimePointSec decode(BinaryReader in) {
        return new TimePointSec(in.readUInt32());
    }

    /** Seconds since 1970-01-01T00:00:00 UTC, 0 to 2^32-1. */
    public long seconds() {
        return seconds;
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds);
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt32((int) seconds);
    }

    @Override
    public int compareTo(TimePointSec other) {
        return Long.compare(seconds, other.seconds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimePointSec other && other.seconds == seconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seconds);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} in UTC, without a fraction or zone. */
    @JsonValue
    @Override
    public String toString() {
        return TimeFormat.format(seconds, -1);
    }
}
