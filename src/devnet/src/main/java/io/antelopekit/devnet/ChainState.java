package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.Authority;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chain's mutable state: accounts with their permissions, links, ABIs and sequences. Used
 * only under the chain's monitor; every change made while a transaction runs records its
 * inverse in {@link Undo}, so a failed transaction leaves no trace.
 */
final class ChainState {

    static final Name EOSIO = Name.from("eosio");
    static final Name OWNER = Name.from("owner");
    static final Name ACTIVE = Name.from("active");
    static final Name EOSIO_ANY = Name.from("eosio.any");
    static final Name EOSIO_CODE = Name.from("eosio.code");

    /** One account. */
    static final class Account {
        final Name name;
        final TimePoint created;
        boolean privileged;
        /** By permission name, in the node's order. */
        final TreeMap<Name, Permission> permissions = new TreeMap<>();
        /** (code, action) to the permission linked; an empty action links every action of the code. */
        final Map<LinkKey, Name> links = new HashMap<>();
        byte[] abi = new byte[0];
        Abi compiledAbi;
        Checksum256 codeHash = Checksum256.ZERO;
        TimePoint lastCodeUpdate = TimePoint.of(0);
        long recvSequence;
        long authSequence;
        long codeSequence;
        long abiSequence;

        Account(Name name, TimePoint created) {
            this.name = name;
            this.created = created;
        }

        boolean hasCode() {
            return !codeHash.equals(Checksum256.ZERO);
        }
    }

    /** One permission of an account. */
    static final class Permission {
        final Name owner;
        final Name name;
        final Name parent;
        Authority auth;
        TimePoint lastUpdated;

        Permission(Name owner, Name name, Name parent, Authority auth, TimePoint lastUpdated) {
            this.owner = owner;
            this.name = name;
            this.parent = parent;
            this.auth = auth;
            this.lastUpdated = lastUpdated;
        }
    }

    /** The key of a link: the contract and the action ({@link Name#EMPTY} for all actions). */
    record LinkKey(Name code, Name type) {
    }

    /**
     * The inverse operations of the changes of the transaction being applied, and of the
     * transactions committed since the last {@link #takeCommitted()} (the pending block's), so
     * a reversible block can be undone on a fork as the node's undo stack undoes it.
     */
    static final class Undo {
        private final List<Runnable> log = new ArrayList<>();
        private List<Runnable> committed = new ArrayList<>();

        void record(Runnable inverse) {
            log.add(inverse);
        }

        /** Keeps the transaction's changes: their inverses join those of the pending block. */
        void commit() {
            committed.addAll(log);
            log.clear();
        }

        /** The inverses of the changes committed since the last call, in the order they were made; then forgets them. */
        List<Runnable> takeCommitted() {
            List<Runnable> out = committed;
            committed = new ArrayList<>();
            return out;
        }

        /** Runs {@code inverses} (as {@link #takeCommitted()} gave them) last first. */
        static void revert(List<Runnable> inverses) {
            for (int i = inverses.size() - 1; i >= 0; i--) {
                inverses.get(i).run();
            }
        }

        void rollback() {
            for (int i = log.size() - 1; i >= 0; i--) {
                log.get(i).run();
            }
            log.clear();
        }
    }

    final Map<Name, Account> accounts = new HashMap<>();
    final Undo undo = new Undo();
    /** What changed since the last block, for the state history (off unless it is kept). */
    final StateJournal journal = new StateJournal();
    /** The contracts' tables; their changes are recorded in {@link #undo} and {@link #journal}. */
    final Tables tables = new Tables(undo, journal);
    long globalSequence;

    Account account(Name name) {
        return accounts.get(name);
    }

    boolean exists(Name name) {
        return accounts.containsKey(name);
    }

    Permission permission(Name actor, Name permission) {
        Account a = accounts.get(actor);
        return a == null ? null : a.permissions.get(permission);
    }

