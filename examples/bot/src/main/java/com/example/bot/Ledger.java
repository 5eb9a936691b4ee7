package com.example.bot;

import io.antelopekit.chain.Checksum256;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bot records what became of each payout. Here in memory; a real bot keeps it where it
 * keeps its payouts (a database), so that a restart knows what was paid.
 */
final class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    /** What became of a payout. */
    enum State {
        PAID, FAILED, UNKNOWN
    }

    private final Map<Long, State> states = new ConcurrentHashMap<>();

    void paid(long id, Checksum256 transactionId, long blockNum) {
        states.put(id, State.PAID);
        log.debug("payout {} paid in transaction {}, block {}", id, transactionId, blockNum);
    }

    /** Signed and sent, but the answer was lost: ask the chain about the transaction before anything else. */
    void unknown(long id, Checksum256 transactionId) {
        states.put(id, State.UNKNOWN);
        log.warn("payout {}: transaction {} has an unknown fate; check it on chain before paying again", id, transactionId);
    }

    void failed(long id, String errorName) {
        states.put(id, State.FAILED);
        log.warn("payout {} failed: {}", id, errorName);
    }

    State state(long id) {
        return states.get(id);
    }

    /** How many payouts are in each state. */
    Map<State, Integer> summary() {
        Map<State, Integer> counts = new TreeMap<>();
        states.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }
}
