package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.KeyWeight;
import io.antelopekit.api.model.PermissionLevelWeight;
import io.antelopekit.api.model.WaitWeight;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The node's native handlers of {@code eosio} actions: {@code newaccount}, {@code updateauth},
 * {@code deleteauth}, {@code linkauth}, {@code unlinkauth}, {@code setabi} and {@code setcode},
 * with the node's checks and messages, plus the authorization rules the node applies to them
 * before a transaction runs.
 */
final class SystemContract {

    static final Name NEWACCOUNT = Name.from("newaccount");
    static final Name UPDATEAUTH = Name.from("updateauth");
    static final Name DELETEAUTH = Name.from("deleteauth");
    static final Name LINKAUTH = Name.from("linkauth");
    static final Name UNLINKAUTH = Name.from("unlinkauth");
    static final Name SETABI = Name.from("setabi");
    static final Name SETCODE = Name.from("setcode");
    static final Name CANCELDELAY = Name.from("canceldelay");

    /** The longest delay a wait may ask for: 45 days, the node's {@code max_transaction_delay}. */
    static final long MAX_TRANSACTION_DELAY_SEC = 45L * 24 * 3600;

    private final ChainState state;

    SystemContract(ChainState state) {
        this.state = state;
    }

    static boolean isNative(Name action) {
        return action.equals(NEWACCOUNT) || action.equals(UPDATEAUTH) || action.equals(DELETEAUTH)
                || action.equals(LINKAUTH) || action.equals(UNLINKAUTH) || action.equals(SETABI)
                || action.equals(SETCODE);
    }

