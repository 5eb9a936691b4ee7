package io.antelopekit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import java.util.Objects;

/**
 * A contract table row a block wrote or removed, as {@link BlockStream#tableDeltas(TableFilter)}
 * emits it (from a state history node's {@code contract_row} deltas), its value decoded through
 * the contract's ABI.
 *
 * <pre>{@code
 * stream.tableDeltas(TableFilter.all().code("eosio.token").table("accounts"))
 *         .subscribe(d -> log.info("{} holds {}", d.scope(), d.present() ? d.value().path("balance") : "nothing"));
 * }</pre>
 *
 * @param blockNum     the block number
 * @param blockId      the block id
 * @param timestamp    the block's time
 * @param irreversible whether the block was irreversible when sent
 * @param undoneFrom   0, or the number of the first block whose rows, emitted before this one, are
 *                     no longer on the chain (following the head, the chain switched forks): undo
 *                     what was done for the rows of blocks from this number on before handling this
 *                     one. Said once, on the first row after the switch
 * @param code         the contract
 * @param scope        the table's scope
 * @param table        the table
 * @param primaryKey   the row's primary key, unsigned ({@link Long#toUnsignedString(long)})
 * @param payer        who pays for the row's RAM
 * @param present      {@code true} when the row was written, {@code false} when it was removed (its
 *                     value is then the one it had)
 * @param rawValue     the row's binary value
 * @param value        the value decoded through the contract's ABI as JSON, or a missing node when
 *                     the contract has no ABI or the value does not decode with it
 */
public record TableDelta(long blockNum, Checksum256 blockId, BlockTimestamp timestamp, boolean irreversible,
        long undoneFrom, Name code, Name scope, Name table, long primaryKey, Name payer, boolean present, Bytes rawValue,
        JsonNode value) {

    /** Checks the values. */
    public TableDelta {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(rawValue, "rawValue");
        Objects.requireNonNull(value, "value");
        if (undoneFrom < 0 || undoneFrom > blockNum) {
            throw new IllegalArgumentException("undoneFrom must be 0 or at most blockNum " + blockNum + ": " + undoneFrom);
        }
    }

    /** Whether {@link #value()} holds the decoded value. */
    public boolean isDecoded() {
        return !value.isMissingNode();
    }

    /**
     * The decoded value read into {@code type} by {@link ChainJson#mapper()}.
     *
     * @throws IllegalStateException if the value was not decoded
     * @throws IllegalArgumentException if it does not fit {@code type}
     */
    public <T> T value(Class<T> type) {
        if (!isDecoded()) {
            throw new IllegalStateException("the row " + this + " was not decoded: the contract has no ABI that reads it");
        }
        return ChainJson.mapper().convertValue(value, type);
    }

    /** The checkpoint after this row's whole block. */
    public Checkpoint blockCheckpoint() {
        return Checkpoint.afterBlock(blockNum, blockId);
    }

    /** Where the row is; not its value. */
    @Override
    public String toString() {
        return "TableDelta[" + code + "/" + scope + "/" + table + "/" + Long.toUnsignedString(primaryKey)
                + (present ? "" : " removed") + " at block " + blockNum + (undoneFrom > 0 ? ", undoes from " + undoneFrom : "")
                + "]";
    }
}
