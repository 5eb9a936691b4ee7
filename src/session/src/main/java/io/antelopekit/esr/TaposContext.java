package io.antelopekit.esr;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.TimePointSec;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@link SigningRequest#resolve} needs to fill in a request's transaction header (TAPoS):
 * either a reference block (its number and id prefix) and a timestamp the expiration is counted
 * from, or the explicit expiration and reference values; and, for a multi-chain request, the
 * chain chosen.
 *
 * <p>A request that carries its own TAPoS values ({@link SigningRequest#requiresTapos()} is
 * false) ignores them; a version 3 identity request uses only the expiration (the timestamp plus
 * {@code expireSeconds}, or the explicit one, or now plus 60 seconds).
 *
 * <pre>{@code
 * // from get_info / get_block of a recent block
 * TaposContext ctx = TaposContext.of(headBlockTime, 60, headBlockNum, refBlockPrefix);
 * // a multi-chain request, resolved for Telos
 * TaposContext telos = ctx.withChainId(Checksum256.from("4667b205c6838ef70ff7988f6e8257e8be0e1284a2f59699054a018f743b1d11"));
 * }</pre>
 */
public final class TaposContext {

    /** Seconds from the timestamp to the expiration when not given: 60. */
    public static final long DEFAULT_EXPIRE_SECONDS = 60;

    private static final TaposContext NONE = new TaposContext(null, DEFAULT_EXPIRE_SECONDS, -1, -1, -1, null, null);

    private final TimePointSec timestamp;
    private final long expireSeconds;
    private final long blockNum;
    private final int refBlockNum;
    private final long refBlockPrefix;
    private final TimePointSec expiration;
    private final Checksum256 chainId;

    private TaposContext(TimePointSec timestamp, long expireSeconds, long blockNum, int refBlockNum,
            long refBlockPrefix, TimePointSec expiration, Checksum256 chainId) {
        this.timestamp = timestamp;
        this.expireSeconds = expireSeconds;
        this.blockNum = blockNum;
        this.refBlockNum = refBlockNum;
        this.refBlockPrefix = refBlockPrefix;
        this.expiration = expiration;
        this.chainId = chainId;
    }

    /**
     * A reference block and the time the expiration is counted from.
     *
     * @param timestamp usually the head block's time
     * @param expireSeconds seconds from {@code timestamp} to the expiration (0..2^32-1)
     * @param blockNum the reference block's number (its low 16 bits become {@code ref_block_num})
     * @param refBlockPrefix the reference block's id prefix (uint32)
     * @throws IllegalArgumentException if a number is out of range
     */
    public static TaposContext of(TimePointSec timestamp, long expireSeconds, long blockNum, long refBlockPrefix) {
        Objects.requireNonNull(timestamp, "timestamp");
        checkUInt32("expireSeconds", expireSeconds);
        checkUInt32("blockNum", blockNum);
        checkUInt32("refBlockPrefix", refBlockPrefix);
        return new TaposContext(timestamp, expireSeconds, blockNum, -1, refBlockPrefix, null, null);
    }

    /**
     * Explicit header values.
     *
     * @param expiration the transaction's expiration
     * @param refBlockNum {@code ref_block_num} (its low 16 bits are used)
     * @param refBlockPrefix {@code ref_block_prefix} (uint32)
     * @throws IllegalArgumentException if a number is out of range
     */
    public static TaposContext explicit(TimePointSec expiration, long refBlockNum, long refBlockPrefix) {
        Objects.requireNonNull(expiration, "expiration");
        checkUInt32("refBlockNum", refBlockNum);
        checkUInt32("refBlockPrefix", refBlockPrefix);
        return new TaposContext(null, DEFAULT_EXPIRE_SECONDS, -1, (int) (refBlockNum & 0xFFFF), refBlockPrefix,
                expiration, null);
    }

    /**
     * No TAPoS values: enough for identity requests (a version 3 one expires 60 seconds from now)
     * and for requests that carry their own.
     */
    public static TaposContext none() {
        return NONE;
    }

    private static void checkUInt32(String what, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + v + " is outside 0..4294967295");
        }
    }

    /** This context for a multi-chain request resolved on {@code chainId}. */
    public TaposContext withChainId(Checksum256 chainId) {
        Objects.requireNonNull(chainId, "chainId");
        return new TaposContext(timestamp, expireSeconds, blockNum, refBlockNum, refBlockPrefix, expiration, chainId);
    }

    /**
     * This context with the time the expiration is counted from (used when no explicit
     * expiration is set).
     */
    public TaposContext withTimestamp(TimePointSec timestamp, long expireSeconds) {
        Objects.requireNonNull(timestamp, "timestamp");
        checkUInt32("expireSeconds", expireSeconds);
        return new TaposContext(timestamp, expireSeconds, blockNum, refBlockNum, refBlockPrefix, expiration, chainId);
    }

    /**
     * This context with an explicit expiration (it wins over {@link #timestamp()}); a request
     * that needs TAPoS values also needs {@code ref_block_num} and {@code ref_block_prefix}, see
     * {@link #explicit}.
     */
    public TaposContext withExpiration(TimePointSec expiration) {
        Objects.requireNonNull(expiration, "expiration");
        return new TaposContext(timestamp, expireSeconds, blockNum, refBlockNum, refBlockPrefix, expiration, chainId);
    }

    /** The chain chosen for a multi-chain request. */
    public Optional<Checksum256> chainId() {
        return Optional.ofNullable(chainId);
    }

    /** The time the expiration is counted from. */
    public Optional<TimePointSec> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** Seconds from {@link #timestamp()} to the expiration. */
    public long expireSeconds() {
        return expireSeconds;
    }

    /** The reference block's number, when given as a block. */
    public OptionalLong blockNum() {
        return blockNum < 0 ? OptionalLong.empty() : OptionalLong.of(blockNum);
    }

    /** The explicit {@code ref_block_num}. */
    public OptionalInt refBlockNum() {
        return refBlockNum < 0 ? OptionalInt.empty() : OptionalInt.of(refBlockNum);
    }

    /** {@code ref_block_prefix}. */
    public OptionalLong refBlockPrefix() {
        return refBlockPrefix < 0 ? OptionalLong.empty() : OptionalLong.of(refBlockPrefix);
    }

    /** The explicit expiration. */
    public Optional<TimePointSec> expiration() {
        return Optional.ofNullable(expiration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaposContext c && Objects.equals(timestamp, c.timestamp) && expireSeconds == c.expireSeconds
                && blockNum == c.blockNum && refBlockNum == c.refBlockNum && refBlockPrefix == c.refBlockPrefix
                && Objects.equals(expiration, c.expiration) && Objects.equals(chainId, c.chainId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, expireSeconds, blockNum, refBlockNum, refBlockPrefix, expiration, chainId);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TaposContext[");
        if (expiration != null) {
            sb.append("expiration=").append(expiration).append(", ref_block_num=").append(refBlockNum);
        } else if (timestamp != null) {
            sb.append("timestamp=").append(timestamp).append("+").append(expireSeconds).append("s");
            if (blockNum >= 0) {
                sb.append(", block_num=").append(blockNum);
            }
        } else {
            sb.append("none");
        }
        if (refBlockPrefix >= 0) {
            sb.append(", ref_block_prefix=").append(refBlockPrefix);
        }
        if (chainId != null) {
            sb.append(", chain_id=").append(chainId);
        }
        return sb.append(']').toString();
    }
}
