package io.antelopekit.plugin;

import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.chain.ChainDefinition;

import java.util.Objects;

/**
 * An account an {@link AccountCreationPlugin} created.
 *
 * @param chain the chain it lives on
 * @param accountName its name
 * @param publicKey the key of its owner and active permissions, or {@code null} when the plugin does not tell
 * @param privateKey the private key of {@code publicKey} when the plugin made the key pair, else
 *     {@code null}; its {@code toString} never shows the secret
 */
public record CreateAccountResponse(ChainDefinition chain, Name accountName, PublicKey publicKey,
        PrivateKey privateKey) {

    public CreateAccountResponse {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(accountName, "accountName");
    }

    /** An account with its name only. */
    public static CreateAccountResponse of(ChainDefinition chain, Name accountName) {
        return new CreateAccountResponse(chain, accountName, null, null);
    }
}
