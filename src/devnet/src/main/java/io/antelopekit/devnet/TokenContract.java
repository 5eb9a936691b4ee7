package io.antelopekit.devnet;

import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code eosio.token} contract in Java: the same actions, tables, checks and assertion
 * messages as the reference contract ({@code create}, {@code issue}, {@code issuefixed},
 * {@code retire}, {@code transfer}, {@code open}, {@code close}, {@code setmaxsupply}). Its
 * tables are the contract's {@code stat} (scope: symbol code) and {@code accounts} (scope:
 * owner), both keyed by the symbol code, kept in the chain's {@link Tables} as the node keeps
 * them: binary rows with their RAM payer ({@code stat}: the contract; {@code accounts}: who
 * opened or first received the balance).
 */
final class TokenContract {

    static final Name CREATE = Name.from("create");
    static final Name ISSUE = Name.from("issue");
    static final Name ISSUEFIXED = Name.from("issuefixed");
    static final Name RETIRE = Name.from("retire");
    static final Name TRANSFER = Name.from("transfer");
    static final Name OPEN = Name.from("open");
    static final Name CLOSE = Name.from("close");
    static final Name SETMAXSUPPLY = Name.from("setmaxsupply");
    static final Name ACCOUNTS = Name.from("accounts");
    static final Name STAT = Name.from("stat");

    /** The largest amount an asset may hold: 2^62 - 1. */
    static final long MAX_AMOUNT = (1L << 62) - 1;

    static final Comparator<Long> UNSIGNED = Long::compareUnsigned;

    /** A row of {@code stat}. */
    record Stat(long supply, long maxSupply, long symbol, Name issuer, Name payer) {
        Asset supplyAsset() {
            return Asset.of(supply, Symbol.of(symbol));
        }

        Asset maxSupplyAsset() {
            return Asset.of(maxSupply, Symbol.of(symbol));
        }

        byte[] encode() {
            BinaryWriter w = new BinaryWriter(40);
            w.writeInt64(supply).writeInt64(symbol).writeInt64(maxSupply).writeInt64(symbol);
            issuer.encode(w);
            return w.toByteArray();
        }

        static Stat of(Tables.Row row) {
            BinaryReader r = new BinaryReader(row.value());
            long supply = r.readInt64();
            long symbol = r.readInt64();
            long max = r.readInt64();
            r.readInt64();
            return new Stat(supply, max, symbol, Name.of(r.readInt64()), row.payer());
        }
    }

    /** A row of {@code accounts}. */
    record Balance(long amount, long symbol, Name payer) {
        Asset asset() {
            return Asset.of(amount, Symbol.of(symbol));
        }

        byte[] encode() {
            return new BinaryWriter(16).writeInt64(amount).writeInt64(symbol).toByteArray();
        }

        static Balance of(Tables.Row row) {
            BinaryReader r = new BinaryReader(row.value());
            return new Balance(r.readInt64(), r.readInt64(), row.payer());
        }
    }

    final Name self;
    private final ChainState state;

    TokenContract(Name self, ChainState state) {
        this.self = self;
        this.state = state;
    }

    /** The {@code stat} row of the symbol code {@code code}, or {@code null}. */
    Stat stat(long code) {
        Tables.Row row = state.tables.find(self, Name.of(code), STAT, code);
        return row == null ? null : Stat.of(row);
    }

    /** Every {@code stat} row, by symbol code. */
    List<Stat> stats() {
        List<Stat> out = new ArrayList<>();
        for (Tables.Table t : state.tables.range(new Tables.TableId(self, Name.EMPTY, Name.EMPTY),
                new Tables.TableId(self, Name.of(-1L), Name.of(-1L))).values()) {
            if (t.id.table().equals(STAT)) {
                for (Tables.Row row : t.rows.values()) {
                    out.add(Stat.of(row));
                }
            }
        }
        return out;
    }

    /** The {@code accounts} row of {@code owner} for the symbol code {@code code}, or {@code null}. */
    Balance balance(Name owner, long code) {
        Tables.Row row = state.tables.find(self, owner, ACCOUNTS, code);
        return row == null ? null : Balance.of(row);
    }

    /** Every {@code accounts} row of {@code owner}, by symbol code. */
    List<Balance> balances(Name owner) {
        Tables.Table t = state.tables.table(self, owner, ACCOUNTS);
        List<Balance> out = new ArrayList<>();
        if (t != null) {
            for (Tables.Row row : t.rows.values()) {
                out.add(Balance.of(row));
            }
        }
        return out;
    }

    /** Whether this contract has an action named {@code name}. */
    static boolean handles(Name name) {
        return name.equals(TRANSFER) || name.equals(ISSUE) || name.equals(CREATE) || name.equals(RETIRE)
                || name.equals(OPEN) || name.equals(CLOSE) || name.equals(ISSUEFIXED) || name.equals(SETMAXSUPPLY);
    }

