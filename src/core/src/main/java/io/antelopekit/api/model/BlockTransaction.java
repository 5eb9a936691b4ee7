package io.antelopekit.api.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A transaction receipt in a {@link BlockResponse}.
 *
 * @param status {@code executed}, {@code soft_fail}, {@code hard_fail}, {@code delayed} or
 *     {@code expired}
 * @param cpuUsageUs CPU billed, in microseconds (uint32)
 * @param netUsageWords NET billed, in 8-byte words (uint32)
 * @param trx the transaction, or only its id for a deferred one (JSON: the id string)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockTransaction(
        String status,
        long cpuUsageUs,
        long netUsageWords,
        @JsonSerialize(using = BlockTransaction.TrxSerializer.class) BlockTrx trx) {

    /** Writes an id-only {@link BlockTrx} as the bare id string, as the node does. */
    static final class TrxSerializer extends StdSerializer<BlockTrx> {

        private static final long serialVersionUID = 1L;

        TrxSerializer() {
            super(BlockTrx.class);
        }

        @Override
        public void serialize(BlockTrx trx, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (trx.isIdOnly()) {
                provider.defaultSerializeValue(trx.id(), gen);
            } else {
                provider.defaultSerializeValue(trx, gen);
            }
        }
    }
}
