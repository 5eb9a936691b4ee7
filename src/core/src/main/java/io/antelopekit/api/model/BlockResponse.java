package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.crypto.Signature;
import java.util.List;

/**
 * The answer of {@code /v1/chain/get_block}: a signed block with its transactions.
 *
 * <pre>{@code
 * BlockResponse block = ChainJson.mapper().readValue(body, BlockResponse.class);
 * for (BlockTransaction t : block.transactions()) { ... }
 * }</pre>
 *
 * @param timestamp block time (half-second slots)
 * @param producer the producer
 * @param confirmed number of blocks this one confirms (uint16)
 * @param previous id of the previous block
 * @param transactionMroot merkle root of the transaction receipts
 * @param actionMroot merkle root of the action receipts
 * @param scheduleVersion producer schedule version (uint32)
 * @param newProducers a new producer schedule proposed in this block, or {@code null}
 * @param headerExtensions header extensions as {@code [type, hex]} pairs, on nodes that send them
 * @param producerSignature the producer's signature
 * @param transactions the transaction receipts
 * @param blockExtensions block extensions as {@code [type, hex]} pairs, on nodes that send them
 * @param id the block id
 * @param blockNum the block number (uint32)
 * @param refBlockPrefix the {@code ref_block_prefix} of a transaction referring to this block
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockResponse(
        BlockTimestamp timestamp,
        Name producer,
        int confirmed,
        Checksum256 previous,
        Checksum256 transactionMroot,
        Checksum256 actionMroot,
        long scheduleVersion,
        ProducerSchedule newProducers,
        List<JsonNode> headerExtensions,
        Signature producerSignature,
        List<BlockTransaction> transactions,
        List<JsonNode> blockExtensions,
        Checksum256 id,
        long blockNum,
        long refBlockPrefix) {

    /** Copies the lists. */
    public BlockResponse {
        headerExtensions = Models.copy(headerExtensions);
        transactions = Models.copy(transactions);
        blockExtensions = Models.copy(blockExtensions);
    }
}
