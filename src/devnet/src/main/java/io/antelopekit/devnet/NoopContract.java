package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;

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
 *
 * <p>With it comes a resource payer, {@link Devnet#RESOURCE_PAYER} ({@code payer@cosign}): the
 * account {@code payer} with its dev key, and a permission {@code cosign} (child of
 * {@code active}, the same dev key) linked to {@code greymassnoop::noop} only, as a real
 * resource payer sets it up. It is not made when the genesis defines an account {@code payer}
 * itself (that one is used as given) or registers its own contract on {@code greymassnoop}.
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
        ChainState.Account a = BuiltIn.account(state, genesis, ACCOUNT, now);
        if (a == null) {
            return null;
        }
        BuiltIn.install(a, ABI, Abi.from(ABI), now);
        return new NoopContract();
    }

    /** The resource payer's account: {@code payer}. */
    static final Name PAYER = Name.from("payer");
    /** The resource payer's permission linked to {@code greymassnoop::noop}: {@code cosign}. */
    static final Name COSIGN = Name.from("cosign");

    /**
     * Creates the resource payer ({@code payer}, and {@code payer@cosign} linked to
     * {@code greymassnoop::noop}), all with the dev key of {@code payer}, unless the genesis
     * defines an account {@code payer}.
     */
    static void createPayer(ChainState state, Genesis genesis, TimePoint now) {
        for (Genesis.Account a : genesis.accounts()) {
            if (a.name().equals(PAYER)) {
                return;
            }
        }
        if (state.exists(PAYER)) {
            return;
        }
        DevAccount dev = DevAccount.of(PAYER);
        ChainState.Account payer = state.createAccount(PAYER, Chain.single(dev.publicKey()),
                Chain.single(dev.publicKey()), now);
        state.putPermission(payer, new ChainState.Permission(PAYER, COSIGN, ChainState.ACTIVE,
                Chain.single(dev.publicKey()), now));
        state.putLink(payer, new ChainState.LinkKey(ACCOUNT, NOOP), COSIGN);
    }

    /** Runs the action in {@code ctx}: {@code noop} does nothing; any other action is unknown. */
    void apply(ActionContext ctx) {
        if (!ctx.action.name().equals(NOOP)) {
            throw TokenContract.unknownAction();
        }
    }
}
