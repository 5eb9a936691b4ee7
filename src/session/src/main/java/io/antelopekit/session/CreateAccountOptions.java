package io.antelopekit.session;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PublicKey;

/**
 * Options of {@link SessionKit#createAccount(CreateAccountOptions)}; any may be {@code null}.
 *
 * <pre>{@code
 * kit.createAccount(new CreateAccountOptions("devnet", chainId, Name.from("newuser1"), null))
 * }</pre>
 *
 * @param pluginId the account creation plugin to use (asked of the user when several and none given)
 * @param chain the chain to create the account on
 * @param accountName the name wanted (the plugin picks one when {@code null})
 * @param publicKey the key of the new account (the plugin makes a key pair when {@code null}, if it can)
 */
public record CreateAccountOptions(String pluginId, Checksum256 chain, Name accountName, PublicKey publicKey) {

    /** Nothing given. */
    public static final CreateAccountOptions DEFAULT = new CreateAccountOptions(null, null, null, null);

    public CreateAccountOptions withPluginId(String pluginId) {
        return new CreateAccountOptions(pluginId, chain, accountName, publicKey);
    }

    public CreateAccountOptions withChain(Checksum256 chain) {
        return new CreateAccountOptions(pluginId, chain, accountName, publicKey);
    }

    public CreateAccountOptions withAccountName(String accountName) {
        return new CreateAccountOptions(pluginId, chain, Name.from(accountName), publicKey);
    }

    public CreateAccountOptions withPublicKey(PublicKey publicKey) {
        return new CreateAccountOptions(pluginId, chain, accountName, publicKey);
    }
}
