package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.crypto.Signature;
import java.util.List;

/**
 * The {@code trx} of a block's transaction receipt: a packed transaction with its id and its
 * decoded form, or, for a deferred transaction, only its id (the node then sends the bare id
 * string and every other field is {@code null}).
 *
 * @param id the transaction id
 * @param signatures its signatures
 * @param compression {@code none} or {@code zlib}
 * @param packedContextFreeData packed context-free data, hex
 * @param contextFreeData context-free data entries, hex
 * @param packedTrx the packed transaction, hex
 * @param transaction the transaction decoded by the node
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockTrx(
        Checksum256 id,
        List<Signature> signatures,
        String compression,
        String packedContextFreeData,
        List<String> contextFreeData,
        String packedTrx,
        TransactionJson transaction) {

    /** Copies the lists. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public BlockTrx {
        signatures = Models.copy(signatures);
        contextFreeData = Models.copy(contextFreeData);
    }

    /**
     * The id-only form of a deferred transaction.
     *
     * @param id the transaction id, 64 hex digits
     * @return a {@code BlockTrx} with only its id
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BlockTrx ofId(String id) {
        return new BlockTrx(Checksum256.from(id), null, null, null, null, null, null);
    }

    /**
     * Whether the node sent only the id (a deferred transaction).
     *
     * @return true if every field but the id is {@code null}
     */
    @JsonIgnore
    public boolean isIdOnly() {
        return signatures == null && compression == null && packedContextFreeData == null
                && contextFreeData == null && packedTrx == null && transaction == null;
    }

    /**
     * The compression as a {@link Compression}.
     *
     * @return the compression, or {@code null} for an id-only transaction
     */
    public Compression compressionType() {
        return compression == null ? null : Compression.from(compression);
    }
}
