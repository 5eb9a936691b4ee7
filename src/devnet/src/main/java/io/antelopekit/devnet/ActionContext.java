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
 * it may require, and the accounts it notifies. Mirrors the node's {@code apply_context}.
 */
final class ActionContext {

    final Action action;
    final Name receiver;
    final ChainState state;
    final TimePoint now;
    final List<Name> notified = new ArrayList<>(2);

    ActionContext(Action action, Name receiver, ChainState state, TimePoint now) {
        this.action = action;
        this.receiver = receiver;
        this.state = state;
        this.now = now;
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
