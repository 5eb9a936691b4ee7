package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A block time (ABI {@code block_timestamp_type}, uint32): a count of 500 ms slots since
 * 2000-01-01T00:00:00 UTC. The string form always has milliseconds, {@code .000} or {@code .500}.
 *
 * <pre>{@code
 * BlockTimestamp t = BlockTimestamp.from("2023-08-04T18:49:32.500");
 * t.slot();   // 1470459865
 * }</pre>
 */
public final class BlockTimestamp implements BinaryEncodable, Comparable<BlockTimestamp> {

    /** Milliseconds between 1970-01-01 and the first slot, 2000-01-01T00:00:00 UTC. */
    public static final long EPOCH_MILLIS = 946_684_800_000L;
    /** Milliseconds per slot. */
    public static final long INTERVAL_MILLIS = 500L;

    private static final String TYPE = "block_timestamp_type";
    private static final long MAX = 0xFFFF_FFFFL;

    private final long slot;

    private BlockTimestamp(long slot) {
        this.slot = slot;
    }

    /**
     * The time of slot number {@code slot}.
     *
     * @throws InvalidValueException unless {@code slot} is 0 to 2^32-1
     */
    public static BlockTimestamp of(long slot) {
        if (slot < 0 || slot > MAX) {
            throw new InvalidValueException(TYPE + " slot " + slot + " is out of range 0 to " + MAX);
        }
        return new BlockTimestamp(slot);
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss.SSS} (fraction and trailing {@code Z} optional); the
     * time must fall on a slot: a whole or a half second from 2000-01-01T00:00:00 on.
     *
     * @throws InvalidValueException if the string is malformed, not on a slot or out of range
     */
    @JsonCreator
    public static BlockTimestamp from(String time) {
        Objects.requireNonNull(time, "time");
        long micros = TimeFormat.parseMicros(TYPE, time);
        long sinceEpoch = micros - EPOCH_MILLIS * 1000;
        if (Math.floorMod(sinceEpoch, INTERVAL_MILLIS * 1000) != 0) {
            throw new InvalidValueException(TYPE + " " + Quote.of(time)
                    + " is not on a 500 ms slot; expected a fraction of .000 or .500");
        }
        long slot = Math.floorDiv(sinceEpoch, INTERVAL_MILLIS * 1000);
        if (slot < 0 || slot > MAX) {
            throw new InvalidValueException(TYPE + " " + Quote.of(time)
                    + " is out of range 2000-01-01T00:00:00.000 to 2068-01-19T03:14:07.500");
        }
        return new BlockTimestamp(slot);
    }

    /**
     * The slot that holds {@code instant} (rounding down to a slot).
     *
     * @throws InvalidValueException if the instant is before 2000 or after 2068-01-19T03:14:07.500
     */
    public static BlockTimestamp fromInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        long maxSeconds = (EPOCH_MILLIS + MAX * INTERVAL_MILLIS) / 1000 + 1;
        long slot = -1;
        if (seconds >= EPOCH_MILLIS / 1000 && seconds <= maxSeconds) {
            long millis = seconds * 1000 + instant.getNano() / 1_000_000;
            slot = (millis - EPOCH_MILLIS) / INTERVAL_MILLIS;
        }
        if (slot < 0 || slot > MAX) {
            throw new InvalidValueException(TYPE + " cannot hold " + instant
                    + ": out of range 2000-01-01T00:00:00Z to 2068-01-19T03:14:07.500Z");
        }
        return new BlockTimestamp(slot);
    }

    /** Reads a uint32. */
    public static BlockTimestamp decode(BinaryReader in) {
        return new BlockTimestamp(in.readUInt32());
    }

    /** The number of 500 ms slots since 2000-01-01T00:00:00 UTC. */
    public long slot() {
        return slot;
    }

    public Instant toInstant() {
        return Instant.ofEpochMilli(EPOCH_MILLIS + slot * INTERVAL_MILLIS);
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeInt32((int) slot);
    }

    @Override
    public int compareTo(BlockTimestamp other) {
        return Long.compare(slot, other.slot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockTimestamp other && other.slot == slot;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(slot);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC, the fraction {@code .000} or {@code .500}. */
    @JsonValue
    @Override
    public String toString() {
        long millis = EPOCH_MILLIS + slot * INTERVAL_MILLIS;
        return TimeFormat.format(millis / 1000, (int) (millis % 1000));
    }
}
