package io.antelopekit.esr;

import io.antelopekit.chain.Name;
import io.antelopekit.crypto.Signature;
import java.util.Objects;

/**
 * The optional signature of a signing request: who vouches for it ({@code signer}, an account
 * name) and their signature of {@link SigningRequest#signatureDigest()}.
 *
 * @param signer the account that signed the request
 * @param signature the signature of the request's signature digest
 */
public record RequestSignature(Name signer, Signature signature) {

    /**
     * @throws NullPointerException if either part is null
     */
    public RequestSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signature, "signature");
    }
}
