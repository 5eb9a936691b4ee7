package io.antelopekit.devnet;

import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;

/** What the contracts built into the devnet (greymassnoop, kittest) share when they are deployed. */
final class BuiltIn {

    private BuiltIn() {
    }

    /**
     * The account a built-in contract is deployed on, created with its dev key if the genesis has
     * none; {@code null} when the genesis registers its own contract there (nothing to deploy).
     */
    static ChainState.Account account(ChainState state, Genesis genesis, Name account, TimePoint now) {
        for (Genesis.Contract c : genesis.contracts()) {
            if (c.account().equals(account)) {
                return null;
            }
        }
        ChainState.Account a = state.account(account);
        if (a == null) {
            DevAccount dev = DevAccount.of(account);
            a = state.createAccount(account, Chain.single(dev.publicKey()), Chain.single(dev.publicKey()), now);
        }
        return a;
    }
}
