package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.nio.charset.StandardCharsets;

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

    /**
     * Sets the contract on its account as a {@code setcode}/{@code setabi} at genesis would: the
     * ABI, a code hash of its own (the devnet runs no WASM) and the first sequences.
     */
    static void install(ChainState.Account a, AbiDefinition definition, Abi compiled, TimePoint now) {
        a.abi = definition.encode();
        a.compiledAbi = compiled;
        a.abiSequence = 1;
        a.codeHash = Checksum256.hash(("antelopekit devnet " + a.name).getBytes(StandardCharsets.UTF_8));
        a.codeSequence = 1;
        a.lastCodeUpdate = now;
    }
}
