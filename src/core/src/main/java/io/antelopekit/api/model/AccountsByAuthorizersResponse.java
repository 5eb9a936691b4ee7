package io.antelopekit.api.model;

import java.util.List;

/**
 * The answer of {@code /v1/chain/get_accounts_by_authorizers}: permissions that list given
 * keys or accounts in their authority.
 *
 * @param accounts one entry per permission and authorizer
 */
public record AccountsByAuthorizersResponse(List<AuthorizedAccount> accounts) {

    /** Copies the list. */
    public AccountsByAuthorizersResponse {
        accounts = Models.copy(accounts);
    }
}
