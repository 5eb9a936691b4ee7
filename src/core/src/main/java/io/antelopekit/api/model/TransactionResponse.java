package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;

/**
 * The answer of {@code push_transaction}, {@code send_transaction}, {@code send_transaction2},
 * {@code compute_transaction} and {@code send_read_only_transaction}: the transaction id and
 * its trace.
 *
 * <pre>{@code
 * TransactionResponse r = ChainJson.mapper().readValue(body, TransactionResponse.class);
 * long block = r.processed().blockNum();
 * }</pre>
 *
 * @param transactionId the transaction id
 * @param processed what the node did with it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionResponse(Checksum256 transactionId, TransactionTrace processed) {
}
