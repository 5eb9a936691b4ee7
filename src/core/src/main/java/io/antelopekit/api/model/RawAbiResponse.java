package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import java.util.Base64;

/**
 * The answer of {@code /v1/chain/get_raw_abi}: a contract's ABI in its binary form, base64
 * encoded, with the hashes of its code and ABI.
 *
 * <pre>{@code
 * RawAbiResponse raw = ChainJson.mapper().readValue(body, RawAbiResponse.class);
 * AbiDefinition abi = raw.abiDefinition();
 * }</pre>
 *
 * @param accountName the contract account
 * @param codeHash sha256 of its code (zero if it has none)
 * @param abiHash sha256 of its binary ABI
 * @param abiBase64 its binary ABI in base64 (JSON {@code abi}), empty if it has none
 */
public record RawAbiResponse(
        @JsonProperty("account_name") Name accountName,
        @JsonProperty("code_hash") Checksum256 codeHash,
        @JsonProperty("abi_hash") Checksum256 abiHash,
        @JsonProperty("abi") String abiBase64) {

    /**
     * The binary ABI.
     *
     * <p>Padding is ignored, as the node ignores it: some nodes write too many {@code =}.
     *
     * @return a new array with the decoded bytes, empty when the account has no ABI
     * @throws InvalidValueException if the node sent something that is not base64
     */
    public byte[] abiBytes() {
        if (abiBase64 == null) {
            return new byte[0];
        }
        // Nodes' base64 writer pads some lengths wrongly ("AAAAA===", 681 characters); like the
        // node's reader, ignore the padding and decode what is before it.
        int end = abiBase64.length();
        while (end > 0 && abiBase64.charAt(end - 1) == '=') {
            end--;
        }
        if (end % 4 == 1) {
            throw new InvalidValueException("get_raw_abi of " + accountName + ": field abi is not base64: "
                    + end + " characters before the padding leave a lone character at the end");
        }
        try {
            return Base64.getDecoder().decode(abiBase64.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("get_raw_abi of " + accountName + ": field abi is not base64: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The binary ABI decoded into an {@link AbiDefinition}, on each call (keep the result).
     *
     * @return the ABI, or {@code null} when the account has none
     * @throws InvalidValueException if the node sent something that is not base64
     * @throws AbiSerializationException if the bytes are not a valid binary ABI
     */
    public AbiDefinition abiDefinition() {
        byte[] bytes = abiBytes();
        return bytes.length == 0 ? null : AbiDefinition.decode(bytes);
    }
}
