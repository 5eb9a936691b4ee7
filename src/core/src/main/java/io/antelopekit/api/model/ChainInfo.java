package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.util.Objects;

/**
 * The answer of {@code /v1/chain/get_info}: the chain's id and its head and last irreversible
 * blocks, plus the TAPoS values a transaction header takes from them.
 *
 * <pre>{@code
 * ChainInfo info = ChainJson.mapper().readValue(body, ChainInfo.class);
 * int refBlockNum = info.refBlockNum(ChainInfo.TaposBlock.LAST_IRREVERSIBLE);
 * long refBlockPrefix = info.refBlockPrefix(ChainInfo.TaposBlock.LAST_IRREVERSIBLE);
 * }</pre>
 *
 * <p>Fields that older nodes do not send ({@code fork_db_head_block_num} and later ones) are
 * {@code null} there.
 *
 * @param serverVersion short git hash of the node build
 * @param chainId the chain id
 * @param headBlockNum head block number (uint32)
 * @param lastIrreversibleBlockNum last irreversible block number (uint32)
 * @param lastIrreversibleBlockId last irreversible block id
 * @param headBlockId head block id
 * @param headBlockTime head block time
 * @param headBlockProducer producer of the head block
 * @param virtualBlockCpuLimit virtual block CPU limit
 * @param virtualBlockNetLimit virtual block NET limit
 * @param blockCpuLimit block CPU limit
 * @param blockNetLimit block NET limit
 * @param serverVersionString node version, such as {@code v5.0.0}
 * @param forkDbHeadBlockNum fork database head block number
 * @param forkDbHeadBlockId fork database head block id
 * @param serverFullVersionString node version with the full git hash
 * @param totalCpuWeight total staked CPU weight
 * @param totalNetWeight total staked NET weight
 * @param earliestAvailableBlockNum earliest block the node still has
 * @param lastIrreversibleBlockTime time of the last irreversible block
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChainInfo(
        String serverVersion,
        Checksum256 chainId,
        long headBlockNum,
        long lastIrreversibleBlockNum,
        Checksum256 lastIrreversibleBlockId,
        Checksum256 headBlockId,
        TimePoint headBlockTime,
        Name headBlockProducer,
        @Int64 long virtualBlockCpuLimit,
        @Int64 long virtualBlockNetLimit,
        @Int64 long blockCpuLimit,
        @Int64 long blockNetLimit,
        String serverVersionString,
        Long forkDbHeadBlockNum,
        Checksum256 forkDbHeadBlockId,
        String serverFullVersionString,
        @Int64 Long totalCpuWeight,
        @Int64 Long totalNetWeight,
        Long earliestAvailableBlockNum,
        TimePoint lastIrreversibleBlockTime) {

    /** Which block a transaction's TAPoS fields refer to. */
    public enum TaposBlock {
        /** The head block: the freshest, but it may still be forked out. */
        HEAD,
        /** The last irreversible block: never forked out. */
        LAST_IRREVERSIBLE
    }

    /**
     * The number of the chosen block.
     *
     * @param which head or last irreversible
     * @return its block number
     */
    public long blockNum(TaposBlock which) {
        return Objects.requireNonNull(which, "which") == TaposBlock.HEAD ? headBlockNum : lastIrreversibleBlockNum;
    }

    /**
     * The id of the chosen block.
     *
     * @param which head or last irreversible
     * @return its block id
     */
    public Checksum256 blockId(TaposBlock which) {
        return Objects.requireNonNull(which, "which") == TaposBlock.HEAD ? headBlockId : lastIrreversibleBlockId;
    }

    /**
     * The {@code ref_block_num} of a transaction that refers to the chosen block.
     *
     * @param which head or last irreversible
     * @return the low 16 bits of its block number
     */
    public int refBlockNum(TaposBlock which) {
        return refBlockNum(blockNum(which));
    }

    /**
     * The {@code ref_block_prefix} of a transaction that refers to the chosen block.
     *
     * @param which head or last irreversible
     * @return bytes 8 to 11 of its block id, read as a little-endian uint32
     * @throws InvalidValueException if the node sent no id for that block
     */
    public long refBlockPrefix(TaposBlock which) {
        Checksum256 id = blockId(which);
        if (id == null) {
            throw new InvalidValueException("get_info has no block id for " + which + " block");
        }
        return refBlockPrefix(id);
    }

    /**
     * The {@code ref_block_num} for a block number.
     *
     * @param blockNum a block number
     * @return its low 16 bits, 0 to 65535
     */
    public static int refBlockNum(long blockNum) {
        return (int) (blockNum & 0xffff);
    }

    /**
     * The {@code ref_block_prefix} for a block id.
     *
     * @param blockId a block id
     * @return bytes 8 to 11 of the id, read as a little-endian uint32
     */
    public static long refBlockPrefix(Checksum256 blockId) {
        return refBlockPrefix(Objects.requireNonNull(blockId, "blockId").toString());
    }

    /**
     * The {@code ref_block_prefix} for a block id in hex.
     *
     * @param blockIdHex a block id, 64 hex digits
     * @return bytes 8 to 11 of the id, read as a little-endian uint32
     * @throws InvalidValueException if {@code blockIdHex} is not 64 hex digits
     */
    public static long refBlockPrefix(String blockIdHex) {
        Objects.requireNonNull(blockIdHex, "blockIdHex");
        if (blockIdHex.length() != 64) {
            throw new InvalidValueException("block id \"" + blockIdHex + "\" is " + blockIdHex.length()
                    + " characters, expected 64 hex digits");
        }
        byte[] id = Hex.decode("block id", blockIdHex);
        return (id[8] & 0xFFL) | (id[9] & 0xFFL) << 8 | (id[10] & 0xFFL) << 16 | (id[11] & 0xFFL) << 24;
    }
}
