package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import java.util.List;

/**
 * The receipt of an executed action.
 *
 * @param receiver the account whose code ran it
 * @param actDigest sha256 of the action
 * @param globalSequence chain-wide action sequence number (uint64)
 * @param recvSequence the receiver's action sequence number (uint64)
 * @param authSequence per authorizer sequence numbers
 * @param codeSequence the receiver's code version (varuint32)
 * @param abiSequence the receiver's ABI version (varuint32)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionReceipt(
        Name receiver,
        Checksum256 actDigest,
        @Int64 long globalSequence,
        @Int64 long recvSequence,
        List<AuthSequence> authSequence,
        long codeSequence,
        long abiSequence) {

    /** Copies the list. */
    public ActionReceipt {
        authSequence = Models.copy(authSequence);
    }
}
