package io.antelopekit.devnet;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePoint;
import java.util.ArrayList;
import java.util.List;

/**
 * What a contract sees while it runs one action: the action, its receiver, the authorizations
 * it may require, the accounts it notifies, its tables and its return value. Mirrors the node's
 * {@code apply_context}: in a read-only transaction every table write is refused with the
 * node's {@code table_operation_not_permitted}.
 */
final class ActionContext {

    private static final byte[] NONE = new byte[0];

    final Action action;
    final Name receiver;
    final ChainState state;
    final TimePoint now;
    /** Whether the transaction is read-only ({@code send_read_only_transaction}). */
    final boolean readOnly;
    final List<Name> notified = new ArrayList<>(2);
    /** The inline actions sent ({@code send_inline}), in order. */
    final List<io.antelopekit.chain.transaction.Action> inlines = new ArrayList<>(1);
    /** What the action returns ({@code set_action_return_value}); empty when nothing. */
    private byte[] returnValue = NONE;

    ActionContext(Action action, Name receiver, ChainState state, TimePoint now, boolean readOnly) {
        this.action = action;
        this.receiver = receiver;
        this.state = state;
        this.now = now;
        this.readOnly = readOnly;
    }

    /** {@code set_action_return_value}. */
    void returnValue(byte[] value) {
        this.returnValue = value.clone();
    }

    byte[] returnValue() {
        return returnValue;
    }

    // ------------------------------------------------------------------ tables of the receiver

    private void writable(String verb, String file, long line, String method) {
        if (readOnly) {
            throw NodeError.contract(NodeError.TABLE_OPERATION_NOT_PERMITTED, "cannot " + verb
                    + " a db record when executing a readonly transaction", file, line, method);
        }
    }

    /** The row {@code id} of the receiver's {@code table} in {@code scope}, or {@code null}. */
    Tables.Row find(Name scope, Name table, long id) {
        return state.tables.find(receiver, scope, table, id);
    }

    /** {@code db_store_i64}. */
    void store(Name scope, Name table, Name payer, long id, byte[] value) {
        writable("store", "apply_context.cpp", 784, "db_store_i64");
        state.tables.store(receiver, scope, table, payer, id, value);
    }

    /** {@code db_update_i64}; a {@code null} payer keeps the row's. */
    void update(Name scope, Name table, long id, Name payer, byte[] value) {
        writable("update", "apply_context.cpp", 830, "db_update_i64");
        state.tables.update(receiver, scope, table, id, payer, value);
    }

    /** {@code db_remove_i64}. */
    void remove(Name scope, Name table, long id) {
        writable("remove", "apply_context.cpp", 887, "db_remove_i64");
        state.tables.remove(receiver, scope, table, id);
    }

    private static void notNaN(Tables.Kind kind, Object key) {
        if (kind == Tables.Kind.DOUBLE && ((Double) key).isNaN()) {
            throw NodeError.contract(NodeError.TRANSACTION, "NaN is not an allowed value for a secondary key",
                    "preconditions.hpp", 161, "operator()");
        }
    }

    /** {@code db_idx*_store} of secondary index {@code index} (from 0) of {@code table}. */
    void storeSecondary(Tables.Kind kind, Name scope, Name table, int index, Name payer, long id, Object key) {
        notNaN(kind, key);
        writable("store", "apply_context.hpp", 182, "store");
        state.tables.storeSecondary(kind, receiver, scope, Tables.indexTable(table, index), payer, id, key);
    }

    /** {@code db_idx*_update}; a {@code null} payer keeps the entry's. */
    void updateSecondary(Tables.Kind kind, Name scope, Name table, int index, long id, Name payer, Object key) {
        notNaN(kind, key);
        writable("update", "apply_context.hpp", 250, "update");
        state.tables.updateSecondary(kind, receiver, scope, Tables.indexTable(table, index), id, payer, key);
    }

    /** {@code db_idx*_remove}. */
    void removeSecondary(Tables.Kind kind, Name scope, Name table, int index, long id) {
        writable("remove", "apply_context.hpp", 217, "remove");
        state.tables.removeSecondary(kind, receiver, scope, Tables.indexTable(table, index), id);
    }

    /** The entry of secondary index {@code index} for row {@code id}, or {@code null}. */
    Tables.Entry findSecondary(Tables.Kind kind, Name scope, Name table, int index, long id) {
        return state.tables.findSecondary(kind, receiver, scope, Tables.indexTable(table, index), id);
    }

    /** The entries of secondary index {@code index}, in key order, or {@code null} when it has none. */
    Tables.Index secondary(Tables.Kind kind, Name scope, Name table, int index) {
        Tables.Table t = state.tables.table(receiver, scope, Tables.indexTable(table, index));
        return t == null ? null : t.index(kind);
    }

    /** {@code has_auth}: whether the action declares an authorization of {@code account}. */
    boolean hasAuth(Name account) {
        List<PermissionLevel> auths = action.authorization();
        for (int i = 0; i < auths.size(); i++) {
            if (auths.get(i).actor().equals(account)) {
                return true;
            }
        }
        return false;
    }

    /** {@code require_auth}: fails with {@code missing_auth_exception} unless {@link #hasAuth}. */
    void requireAuth(Name account) {
        if (!hasAuth(account)) {
            throw NodeError.contract(NodeError.MISSING_AUTH, "missing authority of " + account, "require_authorization");
        }
    }

    /** {@code require_recipient}: notifies {@code account} after this action, once. */
    void requireRecipient(Name account) {
        if (!account.equals(receiver) && !notified.contains(account)) {
            notified.add(account);
        }
    }

    /**
     * {@code send_inline}: runs {@code a} after this action and its notifications. As the node
     * checks it: its contract exists, and each authorization is the sender's own (the devnet's
     * built-in contracts hold {@code eosio.code} in the permission they use).
     */
    void sendInline(io.antelopekit.chain.transaction.Action a) {
        if (!state.exists(a.account())) {
            throw NodeError.contract(NodeError.EXCEPTION, "inline action's code account " + a.account()
                    + " does not exist", "send_inline");
        }
        for (io.antelopekit.chain.PermissionLevel p : a.authorization()) {
            if (!p.actor().equals(receiver)) {
                throw NodeError.contract(NodeError.MISSING_AUTH, "missing authority of " + p.actor(), "send_inline");
            }
        }
        inlines.add(a);
    }

    /** A reader of the action data whose over-reads fail as a contract's datastream does. */
    Data data() {
        return new Data(action.data().bytes());
    }

    /** Action data read the way a contract (CDT datastream) reads it. */
    static final class Data {
        private final BinaryReader in;

        Data(byte[] bytes) {
            this.in = new BinaryReader(bytes);
        }

        private void need(int n) {
            if (in.remaining() < n) {
                throw NodeError.check("datastream attempted to read past the end");
            }
        }

        Name name() {
            need(8);
            return Name.of(in.readInt64());
        }

        long int64() {
            need(8);
            return in.readInt64();
        }

        /** Reads a length-prefixed string and returns its length in bytes (what {@code memo.size()} gives). */
        int stringBytes() {
            try {
                return in.readBytesWithLength().length;
            } catch (DecodingException e) {
                throw NodeError.check("datastream attempted to read past the end");
            }
        }

        boolean hasRemaining() {
            return in.hasRemaining();
        }

        BinaryReader reader() {
            return in;
        }
    }
}