    /** Runs the action in {@code ctx}; throws a {@link NodeError} as the contract's checks do. */
    void apply(ActionContext ctx) {
        Name a = ctx.action.name();
        ActionContext.Data d = ctx.data();
        if (a.equals(TRANSFER)) {
            transfer(ctx, d.name(), d.name(), d.int64(), d.int64(), d.stringBytes());
        } else if (a.equals(ISSUE)) {
            issue(ctx, d.name(), d.int64(), d.int64(), d.stringBytes());
        } else if (a.equals(CREATE)) {
            create(ctx, d.name(), d.int64(), d.int64());
        } else if (a.equals(RETIRE)) {
            retire(ctx, d.int64(), d.int64(), d.stringBytes());
        } else if (a.equals(OPEN)) {
            open(ctx, d.name(), d.int64(), d.name());
        } else if (a.equals(CLOSE)) {
            close(ctx, d.name(), d.int64());
        } else if (a.equals(ISSUEFIXED)) {
            issuefixed(ctx, d.name(), d.int64(), d.int64(), d.stringBytes());
        } else if (a.equals(SETMAXSUPPLY)) {
            setmaxsupply(ctx, d.name(), d.int64(), d.int64());
        } else {
            throw unknownAction();
        }
    }

    /** What a CDT dispatcher answers for an action it does not have. */
    static NodeError unknownAction() {
        return NodeError.contract(NodeError.ASSERT_CODE, "assertion failure with error code: 8000000000000000000",
                "eosio_assert_code");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw NodeError.check(message);
        }
    }

    /** {@code symbol_code::is_valid} of the code in a raw symbol. */
    static boolean validSymbol(long symbol) {
        long sym = symbol >>> 8;
        for (int i = 0; i < 7; i++) {
            int c = (int) (sym & 0xFF);
            if (c < 'A' || c > 'Z') {
                return false;
            }
            sym >>>= 8;
            if ((sym & 0xFF) == 0) {
                do {
                    sym >>>= 8;
                    if ((sym & 0xFF) != 0) {
                        return false;
                    }
                    i++;
                } while (i < 7);
            }
        }
        return true;
    }

    static boolean validAsset(long amount, long symbol) {
        return amount >= -MAX_AMOUNT && amount <= MAX_AMOUNT && validSymbol(symbol);
    }

    static long code(long symbol) {
        return symbol >>> 8;
    }

    private void create(ActionContext ctx, Name issuer, long maxAmount, long symbol) {
        ctx.requireAuth(self);
        check(validSymbol(symbol), "invalid symbol name");
        check(validAsset(maxAmount, symbol), "invalid supply");
        check(maxAmount > 0, "max-supply must be positive");
        check(stat(code(symbol)) == null, "token with symbol already exists");
        ctx.store(Name.of(code(symbol)), STAT, self, code(symbol), new Stat(0, maxAmount, symbol, issuer, self).encode());
    }

    private void issue(ActionContext ctx, Name to, long amount, long symbol, int memoBytes) {
        check(validSymbol(symbol), "invalid symbol name");
        check(memoBytes <= 256, "memo has more than 256 bytes");
        Stat st = stat(code(symbol));
        check(st != null, "token with symbol does not exist, create token before issue");
        check(to.equals(st.issuer()), "tokens can only be issued to issuer account");
        ctx.requireAuth(st.issuer());
        check(validAsset(amount, symbol), "invalid quantity");
        check(amount > 0, "must issue positive quantity");
        check(symbol == st.symbol(), "symbol precision mismatch");
        check(amount <= st.maxSupply() - st.supply(), "quantity exceeds available supply");
        putStat(ctx, new Stat(st.supply() + amount, st.maxSupply(), st.symbol(), st.issuer(), st.payer()));
        addBalance(ctx, st.issuer(), amount, symbol, st.issuer());
    }

    private void issuefixed(ActionContext ctx, Name to, long supply, long symbol, int memoBytes) {
        Stat st = stat(code(symbol));
        check(st != null, "unable to find key");
        check(st.supply() <= supply, "circulating supply exceeds requested supply");
        long quantity = supply - st.supply();
        if (quantity > 0) {
            issue(ctx, to, quantity, symbol, memoBytes);
        }
    }

    private void retire(ActionContext ctx, long amount, long symbol, int memoBytes) {
        check(validSymbol(symbol), "invalid symbol name");
        check(memoBytes <= 256, "memo has more than 256 bytes");
        Stat st = stat(code(symbol));
        check(st != null, "token with symbol does not exist");
        ctx.requireAuth(st.issuer());
        check(validAsset(amount, symbol), "invalid quantity");
        check(amount > 0, "must retire positive quantity");
        check(symbol == st.symbol(), "symbol precision mismatch");
        putStat(ctx, new Stat(st.supply() - amount, st.maxSupply(), st.symbol(), st.issuer(), st.payer()));
        subBalance(ctx, st.issuer(), amount, symbol);
    }

    private void transfer(ActionContext ctx, Name from, Name to, long amount, long symbol, int memoBytes) {
        check(!from.equals(to), "cannot transfer to self");
        ctx.requireAuth(from);
        check(state.exists(to), "to account does not exist");
        Stat st = stat(code(symbol));
        check(st != null, "unable to find key");
        ctx.requireRecipient(from);
        ctx.requireRecipient(to);
        check(validAsset(amount, symbol), "invalid quantity");
        check(amount > 0, "must transfer positive quantity");
        check(symbol == st.symbol(), "symbol precision mismatch");
        check(memoBytes <= 256, "memo has more than 256 bytes");
        Name payer = ctx.hasAuth(to) ? to : from;
        subBalance(ctx, from, amount, symbol);
        addBalance(ctx, to, amount, symbol, payer);
    }

    private void open(ActionContext ctx, Name owner, long symbol, Name ramPayer) {
        ctx.requireAuth(ramPayer);
        check(state.exists(owner), "owner account does not exist");
        Stat st = stat(code(symbol));
        check(st != null, "symbol does not exist");
        check(st.symbol() == symbol, "symbol precision mismatch");
        if (balance(owner, code(symbol)) == null) {
            ctx.store(owner, ACCOUNTS, ramPayer, code(symbol), new Balance(0, symbol, ramPayer).encode());
        }
    }

    private void close(ActionContext ctx, Name owner, long symbol) {
        ctx.requireAuth(owner);
        Balance b = balance(owner, code(symbol));
        check(b != null, "Balance row already deleted or never existed. Action won't have any effect.");
        check(b.amount() == 0, "Cannot close because the balance is not zero.");
        ctx.remove(owner, ACCOUNTS, code(symbol));
    }

    private void setmaxsupply(ActionContext ctx, Name issuer, long maxAmount, long symbol) {
        check(validAsset(maxAmount, symbol), "invalid supply");
        check(maxAmount > 0, "max-supply must be positive");
        Stat st = stat(code(symbol));
        check(st != null, "token supply does not exist");
        check(issuer.equals(st.issuer()), "only issuer can set token maximum supply");
        ctx.requireAuth(st.issuer());
        check(symbol == st.symbol(), "symbol precision mismatch");
        check(maxAmount >= st.supply(), "max supply is less than available supply");
        putStat(ctx, new Stat(st.supply(), maxAmount, st.symbol(), st.issuer(), st.payer()));
    }

    private void subBalance(ActionContext ctx, Name owner, long amount, long symbol) {
        Balance from = balance(owner, code(symbol));
        check(from != null, "no balance object found");
        check(from.amount() >= amount, "overdrawn balance");
        check(from.symbol() == symbol, "attempt to subtract asset with different symbol");
        ctx.update(owner, ACCOUNTS, code(symbol), null, new Balance(from.amount() - amount, from.symbol(),
                from.payer()).encode());
    }

    private void addBalance(ActionContext ctx, Name owner, long amount, long symbol, Name ramPayer) {
        Balance to = balance(owner, code(symbol));
        if (to == null) {
            ctx.store(owner, ACCOUNTS, ramPayer, code(symbol), new Balance(amount, symbol, ramPayer).encode());
        } else {
            check(to.symbol() == symbol, "attempt to add asset with different symbol");
            long sum = to.amount() + amount;
            check(sum <= MAX_AMOUNT, "addition overflow");
            ctx.update(owner, ACCOUNTS, code(symbol), null, new Balance(sum, to.symbol(), to.payer()).encode());
        }
    }

    /** {@code statstable.modify(st, same_payer, ...)}. */
    private void putStat(ActionContext ctx, Stat st) {
        long code = code(st.symbol());
        ctx.update(Name.of(code), STAT, code, null, st.encode());
    }

    /** Genesis: creates a token without running actions. */
    void genesisCreate(Name issuer, Asset maxSupply) {
        long symbol = maxSupply.symbol().value();
        if (stat(code(symbol)) != null) {
            throw new DevnetException("genesis: token " + maxSupply.symbol() + " of " + self + " is defined twice");
        }
        state.tables.store(self, Name.of(code(symbol)), STAT, self, code(symbol),
                new Stat(0, maxSupply.units(), symbol, issuer, self).encode());
    }

    /** Genesis: issues {@code amount} to {@code owner} (supply grows). */
    void genesisIssue(Name owner, Asset amount) {
        long symbol = amount.symbol().value();
        Stat st = stat(code(symbol));
        if (st == null || st.symbol() != symbol) {
            throw new DevnetException("genesis: balance " + amount + " of " + owner + " has no token " + amount.symbol()
                    + " created on " + self);
        }
        if (amount.units() < 0 || amount.units() > st.maxSupply() - st.supply()) {
            throw new DevnetException("genesis: balance " + amount + " of " + owner + " exceeds the maximum supply "
                    + st.maxSupplyAsset());
        }
        state.tables.update(self, Name.of(code(symbol)), STAT, code(symbol), null, new Stat(st.supply()
                + amount.units(), st.maxSupply(), symbol, st.issuer(), st.payer()).encode());
        Balance b = balance(owner, code(symbol));
        if (b == null) {
            state.tables.store(self, owner, ACCOUNTS, owner, code(symbol), new Balance(amount.units(), symbol, owner)
                    .encode());
        } else {
            state.tables.update(self, owner, ACCOUNTS, code(symbol), null, new Balance(b.amount() + amount.units(),
                    symbol, b.payer()).encode());
        }
    }
}
