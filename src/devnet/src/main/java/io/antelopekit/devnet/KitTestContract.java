package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * {@code kittest}, the contract built into every devnet for tests of typed contracts (its ABI is
 * {@code kittest.abi.json}: aliases, struct bases, optionals, arrays, a variant, a binary
 * extension and an action result). It behaves as this CDT contract would:
 *
 * <pre>{@code
 * struct item { item_id id; name owner; double price; checksum256 hash; uint128_t rank;
 *               string label; vector<string> tags; optional<string> note; payload payload; };
 * typedef multi_index<"items"_n, item,
 *     indexed_by<"byowner"_n, const_mem_fun<item, uint64_t, &item::by_owner>>,      // 2: idx64
 *     indexed_by<"byprice"_n, const_mem_fun<item, double, &item::by_price>>,        // 3: idx_double
 *     indexed_by<"byhash"_n, const_mem_fun<item, checksum256, &item::by_hash>>,     // 4: idx256
 *     indexed_by<"byrank"_n, const_mem_fun<item, uint128_t, &item::by_rank>>> items; // 5: idx128
 *
 * [[eosio::action]] void setitem(name scope, item_id id, name owner, double price, checksum256 hash,
 *         uint128_t rank, string label, vector<string> tags, optional<string> note, payload payload,
 *         binary_extension<uint32_t> extra) {
 *     require_auth(owner);
 *     items t(get_self(), scope.value);
 *     auto it = t.find(id);
 *     if (it == t.end()) t.emplace(owner, ...);
 *     else { check(it->owner == owner, "item belongs to another owner"); t.modify(it, owner, ...); }
 * }
 * [[eosio::action]] void delitem(name scope, item_id id) {
 *     items t(get_self(), scope.value);
 *     auto it = t.find(id);
 *     check(it != t.end(), "item not found");
 *     require_auth(it->owner);
 *     t.erase(it);
 * }
 * [[eosio::action, eosio::read_only]] stats_result stats(name scope, name owner);
 *     // count and total price of the owner's items, and the id of the most expensive (lowest id on ties)
 * }</pre>
 *
 * <p>Its rows are the {@code item} struct's binary form, paid by the owner; {@code extra} is
 * accepted and ignored; data after the arguments is ignored, as a CDT dispatcher does.
 */
final class KitTestContract {

    /** The contract account: {@code kittest}. */
    static final Name ACCOUNT = Name.from("kittest");
    static final Name SETITEM = Name.from("setitem");
    static final Name DELITEM = Name.from("delitem");
    static final Name STATS = Name.from("stats");
    /** Its table: {@code items}. */
    static final Name ITEMS = Name.from("items");

    /** Secondary index 2 (the first secondary): the owner. */
    static final int BY_OWNER = 0;
    /** Secondary index 3: the price. */
    static final int BY_PRICE = 1;
    /** Secondary index 4: the hash. */
    static final int BY_HASH = 2;
    /** Secondary index 5: the rank. */
    static final int BY_RANK = 3;

    private final Abi abi;

    private KitTestContract(Abi abi) {
        this.abi = abi;
    }

    /**
     * Deploys the contract on {@link #ACCOUNT} (creating the account with its dev key if the
     * genesis has none), or does nothing when the genesis registers its own contract there.
     *
     * @return the deployed contract, or {@code null} when not deployed
     */
    static KitTestContract deploy(ChainState state, Genesis genesis, TimePoint now) {
        ChainState.Account a = BuiltIn.account(state, genesis, ACCOUNT, now);
        if (a == null) {
            return null;
        }
        AbiDefinition definition = Resources.kittestAbi();
        Abi abi = Abi.from(definition);
        BuiltIn.install(a, definition, abi, now);
        return new KitTestContract(abi);
    }

