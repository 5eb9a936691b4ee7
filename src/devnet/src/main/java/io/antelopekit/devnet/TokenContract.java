package io.antelopekit.devnet;

import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code eosio.token} contract in Java: the same actions, tables, checks and assertion
 * messages as the reference contract ({@code create}, {@code issue}, {@code issuefixed},
 * {@code retire}, {@code transfer}, {@code open}, {@code close}, {@code setmaxsupply}). Its
 * tables are the contract's {@code stat} (scope: symbol code) and {@code accounts} (scope:
 * owner), both keyed by the symbol code.
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
    }

    /** A row of {@code accounts}. */
    record Balance(long amount, long symbol, Name payer) {
        Asset asset() {
            return Asset.of(amount, Symbol.of(symbol));
        }

        byte[] encode() {
            return new BinaryWriter(16).writeInt64(amount).writeInt64(symbol).toByteArray();
        }
    }

    final Name self;
    private final ChainState state;
    /** stat rows by symbol code (the table's scope and key). */
    final TreeMap<Long, Stat> stats = new TreeMap<>(UNSIGNED);
    /** accounts rows: by owner (scope), then by symbol code. */
    final Map<Name, TreeMap<Long, Balance>> balances = new HashMap<>();

    TokenContract(Name self, ChainState state) {
        this.self = self;
        this.state = state;
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
        check(!stats.containsKey(code(symbol)), "token with symbol already exists");
        putStat(code(symbol), new Stat(0, maxAmount, symbol, issuer, self));
    }

    private void issue(ActionContext ctx, Name to, long amount, long symbol, int memoBytes) {
        check(validSymbol(symbol), "invalid symbol name");
        check(memoBytes <= 256, "memo has more than 256 bytes");
        Stat st = stats.get(code(symbol));
        check(st != null, "token with symbol does not exist, create token before issue");
        check(to.equals(st.issuer()), "tokens can only be issued to issuer account");
        ctx.requireAuth(st.issuer());
        check(validAsset(amount, symbol), "invalid quantity");
        check(amount > 0, "must issue positive quantity");
        check(symbol == st.symbol(), "symbol precision mismatch");
        check(amount <= st.maxSupply() - st.supply(), "quantity exceeds available supply");
        putStat(code(symbol), new Stat(st.supply() + amount, st.maxSupply(), st.symbol(), st.issuer(), st.payer()));
        addBalance(st.issuer(), amount, symbol, st.issuer());
    }

    private void issuefixed(ActionContext ctx, Name to, long supply, long symbol, int memoBytes) {
        Stat st = stats.get(code(symbol));
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
        Stat st = stats.get(code(symbol));
        check(st != null, "token with symbol does not exist");
        ctx.requireAuth(st.issuer());
        check(validAsset(amount, symbol), "invalid quantity");
        check(amount > 0, "must retire positive quantity");
        check(symbol == st.symbol(), "symbol precision mismatch");
        putStat(code(symbol), new Stat(st.supply() - amount, st.maxSupply(), st.symbol(), st.issuer(), st.payer()));
        subBalance(st.issuer(), amount, symbol);
    }

    private void transfer(ActionContext ctx, Name from, Name to, long amount, long symbol, int memoBytes) {
        check(!from.equals(to), "cannot transfer to self");
        ctx.requireAuth(from);
        check(state.exists(to), "to account does not exist");
        Stat st = stats.get(code(symbol));
        check(st != null, "unable to find key");
        ctx.requireRecipient(from);
        ctx.requireRecipient(to);
        check(validAsset(amount, symbol), "invalid quantity");
        check(amount > 0, "must transfer positive quantity");
        check(symbol == st.symbol(), "symbol precision mismatch");
        check(memoBytes <= 256, "memo has more than 256 bytes");
        Name payer = ctx.hasAuth(to) ? to : from;
        subBalance(from, amount, symbol);
        addBalance(to, amount, symbol, payer);
    }

    private void open(ActionContext ctx, Name owner, long symbol, Name ramPayer) {
        ctx.requireAuth(ramPayer);
        check(state.exists(owner), "owner account does not exist");
        Stat st = stats.get(code(symbol));
        check(st != null, "symbol does not exist");
        check(st.symbol() == symbol, "symbol precision mismatch");
        TreeMap<Long, Balance> rows = balances.get(owner);
        if (rows == null || !rows.containsKey(code(symbol))) {
            putBalance(owner, code(symbol), new Balance(0, symbol, ramPayer));
        }
    }

    private void close(ActionContext ctx, Name owner, long symbol) {
        ctx.requireAuth(owner);
        TreeMap<Long, Balance> rows = balances.get(owner);
        Balance b = rows == null ? null : rows.get(code(symbol));
        check(b != null, "Balance row already deleted or never existed. Action won't have any effect.");
        check(b.amount() == 0, "Cannot close because the balance is not zero.");
        putBalance(owner, code(symbol), null);
    }

    private void setmaxsupply(ActionContext ctx, Name issuer, long maxAmount, long symbol) {
        check(validAsset(maxAmount, symbol), "invalid supply");
        check(maxAmount > 0, "max-supply must be positive");
        Stat st = stats.get(code(symbol));
        check(st != null, "token supply does not exist");
        check(issuer.equals(st.issuer()), "only issuer can set token maximum supply");
        ctx.requireAuth(st.issuer());
        check(symbol == st.symbol(), "symbol precision mismatch");
        check(maxAmount >= st.supply(), "max supply is less than available supply");
        putStat(code(symbol), new Stat(st.supply(), maxAmount, st.symbol(), st.issuer(), st.payer()));
    }

    private void subBalance(Name owner, long amount, long symbol) {
        TreeMap<Long, Balance> rows = balances.get(owner);
        Balance from = rows == null ? null : rows.get(code(symbol));
        check(from != null, "no balance object found");
        check(from.amount() >= amount, "overdrawn balance");
        check(from.symbol() == symbol, "attempt to subtract asset with different symbol");
        putBalance(owner, code(symbol), new Balance(from.amount() - amount, from.symbol(), from.payer()));
    }

    private void addBalance(Name owner, long amount, long symbol, Name ramPayer) {
        TreeMap<Long, Balance> rows = balances.get(owner);
        Balance to = rows == null ? null : rows.get(code(symbol));
        if (to == null) {
            putBalance(owner, code(symbol), new Balance(amount, symbol, ramPayer));
        } else {
            check(to.symbol() == symbol, "attempt to add asset with different symbol");
            long sum = to.amount() + amount;
            check(sum <= MAX_AMOUNT, "addition overflow");
            putBalance(owner, code(symbol), new Balance(sum, to.symbol(), to.payer()));
        }
    }

    private void putStat(long code, Stat st) {
        Stat old = stats.put(code, st);
        state.undo.record(() -> {
            if (old == null) {
                stats.remove(code);
            } else {
                stats.put(code, old);
            }
        });
    }

    /** Sets (or with {@code null} erases) a balance row, recording the inverse. */
    private void putBalance(Name owner, long code, Balance b) {
        TreeMap<Long, Balance> rows = balances.computeIfAbsent(owner, o -> new TreeMap<>(UNSIGNED));
        Balance old = b == null ? rows.remove(code) : rows.put(code, b);
        state.undo.record(() -> {
            if (old == null) {
                rows.remove(code);
            } else {
                rows.put(code, old);
            }
        });
    }

    /** Genesis: creates a token without running actions. */
    void genesisCreate(Name issuer, Asset maxSupply) {
        long symbol = maxSupply.symbol().value();
        if (stats.containsKey(code(symbol))) {
            throw new DevnetException("genesis: token " + maxSupply.symbol() + " of " + self + " is defined twice");
        }
        stats.put(code(symbol), new Stat(0, maxSupply.units(), symbol, issuer, self));
    }

    /** Genesis: issues {@code amount} to {@code owner} (supply grows). */
    void genesisIssue(Name owner, Asset amount) {
        long symbol = amount.symbol().value();
        Stat st = stats.get(code(symbol));
        if (st == null || st.symbol() != symbol) {
            throw new DevnetException("genesis: balance " + amount + " of " + owner + " has no token " + amount.symbol()
                    + " created on " + self);
        }
        if (amount.units() < 0 || amount.units() > st.maxSupply() - st.supply()) {
            throw new DevnetException("genesis: balance " + amount + " of " + owner + " exceeds the maximum supply "
                    + st.maxSupplyAsset());
        }
        stats.put(code(symbol), new Stat(st.supply() + amount.units(), st.maxSupply(), symbol, st.issuer(), st.payer()));
        TreeMap<Long, Balance> rows = balances.computeIfAbsent(owner, o -> new TreeMap<>(UNSIGNED));
        Balance b = rows.get(code(symbol));
        rows.put(code(symbol), new Balance((b == null ? 0 : b.amount()) + amount.units(), symbol, owner));
    }
}