    /** Creates an account with owner and active permissions. */
    Account createAccount(Name name, Authority owner, Authority active, TimePoint now) {
        touchAccount(name);
        touchMetadata(name);
        touchPermission(name, OWNER);
        touchPermission(name, ACTIVE);
        Account a = new Account(name, now);
        a.permissions.put(OWNER, new Permission(name, OWNER, Name.EMPTY, owner, now));
        a.permissions.put(ACTIVE, new Permission(name, ACTIVE, OWNER, active, now));
        accounts.put(name, a);
        undo.record(() -> accounts.remove(name));
        return a;
    }

    void putPermission(Account account, Permission p) {
        touchPermission(account.name, p.name);
        Permission old = account.permissions.put(p.name, p);
        undo.record(() -> {
            if (old == null) {
                account.permissions.remove(p.name);
            } else {
                account.permissions.put(p.name, old);
            }
        });
    }

    void removePermission(Account account, Name name) {
        touchPermission(account.name, name);
        Permission old = account.permissions.remove(name);
        if (old != null) {
            undo.record(() -> account.permissions.put(name, old));
        }
    }

    void putLink(Account account, LinkKey key, Name requirement) {
        Name old = requirement == null ? account.links.remove(key) : account.links.put(key, requirement);
        undo.record(() -> {
            if (old == null) {
                account.links.remove(key);
            } else {
                account.links.put(key, old);
            }
        });
    }

    void setAbi(Account account, byte[] abi, Abi compiled) {
        byte[] oldAbi = account.abi;
        Abi oldCompiled = account.compiledAbi;
        long oldSeq = account.abiSequence;
        touchAccount(account.name);
        account.abi = abi;
        account.compiledAbi = compiled;
        account.abiSequence++;
        undo.record(() -> {
            account.abi = oldAbi;
            account.compiledAbi = oldCompiled;
            account.abiSequence = oldSeq;
        });
    }

    void setCode(Account account, Checksum256 codeHash, TimePoint now) {
        Checksum256 old = account.codeHash;
        TimePoint oldTime = account.lastCodeUpdate;
        long oldSeq = account.codeSequence;
        touchMetadata(account.name);
        account.codeHash = codeHash;
        account.lastCodeUpdate = now;
        account.codeSequence++;
        undo.record(() -> {
            account.codeHash = old;
            account.lastCodeUpdate = oldTime;
            account.codeSequence = oldSeq;
        });
    }

    // ------------------------------------------------------------------ state history rows

    private record PermissionKey(Name owner, Name name) {
    }

    private void touchAccount(Name name) {
        journal.touch(StateJournal.Table.ACCOUNT, name, () -> accountBytes(accounts.get(name)));
    }

    private void touchMetadata(Name name) {
        journal.touch(StateJournal.Table.ACCOUNT_METADATA, name, () -> metadataBytes(accounts.get(name)));
    }

    private void touchPermission(Name owner, Name name) {
        journal.touch(StateJournal.Table.PERMISSION, new PermissionKey(owner, name), () -> {
            Account a = accounts.get(owner);
            return a == null ? null : permissionBytes(a.permissions.get(name));
        });
    }

    /** {@code account_v0}, in its variant. */
    static byte[] accountBytes(Account a) {
        if (a == null) {
            return null;
        }
        BinaryWriter w = new BinaryWriter(16 + a.abi.length);
        w.writeVarUInt32(0);
        a.name.encode(w);
        io.antelopekit.chain.BlockTimestamp.fromInstant(java.time.Instant.ofEpochMilli(a.created.micros() / 1000))
                .encode(w);
        w.writeBytesWithLength(a.abi);
        return w.toByteArray();
    }

    /** {@code account_metadata_v0}, in its variant: the code as {@code code_id} (vm 0.0) when there is code. */
    static byte[] metadataBytes(Account a) {
        if (a == null) {
            return null;
        }
        BinaryWriter w = new BinaryWriter(56);
        w.writeVarUInt32(0);
        a.name.encode(w);
        w.writeBoolean(a.privileged);
        a.lastCodeUpdate.encode(w);
        w.writeBoolean(a.hasCode());
        if (a.hasCode()) {
            w.writeByte(0).writeByte(0);
            a.codeHash.encode(w);
        }
        return w.toByteArray();
    }

