package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.crypto.Signature;

/**
 * The answer of {@code /v1/chain/get_block_info}: a block header without its transactions,
 * enough to take TAPoS values from.
 *
 * @param blockNum the block number (uint32)
 * @param refBlockNum its low 16 bits
 * @param id the block id
 * @param timestamp block time
 * @param producer the producer
 * @param confirmed number of blocks this one confirms (uint16)
 * @param previous id of the previous block
 * @param transactionMroot merkle root of the transaction receipts
 * @param actionMroot merkle root of the action receipts
 * @param scheduleVersion producer schedule version (uint32)
 * @param producerSignature the producer's signature
 * @param refBlockPrefix the {@code ref_block_prefix} of a transaction referring to this block
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockInfo(
        long blockNum,
        int refBlockNum,
        Checksum256 id,
        BlockTimestamp timestamp,
        Name producer,
        int confirmed,
        Checksum256 previous,
        Checksum256 transactionMroot,
        Checksum256 actionMroot,
        long scheduleVersion,
        Signature producerSignature,
        long refBlockPrefix) {
}
