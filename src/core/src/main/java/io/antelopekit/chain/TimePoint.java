package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A UTC instant in microseconds since 1970-01-01T00:00:00 (ABI {@code time_point}, int64).
 *
 * <p>The string form is the node's: {@code yyyy-MM-ddTHH:mm:ss.SSS}, in milliseconds, without a
 * zone. Like the node it drops (floors) the microseconds below a millisecond, so
 * {@code from(toString())} equals the original only when that part is zero.
 *
 * <pre>{@code
 * TimePoint t = TimePoint.from("2011-04-12T12:40:37.060");
 * t.micros();     // 1302612037060000
 * t.toString();   // "2011-04-12T12:40:37.060"
 * }</pre>
 */
public final class TimePoint implements BinaryEncodable, Comparable<TimePoint> {

    private static final String TYPE = "time_point";

    private final long micros;

    private TimePoint(long micros) {
        this.micros = micros;
    }

    /** The time point {@code micros} microseconds after 1970-01-01T00:00:00 UTC. */
    public static TimePoint of(long micros) {
        return new TimePoint(micros);
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss}, optionally with a fraction of 1 to 6 digits and a
     * trailing {@code Z}; always UTC.
     *
     * @throws InvalidValueException naming the string and the offending index
     */
    @JsonCreator
    public static TimePoint from(String time) {
        Objects.requireNonNull(time, "time");
        return new TimePoint(TimeFormat.parseMicros(TYPE, time));
    }

    /**
     * The time point of {@code instant}, dropping nanoseconds below a microsecond.
     *
     * @throws InvalidValueException if the instant is outside the int64 microsecond range
     */
    public static TimePoint fromInstant(Instant instant) {
        try {
            return new TimePoint(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), TimeFormat.MICROS_PER_SECOND),
                    instant.getNano() / 1000));
        } catch (ArithmeticException e) {
            throw new InvalidValueException(TYPE + " cannot hold " + instant + ": outside the int64 microsecond range", e);
        }
    }

    /** Reads an int64. */
    public static TimePoint decode(BinaryReader in) {
        return new TimePoint(in.readInt64());
    }

    /** Microseconds since 1970-01-01T00:00:00 UTC. */
    public long micros() {
        return micros;
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(Math.floorDiv(micros, TimeFormat.MICROS_PER_SECOND),
                Math.floorMod(micros, TimeFormat.MICROS_PER_SECOND) * 1000);
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt64(micros);
    }

    @Override
    public int compareTo(TimePoint other) {
        return Long.compare(micros, other.micros);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimePoint other && other.micros == micros;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(micros);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC, without a zone. */
    @JsonValue
    @Override
    public String toString() {
        long millis = Math.floorDiv(micros, 1000L);
        return TimeFormat.format(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L));
    }
}
