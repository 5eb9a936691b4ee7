package io.antelopekit.example.webapp;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;

import java.util.List;
import java.util.Objects;

/**
 * What the application runs with: its chain, the address wallets and browsers reach it at, the
 * service's account, and whether the devnet test wallet answers signing requests on the page.
 *
 * @param chainId the chain
 * @param chainName the chain's name, as shown
 * @param publicUrl the application's address without a trailing {@code /}, such as {@code http://127.0.0.1:8080}
 * @param serviceAccount the service's account and permission
 * @param devWallet whether the page offers the devnet test wallet
 * @param devAccounts the accounts the devnet test wallet answers for (empty without it)
 */
public record WebAppSettings(Checksum256 chainId, String chainName, String publicUrl, PermissionLevel serviceAccount,
        boolean devWallet, List<String> devAccounts) {

    /** Checks and copies the values. */
    public WebAppSettings {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(chainName, "chainName");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        devAccounts = devWallet ? List.copyOf(devAccounts) : List.of();
    }
}