    /** Actions of {@code eosio} whose authorization the node checks by special rules. */
    static boolean isSpecialAuth(Name action) {
        return action.equals(UPDATEAUTH) || action.equals(DELETEAUTH) || action.equals(LINKAUTH)
                || action.equals(UNLINKAUTH) || action.equals(CANCELDELAY);
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes as the node's {@code fc::raw::unpack}; truncated data fails as fc does. */
    static final class Reader {
        final BinaryReader in;
        private final int length;

        Reader(byte[] data) {
            this.in = new BinaryReader(data);
            this.length = data.length;
        }

        private void need(int n) {
            if (in.remaining() < n) {
                throw NodeError.of(NodeError.OUT_OF_RANGE, "read datastream of length " + length + " over by "
                        + (n - in.remaining()), "datastream.cpp", 6, "throw_datastream_range_error");
            }
        }

        Name name() {
            need(8);
            return Name.of(in.readInt64());
        }

        long uint32() {
            need(4);
            return in.readUInt32();
        }

        int uint16() {
            need(2);
            return in.readUInt16();
        }

        int uint8() {
            need(1);
            return in.readUInt8();
        }

        int length() {
            try {
                long n = in.readVarUInt32();
                if (n > in.remaining()) {
                    need((int) Math.min(Integer.MAX_VALUE, n));
                }
                return (int) n;
            } catch (RuntimeException e) {
                if (e instanceof NodeError) {
                    throw e;
                }
                throw NodeError.of(NodeError.OUT_OF_RANGE, "read datastream of length " + length + " over by 1",
                        "datastream.cpp", 6, "throw_datastream_range_error");
            }
        }

        byte[] bytes() {
            int n = length();
            need(n);
            return in.readBytes(n);
        }

        PublicKey publicKey() {
            try {
                return PublicKey.decode(in);
            } catch (RuntimeException e) {
                throw NodeError.of(NodeError.OUT_OF_RANGE, "read datastream of length " + length + ": " + e.getMessage(),
                        "datastream.cpp", 6, "throw_datastream_range_error");
            }
        }

        Authority authority() {
            long threshold = uint32();
            int nk = length();
            List<KeyWeight> keys = new ArrayList<>(nk);
            for (int i = 0; i < nk; i++) {
                keys.add(new KeyWeight(publicKey(), uint16()));
            }
            int na = length();
            List<PermissionLevelWeight> accounts = new ArrayList<>(na);
            for (int i = 0; i < na; i++) {
                accounts.add(new PermissionLevelWeight(new PermissionLevel(name(), name()), uint16()));
            }
            int nw = length();
            List<WaitWeight> waits = new ArrayList<>(nw);
            for (int i = 0; i < nw; i++) {
                waits.add(new WaitWeight(uint32(), uint16()));
            }
            return new Authority(threshold, keys, accounts, waits);
        }
    }

    // ------------------------------------------------------------------ authority rules

    /** The node's {@code validate(authority)}: sorted, unique entries whose weights reach the threshold. */
    static boolean valid(Authority auth) {
        long total = 0;
        byte[] prev = null;
        for (KeyWeight k : auth.keys()) {
            byte[] enc = encode(k.key());
            if (prev != null && Arrays.compareUnsigned(prev, enc) >= 0) {
                return false;
            }
            total += k.weight();
            prev = enc;
        }
        PermissionLevel prevLevel = null;
        for (PermissionLevelWeight p : auth.accounts()) {
            if (prevLevel != null && compare(prevLevel, p.permission()) >= 0) {
                return false;
            }
            total += p.weight();
            prevLevel = p.permission();
        }
        long prevWait = -1;
        for (WaitWeight w : auth.waits()) {
            if (prevWait >= 0 && prevWait > w.waitSec()) {
                return false;
            }
            total += w.weight();
            prevWait = w.waitSec();
        }
        return total >= auth.threshold();
    }

    /** The encoded size of a signature. */
    static int encodeSize(io.antelopekit.crypto.Signature s) {
        BinaryWriter w = new BinaryWriter(80);
        s.encode(w);
        return w.size();
    }

    static byte[] encode(PublicKey key) {
        BinaryWriter w = new BinaryWriter(40);
        key.encode(w);
        return w.toByteArray();
    }

    static int compare(PermissionLevel a, PermissionLevel b) {
        int c = a.actor().compareTo(b.actor());
        return c != 0 ? c : a.permission().compareTo(b.permission());
    }

    /** The node's {@code validate_authority_precondition}: every account named exists, with the permission named. */
    private void authorityPrecondition(Authority auth) {
        for (PermissionLevelWeight p : auth.accounts()) {
            ChainState.Account a = state.account(p.permission().actor());
            if (a == null) {
                throw NodeError.contract(NodeError.ACTION_VALIDATE, "account '" + p.permission().actor()
                        + "' does not exist", "validate_authority_precondition");
            }
            Name perm = p.permission().permission();
            if (perm.equals(ChainState.OWNER) || perm.equals(ChainState.ACTIVE) || perm.equals(ChainState.EOSIO_CODE)) {
                continue;
            }
            if (!a.permissions.containsKey(perm)) {
                throw NodeError.contract(NodeError.ACTION_VALIDATE, "permission '" + Json.level(p.permission())
                        + "' does not exist", "validate_authority_precondition");
            }
        }
    }

    /**
     * The authorization the node requires of the special {@code eosio} actions, checked before
     * the transaction runs (the node's {@code check_*_authorization}).
     */
    void checkSpecialAuthorization(io.antelopekit.chain.transaction.Action act) {
        Name n = act.name();
        List<PermissionLevel> auths = act.authorization();
        Reader r = new Reader(act.data().bytes());
        if (n.equals(UPDATEAUTH)) {
            Name account = r.name();
            Name permission = r.name();
            Name parent = r.name();
            single(auths, "updateauth action should only have one declared authorization");
            PermissionLevel auth = auths.get(0);
            owner(auth, account, "the owner of the affected permission needs to be the actor of the declared authorization");
            ChainState.Permission min = state.permission(account, permission);
            if (min == null) {
                min = getPermission(new PermissionLevel(account, parent));
            }
            satisfies(auth, min, "updateauth action declares irrelevant authority '");
        } else if (n.equals(DELETEAUTH)) {
            Name account = r.name();
            Name permission = r.name();
            single(auths, "deleteauth action should only have one declared authorization");
            PermissionLevel auth = auths.get(0);
            owner(auth, account, "the owner of the permission to delete needs to be the actor of the declared authorization");
            satisfies(auth, getPermission(new PermissionLevel(account, permission)),
                    "deleteauth action declares irrelevant authority '");
        } else if (n.equals(LINKAUTH)) {
            Name account = r.name();
            Name code = r.name();
            Name type = r.name();
            single(auths, "link action should only have one declared authorization");
            PermissionLevel auth = auths.get(0);
            owner(auth, account, "the owner of the linked permission needs to be the actor of the declared authorization");
            if (code.equals(ChainState.EOSIO)) {
                for (Name special : new Name[] {UPDATEAUTH, DELETEAUTH, LINKAUTH, UNLINKAUTH, CANCELDELAY}) {
                    if (type.equals(special)) {
                        throw NodeError.of(NodeError.ACTION_VALIDATE, "Cannot link eosio::" + special
                                + " to a minimum permission", "authorization_manager.cpp", 380, "check_linkauth_authorization");
                    }
                }
            }
            Name linked = state.minimumPermission(account, code, type);
            if (linked == null) {
                return;
            }
            satisfies(auth, getPermission(new PermissionLevel(account, linked)), "link action declares irrelevant authority '");
        } else if (n.equals(UNLINKAUTH)) {
            Name account = r.name();
            Name code = r.name();
            Name type = r.name();
            single(auths, "unlink action should only have one declared authorization");
            PermissionLevel auth = auths.get(0);
            owner(auth, account, "the owner of the linked permission needs to be the actor of the declared authorization");
            Name linked = state.linkedPermission(account, code, type);
            if (linked == null) {
                throw NodeError.of(NodeError.TRANSACTION, "cannot unlink non-existent permission link of account '"
                        + account + "' for actions matching '" + code + "::" + type + "'", "authorization_manager.cpp",
                        432, "check_unlinkauth_authorization");
            }
            if (linked.equals(ChainState.EOSIO_ANY)) {
                return;
            }
            satisfies(auth, getPermission(new PermissionLevel(account, linked)),
                    "unlink action declares irrelevant authority '");
        } else if (n.equals(CANCELDELAY)) {
            throw NodeError.of(NodeError.ACTION_VALIDATE, "canceldelay is not supported: delayed transactions are disabled",
                    "authorization_manager.cpp", 452, "check_canceldelay_authorization");
        }
    }

    private static void single(List<PermissionLevel> auths, String message) {
        if (auths.size() != 1) {
            throw NodeError.of(NodeError.IRRELEVANT_AUTH, message, "authorization_manager.cpp", 300, "check_authorization");
        }
    }

    private static void owner(PermissionLevel auth, Name account, String message) {
        if (!auth.actor().equals(account)) {
            throw NodeError.of(NodeError.IRRELEVANT_AUTH, message, "authorization_manager.cpp", 302, "check_authorization");
        }
    }

    private void satisfies(PermissionLevel auth, ChainState.Permission min, String message) {
        ChainState.Permission p = getPermission(auth);
        if (!state.satisfies(p, min)) {
            throw NodeError.of(NodeError.IRRELEVANT_AUTH, message + Json.level(auth) + "'; minimum authority is "
                    + Json.level(new PermissionLevel(min.owner, min.name)), "authorization_manager.cpp", 310,
                    "check_authorization");
        }
    }

    ChainState.Permission getPermission(PermissionLevel level) {
        ChainState.Permission p = state.permission(level.actor(), level.permission());
        if (p == null) {
            throw NodeError.of(NodeError.PERMISSION_QUERY, "Failed to retrieve permission: " + Json.level(level),
                    "authorization_manager.cpp", 255, "get_permission");
        }
        return p;
    }

    // ------------------------------------------------------------------ handlers

    /** Where each native handler refuses to run in a read-only transaction: its line in {@code eosio_contract.cpp}. */
    private static final Map<Name, Integer> READ_ONLY_LINES = Map.of(NEWACCOUNT, 68, SETCODE, 131, SETABI, 216,
            UPDATEAUTH, 255, DELETEAUTH, 330, LINKAUTH, 367, UNLINKAUTH, 429);

    /** Runs a native {@code eosio} action. */
    void apply(ActionContext ctx, Map<Name, TokenContract> tokens) {
        Name n = ctx.action.name();
        if (ctx.readOnly) {
            // the first check of each apply_eosio_* handler (setabi's message has the node's typo)
            throw NodeError.contract(NodeError.ACTION_VALIDATE, n + (n.equals(SETABI) ? " ot" : " not")
                    + " allowed in read-only transaction", "eosio_contract.cpp", READ_ONLY_LINES.get(n),
                    "apply_eosio_" + n);
        }
        Reader r = new Reader(ctx.action.data().bytes());
        if (n.equals(NEWACCOUNT)) {
            newaccount(ctx, r);
        } else if (n.equals(UPDATEAUTH)) {
            updateauth(ctx, r);
        } else if (n.equals(DELETEAUTH)) {
            deleteauth(ctx, r);
        } else if (n.equals(LINKAUTH)) {
            linkauth(ctx, r);
        } else if (n.equals(UNLINKAUTH)) {
            unlinkauth(ctx, r);
        } else if (n.equals(SETABI)) {
            setabi(ctx, r);
        } else if (n.equals(SETCODE)) {
            setcode(ctx, r);
        }
    }

    private static NodeError validate(String message) {
        return NodeError.contract(NodeError.ACTION_VALIDATE, message, "apply_eosio_" + "native");
    }

    private void newaccount(ActionContext ctx, Reader r) {
        Name creator = r.name();
        Name name = r.name();
        Authority owner = r.authority();
        Authority active = r.authority();
        ctx.requireAuth(creator);
        if (!valid(owner)) {
            throw validate("Invalid owner authority");
        }
        if (!valid(active)) {
            throw validate("Invalid active authority");
        }
        if (name.isEmpty()) {
            throw validate("account name cannot be empty");
        }
        String s = name.toString();
        if (s.length() > 12) {
            throw validate("account names can only be 12 chars long");
        }
        ChainState.Account c = state.account(creator);
        if (c != null && !c.privileged && s.startsWith("eosio.")) {
            throw validate("only privileged accounts can have names that start with 'eosio.'");
        }
        if (state.exists(name)) {
            throw NodeError.contract(NodeError.ACCOUNT_NAME_EXISTS, "Cannot create account named " + name
                    + ", as that name is already taken", "apply_eosio_newaccount");
        }
        authorityPrecondition(owner);
        authorityPrecondition(active);
        state.createAccount(name, owner, active, ctx.now);
    }

    private void updateauth(ActionContext ctx, Reader r) {
        Name account = r.name();
        Name permission = r.name();
        Name parent = r.name();
        Authority auth = r.authority();
        ctx.requireAuth(account);
        if (permission.isEmpty()) {
            throw validate("Cannot create authority with empty name");
        }
        if (permission.toString().startsWith("eosio.")) {
            throw validate("Permission names that start with 'eosio.' are reserved");
        }
        if (permission.equals(parent)) {
            throw validate("Cannot set an authority as its own parent");
        }
        ChainState.Account a = state.account(account);
        if (a == null) {
            throw NodeError.contract(NodeError.EXCEPTION, "unknown key (eosio::chain::name): " + account,
                    "apply_eosio_updateauth");
        }
        if (!valid(auth)) {
            throw validate("Invalid authority: " + Json.authority(auth));
        }
        if (permission.equals(ChainState.ACTIVE) && !parent.equals(ChainState.OWNER)) {
            throw validate("Cannot change active authority's parent from owner");
        }
        if (permission.equals(ChainState.OWNER)) {
            if (!parent.isEmpty()) {
                throw validate("Cannot change owner authority's parent");
            }
        } else if (parent.isEmpty()) {
            throw validate("Only owner permission can have empty parent");
        }
        if (!auth.waits().isEmpty() && auth.waits().get(auth.waits().size() - 1).waitSec() > MAX_TRANSACTION_DELAY_SEC) {
            throw validate("Cannot specify a delay larger than max_transaction_delay (" + MAX_TRANSACTION_DELAY_SEC
                    + " seconds)");
        }
        authorityPrecondition(auth);
        ChainState.Permission existing = a.permissions.get(permission);
        if (!permission.equals(ChainState.OWNER)) {
            getPermission(new PermissionLevel(account, parent));
        }
        if (existing != null && !existing.parent.equals(parent)) {
            throw validate("Changing parent authority is not currently supported");
        }
        state.putPermission(a, new ChainState.Permission(account, permission, parent, auth, ctx.now));
    }

    private void deleteauth(ActionContext ctx, Reader r) {
        Name account = r.name();
        Name permission = r.name();
        ctx.requireAuth(account);
        if (permission.equals(ChainState.ACTIVE)) {
            throw validate("Cannot delete active authority");
        }
        if (permission.equals(ChainState.OWNER)) {
            throw validate("Cannot delete owner authority");
        }
        ChainState.Account a = state.account(account);
        for (Map.Entry<ChainState.LinkKey, Name> e : a.links.entrySet()) {
            if (e.getValue().equals(permission)) {
                throw validate("Cannot delete a linked authority. Unlink the authority first. This authority is linked to "
                        + e.getKey().code() + "::" + e.getKey().type() + ".");
            }
        }
        getPermission(new PermissionLevel(account, permission));
        for (ChainState.Permission p : a.permissions.values()) {
            if (p.parent.equals(permission)) {
                throw validate("Cannot delete an authority which has children. Delete the children first");
            }
        }
        state.removePermission(a, permission);
    }

    private void linkauth(ActionContext ctx, Reader r) {
        Name account = r.name();
        Name code = r.name();
        Name type = r.name();
        Name requirement = r.name();
        if (requirement.isEmpty()) {
            throw validate("Required permission cannot be empty");
        }
        ctx.requireAuth(account);
        ChainState.Account a = state.account(account);
        if (a == null) {
            throw NodeError.contract(NodeError.ACCOUNT_QUERY, "Failed to retrieve account: " + account, "apply_eosio_linkauth");
        }
        if (!state.exists(code)) {
            throw NodeError.contract(NodeError.ACCOUNT_QUERY, "Failed to retrieve code for account: " + code,
                    "apply_eosio_linkauth");
        }
        if (!requirement.equals(ChainState.EOSIO_ANY) && !a.permissions.containsKey(requirement)) {
            throw NodeError.contract(NodeError.PERMISSION_QUERY, "Failed to retrieve permission: " + requirement,
                    "apply_eosio_linkauth");
        }
        state.putLink(a, new ChainState.LinkKey(code, type), requirement);
    }

    private void unlinkauth(ActionContext ctx, Reader r) {
        Name account = r.name();
        Name code = r.name();
        Name type = r.name();
        ctx.requireAuth(account);
        ChainState.Account a = state.account(account);
        ChainState.LinkKey key = new ChainState.LinkKey(code, type);
        if (a == null || !a.links.containsKey(key)) {
            throw validate("Attempting to unlink authority, but no link found");
        }
        state.putLink(a, key, null);
    }

    private void setabi(ActionContext ctx, Reader r) {
        Name account = r.name();
        byte[] abi = r.bytes();
        ctx.requireAuth(account);
        ChainState.Account a = state.account(account);
        if (a == null) {
            throw NodeError.contract(NodeError.EXCEPTION, "unknown key (eosio::chain::name): " + account,
                    "apply_eosio_setabi");
        }
        Abi compiled = null;
        if (abi.length > 0) {
            try {
                compiled = Abi.fromBinary(abi);
            } catch (RuntimeException e) {
                throw NodeError.contract(NodeError.EXCEPTION, "abi of " + account + " does not decode: " + e.getMessage(),
                        "apply_eosio_setabi");
            }
        }
        state.setAbi(a, abi, compiled);
    }

    private void setcode(ActionContext ctx, Reader r) {
        Name account = r.name();
        r.uint8();
        r.uint8();
        byte[] code = r.bytes();
        ctx.requireAuth(account);
        ChainState.Account a = state.account(account);
        if (a == null) {
            throw NodeError.contract(NodeError.EXCEPTION, "unknown key (eosio::chain::name): " + account,
                    "apply_eosio_setcode");
        }
        Checksum256 hash = code.length == 0 ? Checksum256.ZERO : Checksum256.hash(code);
        if (hash.equals(a.codeHash)) {
            throw validate("contract is already running this version of code");
        }
        state.setCode(a, hash, TimePoint.of(ctx.now.micros()));
    }
}