    /** {@code permission_v0}, in its variant. */
    static byte[] permissionBytes(Permission p) {
        if (p == null) {
            return null;
        }
        BinaryWriter w = new BinaryWriter(96);
        w.writeVarUInt32(0);
        p.owner.encode(w);
        p.name.encode(w);
        p.parent.encode(w);
        p.lastUpdated.encode(w);
        w.writeInt32((int) p.auth.threshold());
        w.writeVarUInt32(p.auth.keys().size());
        for (var k : p.auth.keys()) {
            k.key().encode(w);
            w.writeInt16(k.weight());
        }
        w.writeVarUInt32(p.auth.accounts().size());
        for (var l : p.auth.accounts()) {
            l.permission().actor().encode(w);
            l.permission().permission().encode(w);
            w.writeInt16(l.weight());
        }
        w.writeVarUInt32(p.auth.waits().size());
        for (var ww : p.auth.waits()) {
            w.writeInt32((int) ww.waitSec());
            w.writeInt16(ww.weight());
        }
        return w.toByteArray();
    }

    /** Every account, account metadata and permission, as a full state history snapshot gives them. */
    void snapshot(Map<StateJournal.Table, List<StateJournal.Row>> out) {
        List<Account> all = new ArrayList<>(accounts.values());
        all.sort((x, y) -> Long.compareUnsigned(x.name.value(), y.name.value()));
        for (Account a : all) {
            out.computeIfAbsent(StateJournal.Table.ACCOUNT, k -> new ArrayList<>())
                    .add(new StateJournal.Row(true, accountBytes(a)));
            out.computeIfAbsent(StateJournal.Table.ACCOUNT_METADATA, k -> new ArrayList<>())
                    .add(new StateJournal.Row(true, metadataBytes(a)));
        }
        tables.snapshot(out);
        for (Account a : all) {
            for (Permission p : a.permissions.values()) {
                out.computeIfAbsent(StateJournal.Table.PERMISSION, k -> new ArrayList<>())
                        .add(new StateJournal.Row(true, permissionBytes(p)));
            }
        }
    }

    long nextGlobalSequence() {
        long v = ++globalSequence;
        undo.record(() -> globalSequence = v - 1);
        return v;
    }

    long nextRecvSequence(Account a) {
        long v = ++a.recvSequence;
        undo.record(() -> a.recvSequence = v - 1);
        return v;
    }

    long nextAuthSequence(Account a) {
        long v = ++a.authSequence;
        undo.record(() -> a.authSequence = v - 1);
        return v;
    }

    /**
     * The permission an account requires for {@code code::type} as the node looks it up: a link
     * to the action, else to the whole contract, else {@code active}; {@code null} when linked
     * to {@code eosio.any} (any permission will do).
     */
    Name minimumPermission(Name actor, Name code, Name type) {
        Name linked = linkedPermission(actor, code, type);
        if (linked == null) {
            return ACTIVE;
        }
        return EOSIO_ANY.equals(linked) ? null : linked;
    }

    Name linkedPermission(Name actor, Name code, Name type) {
        Account a = accounts.get(actor);
        if (a == null || a.links.isEmpty()) {
            return null;
        }
        Name p = a.links.get(new LinkKey(code, type));
        return p != null ? p : a.links.get(new LinkKey(code, Name.EMPTY));
    }

    /**
     * Whether {@code p} satisfies {@code min} as the node decides: both belong to one account
     * and {@code p} is {@code min} or one of its ancestors.
     */
    boolean satisfies(Permission p, Permission min) {
        if (!p.owner.equals(min.owner)) {
            return false;
        }
        Account a = accounts.get(min.owner);
        Permission cur = min;
        for (int guard = 0; cur != null && guard < 64; guard++) {
            if (cur.name.equals(p.name)) {
                return true;
            }
            if (cur.parent.isEmpty()) {
                return false;
            }
            cur = a.permissions.get(cur.parent);
        }
        return false;
    }
}
