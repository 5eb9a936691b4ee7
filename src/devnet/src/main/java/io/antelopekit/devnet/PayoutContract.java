package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.KeyWeight;
import io.antelopekit.api.model.PermissionLevelWeight;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.transaction.Action;
import java.util.List;

/**
 * The built-in contract that sends an inline action: {@code kitpayout::pay(to, quantity, memo)},
 * authorized by {@code kitpayout}, sends {@code eosio.token::transfer} from {@code kitpayout} to
 * {@code to} as an inline action (authorized by {@code kitpayout@active}, whose authority holds
 * {@code kitpayout@eosio.code} as a contract's must). One transaction then holds the top-level
 * {@code pay}, the inline {@code transfer} and its notifications to {@code kitpayout} and
 * {@code to}, with the node's ordinals. The account has its dev key and no tokens at genesis
 * (issuing them would change the core token's supply every devnet starts with): send it some
 * first.
 */
final class PayoutContract {

    static final Name ACCOUNT = Name.from("kitpayout");
    static final Name PAY = Name.from("pay");

    private PayoutContract() {
    }

    /** Deploys the contract (ABI, code hash, the {@code eosio.code} permission); {@code false} when the genesis has its own. */
    static boolean deploy(ChainState state, Genesis genesis, TimePoint now) {
        ChainState.Account a = BuiltIn.account(state, genesis, ACCOUNT, now);
        if (a == null) {
            return false;
        }
        AbiDefinition definition = Resources.payoutAbi();
        BuiltIn.install(a, definition, Abi.from(definition), now);
        ChainState.Permission active = a.permissions.get(ChainState.ACTIVE);
        List<KeyWeight> keys = active.auth.keys();
        active.auth = new Authority(1, keys, List.of(new PermissionLevelWeight(
                new PermissionLevel(ACCOUNT, ChainState.EOSIO_CODE), 1)), List.of());
        return true;
    }

    /** Runs {@code pay}: checks the authority and sends the inline transfer. */
    static void apply(ActionContext ctx, Name tokenContract) {
        if (!ctx.action.name().equals(PAY)) {
            throw TokenContract.unknownAction();
        }
        ctx.requireAuth(ACCOUNT);
        ActionContext.Data in = ctx.data();
        Name to = in.name();
        long amount = in.int64();
        long symbol = in.int64();
        byte[] memo;
        try {
            memo = in.reader().readBytesWithLength();
        } catch (RuntimeException e) {
            throw NodeError.check("datastream attempted to read past the end");
        }
        BinaryWriter data = new BinaryWriter(40 + memo.length);
        ACCOUNT.encode(data);
        to.encode(data);
        data.writeInt64(amount).writeInt64(symbol).writeBytesWithLength(memo);
        ctx.sendInline(Action.of(tokenContract, TokenContract.TRANSFER,
                List.of(new PermissionLevel(ACCOUNT, ChainState.ACTIVE)), Bytes.of(data.toByteArray())));
    }
}
