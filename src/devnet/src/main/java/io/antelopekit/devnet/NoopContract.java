package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.nio.charset.StandardCharsets;

/**
 * The no-op contract on {@code greymassnoop}: one action, {@code noop}, with no arguments, that
 * does nothing. A resource payer (Greymass Fuel and services like it) puts it first in a
 * transaction it pays for, authorized by its own account: the chain bills CPU and NET to the
 * first authorizer of the first action, so the payer's account pays. The chain checks the
 * action's declared authorization against the transaction's signatures like any other's.
 *
 * <p>The devnet deploys it at genesis (account {@code greymassnoop} with its dev key, unless the
 * genesis gives that account other keys), except when the genesis registers its own contract on
 * that account. As a CDT contract's dispatcher does, {@code noop} ignores any data after its
 * (empty) arguments; any other action fails as an unknown action does.
 */
final class NoopContract {

    /** The contract account: {@code greymassnoop}. */
    static final Name ACCOUNT = Name.from("greymassnoop");
    /** Its one action: {@code noop}. */
    static final Name NOOP = Name.from("noop");

    private static final AbiDefinition ABI = AbiDefinition.fromJson("{\"version\":\"eosio::abi/1.2\",\"types\":[],"
            + "\"structs\":[{\"name\":\"noop\",\"base\":\"\",\"fields\":[]}],"
            + "\"actions\":[{\"name\":\"noop\",\"type\":\"noop\",\"ricardian_contract\":\"\"}],"
            + "\"tables\":[],\"ricardian_clauses\":[],\"variants\":[],\"action_results\":[]}");

    private NoopContract() {
    }

    /**
     * Deploys the contract on {@link #ACCOUNT} (creating the account with its dev key if the
     * genesis has none), or does nothing when the genesis registers its own contract there.
     *
     * @return the deployed contract, or {@code null} when not deployed
     */
    static NoopContract deploy(ChainState state, Genesis genesis, TimePoint now) {
        for (Genesis.Contract c : genesis.contracts()) {
            if (c.account().equals(ACCOUNT)) {
                return null;
            }
        }
        ChainState.Account a = state.account(ACCOUNT);
        if (a == null) {
            DevAccount dev = DevAccount.of(ACCOUNT);
            a = state.createAccount(ACCOUNT, Chain.single(dev.publicKey()), Chain.single(dev.publicKey()), now);
        }
        a.abi = ABI.encode();
        a.compiledAbi = Abi.from(ABI);
        a.abiSequence = 1;
        a.codeHash = Checksum256.hash(("antelopekit devnet " + ACCOUNT).getBytes(StandardCharsets.UTF_8));
        a.codeSequence = 1;
        a.lastCodeUpdate = now;
        return new NoopContract();
    }

    /** Runs the action in {@code ctx}: {@code noop} does nothing; any other action is unknown. */
    void apply(ActionContext ctx) {
        if (!ctx.action.name().equals(NOOP)) {
            throw TokenContract.unknownAction();
        }
    }
}
