package io.antelopekit.stream.ship;

import io.antelopekit.chain.Checksum256;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link ShipClient#blocks(ShipRequest)} subscription across its connections: the blocks
 * emitted that may still be undone, what to ask a node for after a reconnect, and the fork
 * reports. Used by one connection at a time, serially.
 */
final class ShipWalk {

    private final ShipRequest original;
    private final int forkWindow;
    private final TreeMap<Long, Checksum256> recent = new TreeMap<>();
    private long lastNum = -1;
    private long lib;

    ShipWalk(ShipRequest original, int forkWindow) {
        this.original = original;
        this.forkWindow = forkWindow;
    }

    /** The request for the next connection: right after the last block emitted, with the ones that may be undone. */
    ShipRequest request() {
        if (lastNum < 0) {
            return original;
        }
        List<ShipPosition> have = new ArrayList<>();
        if (!original.irreversibleOnly()) {
            for (Map.Entry<Long, Checksum256> e : recent.entrySet()) {
                have.add(new ShipPosition(e.getKey(), e.getValue()));
            }
        }
        return original.havePositions(have).withStart(lastNum + 1);
    }

    /** Whether the stream has reached its end. */
    boolean done() {
        return lastNum >= 0 && lastNum + 1 >= original.endBlock();
    }

    /** Checks that {@code b} follows the blocks emitted, and says how many of them it undoes. */
    ShipBlock accept(ShipBlock b, URI endpoint) {
        long n = b.num();
        int undone = 0;
        if (lastNum >= 0) {
            if (n <= lastNum) {
                undone = (int) (lastNum - n + 1);
                recent.tailMap(n, true).clear();
            } else if (n != lastNum + 1) {
                throw new ShipProtocolException(endpoint + " sent block " + n + " after block " + lastNum, null);
            }
            Checksum256 before = recent.get(n - 1);
            if (b.previous() != null && before != null && !before.equals(b.previous().blockId())) {
                throw new ShipProtocolException(endpoint + " sent block " + n + " " + b.id() + " that follows "
                        + b.previous() + ", not block " + (n - 1) + " " + before + " that the stream emitted", null);
            }
        }
        lastNum = n;
        lib = Math.max(lib, b.lastIrreversible().blockNum());
        recent.put(n, b.id());
        // blocks below the last irreversible one can no longer be undone (keep it: a fork's common ancestor)
        recent.headMap(Math.min(lib, n), false).clear();
        while (recent.size() > forkWindow) {
            recent.pollFirstEntry();
        }
        return undone == 0 ? b : new ShipBlock(b.head(), b.lastIrreversible(), b.position(), b.previous(), undone,
                b.signedBlock(), b.traces(), b.deltas());
    }
}
