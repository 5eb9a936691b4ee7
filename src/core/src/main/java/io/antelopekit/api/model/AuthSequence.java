package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.antelopekit.chain.Name;

/**
 * An authorizer's sequence number in an {@link ActionReceipt}; JSON {@code ["account", 42]}.
 *
 * @param account the authorizing account
 * @param sequence its authorization sequence number (uint64)
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"account", "sequence"})
public record AuthSequence(Name account, @Int64 long sequence) {
}