    /** An item's indexed fields, read from its row. */
    private record Item(long id, Name owner, double price, Tables.Key256 hash, BigInteger rank) {
        static Item of(byte[] row) {
            BinaryReader r = new BinaryReader(row);
            long id = r.readInt64();
            Name owner = Name.of(r.readInt64());
            double price = r.readFloat64();
            Tables.Key256 hash = new Tables.Key256(r.readBytes(32));
            long lo = r.readInt64();
            long hi = r.readInt64();
            BigInteger rank = new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64)
                    .or(new BigInteger(Long.toUnsignedString(lo)));
            return new Item(id, owner, price, hash, rank);
        }
    }

    /** Runs the action in {@code ctx}; throws a {@link NodeError} as the contract's checks do. */
    void apply(ActionContext ctx) {
        Name a = ctx.action.name();
        byte[] data = ctx.action.data().bytes();
        BinaryReader in = new BinaryReader(data);
        if (a.equals(SETITEM)) {
            Name scope = name(in);
            int start = in.position();
            read(in, "item");
            byte[] row = Arrays.copyOfRange(data, start, in.position());
            if (in.hasRemaining()) {
                read(in, "uint32"); // extra: a binary extension, read when present, then ignored
            }
            setitem(ctx, scope, row);
        } else if (a.equals(DELITEM)) {
            Name scope = name(in);
            delitem(ctx, scope, uint64(in));
        } else if (a.equals(STATS)) {
            Name scope = name(in);
            stats(ctx, scope, name(in));
        } else {
            throw TokenContract.unknownAction();
        }
    }

    private static NodeError pastTheEnd() {
        return NodeError.check("datastream attempted to read past the end");
    }

    private static Name name(BinaryReader in) {
        return Name.of(uint64(in));
    }

    private static long uint64(BinaryReader in) {
        if (in.remaining() < 8) {
            throw pastTheEnd();
        }
        return in.readInt64();
    }

    private void read(BinaryReader in, String type) {
        try {
            abi.decode(type, in);
        } catch (RuntimeException e) {
            throw pastTheEnd();
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw NodeError.check(message);
        }
    }

    private static void setitem(ActionContext ctx, Name scope, byte[] row) {
        Item item = Item.of(row);
        ctx.requireAuth(item.owner());
        Tables.Row old = ctx.find(scope, ITEMS, item.id());
        if (old == null) {
            ctx.store(scope, ITEMS, item.owner(), item.id(), row);
            ctx.storeSecondary(Tables.Kind.IDX64, scope, ITEMS, BY_OWNER, item.owner(), item.id(),
                    item.owner().value());
            ctx.storeSecondary(Tables.Kind.DOUBLE, scope, ITEMS, BY_PRICE, item.owner(), item.id(), item.price());
            ctx.storeSecondary(Tables.Kind.IDX256, scope, ITEMS, BY_HASH, item.owner(), item.id(), item.hash());
            ctx.storeSecondary(Tables.Kind.IDX128, scope, ITEMS, BY_RANK, item.owner(), item.id(), item.rank());
            return;
        }
        Item was = Item.of(old.value());
        check(was.owner().equals(item.owner()), "item belongs to another owner");
        ctx.update(scope, ITEMS, item.id(), item.owner(), row);
        // as multi_index::modify: a secondary entry is updated only when its key changed
        if (was.owner().value() != item.owner().value()) {
            ctx.updateSecondary(Tables.Kind.IDX64, scope, ITEMS, BY_OWNER, item.id(), item.owner(),
                    item.owner().value());
        }
        if (Double.doubleToRawLongBits(was.price()) != Double.doubleToRawLongBits(item.price())) {
            ctx.updateSecondary(Tables.Kind.DOUBLE, scope, ITEMS, BY_PRICE, item.id(), item.owner(), item.price());
        }
        if (!was.hash().equals(item.hash())) {
            ctx.updateSecondary(Tables.Kind.IDX256, scope, ITEMS, BY_HASH, item.id(), item.owner(), item.hash());
        }
        if (!was.rank().equals(item.rank())) {
            ctx.updateSecondary(Tables.Kind.IDX128, scope, ITEMS, BY_RANK, item.id(), item.owner(), item.rank());
        }
    }

    private static void delitem(ActionContext ctx, Name scope, long id) {
        Tables.Row old = ctx.find(scope, ITEMS, id);
        check(old != null, "item not found");
        ctx.requireAuth(Item.of(old.value()).owner());
        // as multi_index::erase: the secondary entries, then the row
        ctx.removeSecondary(Tables.Kind.IDX64, scope, ITEMS, BY_OWNER, id);
        ctx.removeSecondary(Tables.Kind.DOUBLE, scope, ITEMS, BY_PRICE, id);
        ctx.removeSecondary(Tables.Kind.IDX256, scope, ITEMS, BY_HASH, id);
        ctx.removeSecondary(Tables.Kind.IDX128, scope, ITEMS, BY_RANK, id);
        ctx.remove(scope, ITEMS, id);
    }

    /** Walks the owner index from the owner's first entry, as {@code idx.lower_bound(owner)} does. */
    private static void stats(ActionContext ctx, Name scope, Name owner) {
        long count = 0;
        double total = 0;
        long top = 0;
        double best = 0;
        Tables.Index byOwner = ctx.secondary(Tables.Kind.IDX64, scope, ITEMS, BY_OWNER);
        if (byOwner != null) {
            for (Tables.Entry e : byOwner.ordered.tailSet(new Tables.Entry(owner.value(), 0, null), true)) {
                if ((Long) e.key() != owner.value()) {
                    break;
                }
                Tables.Row row = ctx.find(scope, ITEMS, e.primary());
                double price = Item.of(row.value()).price();
                total += price;
                if (count == 0 || price > best) {
                    top = e.primary();
                    best = price;
                }
                count++;
            }
        }
        BinaryWriter w = new BinaryWriter(29);
        owner.encode(w);
        w.writeInt32((int) count).writeFloat64(total);
        if (count == 0) {
            w.writeByte(0);
        } else {
            w.writeByte(1).writeInt64(top);
        }
        ctx.returnValue(w.toByteArray());
    }
}
