package io.antelopekit.spring.security;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What one {@link WalletSignIn} allows, in this process's memory: the rejected answers an
 * attempt takes before it fails. With several instances each counts what it sees (a shared
 * store does not share these counts).
 *
 * <p>Thread-safe: short critical sections, CPU only.
 */
final class SignInLimits {

    /** Attempts whose bad answers are counted, at most (older ones are forgotten first). */
    static final int MAX_TRACKED = 100_000;

    private final int maxBadAnswers;
    private final Clock clock;
    /** Rejected answers by attempt id, until the attempt expires. */
    private final Map<String, Counter> badAnswers = new HashMap<>();

    private static final class Counter {
        final Instant until;
        int count;

        Counter(Instant until) {
            this.until = until;
        }
    }

    SignInLimits(int maxBadAnswers, Clock clock) {
        this.maxBadAnswers = maxBadAnswers;
        this.clock = clock;
    }

    int maxBadAnswers() {
        return maxBadAnswers;
    }

    /**
     * Counts a rejected answer to attempt {@code id} (which expires at {@code expiresAt}).
     *
     * @return whether it was the last one allowed: the attempt fails now
     */
    boolean badAnswer(String id, Instant expiresAt) {
        Instant now = clock.instant();
        synchronized (badAnswers) {
            if (badAnswers.size() >= MAX_TRACKED) {
                badAnswers.values().removeIf(c -> !now.isBefore(c.until));
                if (badAnswers.size() >= MAX_TRACKED) {
                    Iterator<Counter> it = badAnswers.values().iterator();
                    it.next();
                    it.remove();
                }
            }
            Counter c = badAnswers.computeIfAbsent(id, k -> new Counter(expiresAt));
            c.count++;
            if (c.count >= maxBadAnswers) {
                badAnswers.remove(id);
                return true;
            }
            return false;
        }
    }

    /** Forgets the counts of an attempt that ended. */
    void ended(String id) {
        synchronized (badAnswers) {
            badAnswers.remove(id);
        }
    }
}
