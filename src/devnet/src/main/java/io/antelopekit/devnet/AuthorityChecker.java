package io.antelopekit.devnet;

import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.KeyWeight;
import io.antelopekit.api.model.PermissionLevelWeight;
import io.antelopekit.api.model.WaitWeight;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, as the node's {@code authority_checker} does, whether a set of keys satisfies a
 * permission: weights of the keys present, of the nested permission levels satisfied in turn
 * (at most {@link #MAX_DEPTH} levels deep) and of zero-second waits, taken heaviest first,
 * must reach the threshold. It remembers which keys it used, so that unused signatures can be
 * refused and {@code get_required_keys} can answer.
 */
final class AuthorityChecker {

    /** The node's {@code max_authority_depth}. */
    static final int MAX_DEPTH = 6;

    private final ChainState state;
    private final Set<PublicKey> provided;
    private Set<PublicKey> used = new LinkedHashSet<>();

    AuthorityChecker(ChainState state, Set<PublicKey> provided) {
        this.state = state;
        this.provided = provided;
    }

    boolean satisfied(PermissionLevel level) {
        return satisfied(level, 0, new ArrayList<>(2));
    }

    private boolean satisfied(PermissionLevel level, int depth, List<PermissionLevel> stack) {
        ChainState.Permission p = state.permission(level.actor(), level.permission());
        if (p == null || stack.contains(level)) {
            return false;
        }
        stack.add(level);
        try {
            return satisfied(p.auth, depth, stack);
        } finally {
            stack.remove(stack.size() - 1);
        }
    }

    private boolean satisfied(Authority auth, int depth, List<PermissionLevel> stack) {
        Set<PublicKey> before = used.isEmpty() ? Set.of() : new HashSet<>(used);
        long total = 0;
        long threshold = auth.threshold();
        // fast path: the usual single-key authority
        if (auth.accounts().isEmpty() && auth.waits().isEmpty() && auth.keys().size() == 1) {
            KeyWeight k = auth.keys().get(0);
            if (provided.contains(k.key()) && k.weight() >= threshold) {
                used.add(k.key());
                return true;
            }
            return false;
        }
        for (Object factor : heaviestFirst(auth)) {
            if (factor instanceof WaitWeight w) {
                if (w.waitSec() == 0) {
                    total += w.weight();
                }
            } else if (factor instanceof KeyWeight k) {
                if (provided.contains(k.key())) {
                    used.add(k.key());
                    total += k.weight();
                }
            } else {
                PermissionLevelWeight a = (PermissionLevelWeight) factor;
                if (depth < MAX_DEPTH && satisfied(a.permission(), depth + 1, stack)) {
                    total += a.weight();
                }
            }
            if (total >= threshold) {
                return true;
            }
        }
        used = before.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(before);
        return false;
    }

    /** Waits, keys and accounts, heaviest first; equal weights keep that order. */
    private static List<Object> heaviestFirst(Authority auth) {
        List<Object> all = new ArrayList<>(auth.keys().size() + auth.accounts().size() + auth.waits().size());
        all.addAll(auth.waits());
        all.addAll(auth.keys());
        all.addAll(auth.accounts());
        all.sort((x, y) -> Integer.compare(weight(y), weight(x)));
        return all;
    }

    private static int weight(Object factor) {
        if (factor instanceof WaitWeight w) {
            return w.weight();
        }
        if (factor instanceof KeyWeight k) {
            return k.weight();
        }
        return ((PermissionLevelWeight) factor).weight();
    }

    /** The keys that helped satisfy an authority so far, in the order used. */
    Set<PublicKey> usedKeys() {
        return used;
    }

    /** The provided keys no satisfied authority used. */
    List<PublicKey> unusedKeys() {
        List<PublicKey> out = new ArrayList<>();
        for (PublicKey k : provided) {
            if (!used.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
