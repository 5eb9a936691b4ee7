package io.antelopekit.spring.security;

import io.antelopekit.chain.Hex;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What one {@link WalletSignIn} allows, kept in this process's memory: pending attempts per web
 * session and per client address, attempts started per minute per client address (a token
 * bucket), and the rejected answers an attempt takes before it fails. A pending attempt holds
 * its slots until it ends here or expires (on the sign-in's clock). With several instances each
 * counts what it sees: the limits are per instance (a shared store does not share them).
 *
 * <p>Refusals are logged once per {@link #LOG_INTERVAL}, with their count, not once each.
 * Thread-safe: short critical sections, CPU only.
 */
final class SignInLimits {

    private static final Log LOG = LogFactory.getLog(WalletSignIn.class);

    /** Keys (sessions, addresses, attempts) tracked at most in each map; idle ones are dropped first. */
    static final int MAX_TRACKED = 100_000;

    /** How often refusals are logged at most. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    /** Why an attempt was not started, and when to try again. */
    record Refusal(String reason, long retryAfterSeconds) {
    }

    private record Pending(String id, Instant expiresAt) {
    }

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private record Owners(String session, String client) {
    }

    private static final class Counter {
        final Instant until;
        int count;

        Counter(Instant until) {
            this.until = until;
        }
    }

    private final int maxPendingPerSession;
    private final int maxPendingPerClient;
    private final int maxRequestsPerMinute;
    private final int maxBadAnswers;
    private final Clock clock;

    private final Map<String, List<Pending>> bySession = new HashMap<>();
    private final Map<String, List<Pending>> byClient = new HashMap<>();
    private final Map<String, Owners> owners = new HashMap<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Counter> badAnswers = new HashMap<>();
    private long refusedSinceLog;
    private Instant loggedAt = Instant.MIN;

    SignInLimits(int maxPendingPerSession, int maxPendingPerClient, int maxRequestsPerMinute, int maxBadAnswers,
            Clock clock) {
        this.maxPendingPerSession = maxPendingPerSession;
        this.maxPendingPerClient = maxPendingPerClient;
        this.maxRequestsPerMinute = maxRequestsPerMinute;
        this.maxBadAnswers = maxBadAnswers;
        this.clock = clock;
    }

    int maxBadAnswers() {
        return maxBadAnswers;
    }

    /**
     * The key of a client address: the address itself, or for IPv6 its /64 network (one host
     * usually has a whole /64); {@code "unknown"} without an address.
     */
    static String clientKey(InetSocketAddress remote) {
        InetAddress a = remote == null ? null : remote.getAddress();
        if (a == null) {
            return "unknown";
        }
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            return "ipv6:" + Hex.encode(b, 0, 8) + "::/64";
        }
        return a.getHostAddress();
    }

    /**
     * Starts attempt {@code id} of web session {@code session} and client {@code client}, which
     * expires at {@code expiresAt}, if the limits allow it.
     *
     * @return null when started, or why not
     */
    Refusal admit(String id, String session, String client, Instant expiresAt) {
        Instant now = clock.instant();
        Refusal refusal;
        synchronized (this) {
            if (full()) {
                sweep(now);
                if (full()) {
                    // as many clients as the maps may hold: no one more until some expire
                    refusal = new Refusal("too many sign-in requests; try again later", 60);
                    refused(now, refusal.reason());
                    return refusal;
                }
            }
            List<Pending> ofSession = live(bySession, session, now);
            List<Pending> ofClient = live(byClient, client, now);
            Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket(maxRequestsPerMinute, now));
            refill(bucket, now);
            if (ofSession.size() >= maxPendingPerSession) {
                refusal = new Refusal("too many pending sign-in requests in this session", untilFirstEnds(ofSession,
                        now));
            } else if (ofClient.size() >= maxPendingPerClient) {
                refusal = new Refusal("too many pending sign-in requests from this address", untilFirstEnds(ofClient,
                        now));
            } else if (bucket.tokens < 1) {
                double perToken = 60.0 / maxRequestsPerMinute;
                refusal = new Refusal("too many sign-in requests from this address",
                        Math.max(1, (long) Math.ceil((1 - bucket.tokens) * perToken)));
            } else {
                bucket.tokens -= 1;
                Pending p = new Pending(id, expiresAt);
                ofSession.add(p);
                ofClient.add(p);
                owners.put(id, new Owners(session, client));
                return null;
            }
            // a refused client keeps no empty entry
            if (ofSession.isEmpty()) {
                bySession.remove(session);
            }
            if (ofClient.isEmpty()) {
                byClient.remove(client);
            }
            refused(now, refusal.reason());
        }
        return refusal;
    }

    /** Entries kept (sessions, addresses, attempts): for tests. */
    synchronized int tracked() {
        return bySession.size() + byClient.size() + owners.size();
    }

    private boolean full() {
        return owners.size() >= MAX_TRACKED || buckets.size() >= MAX_TRACKED || bySession.size() >= MAX_TRACKED
                || byClient.size() >= MAX_TRACKED;
    }

    /** Counts a refusal, and logs the count once per interval. */
    private void refused(Instant now, String reason) {
        refusedSinceLog++;
        if (!now.isBefore(loggedAt.plus(LOG_INTERVAL))) {
            LOG.warn("antelopekit: sign-in: " + refusedSinceLog + " request(s) refused"
                    + (loggedAt.equals(Instant.MIN) ? "" : " since " + loggedAt) + ", the last: " + reason
                    + " (limits: " + maxPendingPerSession + " pending per session, " + maxPendingPerClient
                    + " per address, " + maxRequestsPerMinute + " per minute per address); next report in "
                    + LOG_INTERVAL.toMinutes() + " min at most");
            refusedSinceLog = 0;
            loggedAt = now;
        }
    }

    /** Logs the refusal of a service that is full, as {@link #admit} does: once per interval. */
    void full(String reason) {
        synchronized (this) {
            refused(clock.instant(), reason);
        }
    }

    /** Attempt {@code id} ended (verified, failed, completed, or not stored): frees its slots and counts. */
    void ended(String id) {
        synchronized (this) {
            badAnswers.remove(id);
            Owners o = owners.remove(id);
            if (o != null) {
                remove(bySession, o.session(), id);
                remove(byClient, o.client(), id);
            }
        }
    }

    /**
     * Counts a rejected answer to attempt {@code id} (which expires at {@code expiresAt}).
     *
     * @return whether it was the last one allowed: the attempt fails now
     */
    boolean badAnswer(String id, Instant expiresAt) {
        Instant now = clock.instant();
        synchronized (this) {
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
            return c.count >= maxBadAnswers;
        }
    }

    private static void remove(Map<String, List<Pending>> map, String key, String id) {
        List<Pending> list = map.get(key);
        if (list != null) {
            list.removeIf(p -> p.id().equals(id));
            if (list.isEmpty()) {
                map.remove(key);
            }
        }
    }

    /** The pending attempts of {@code key}, the expired ones dropped. */
    private List<Pending> live(Map<String, List<Pending>> map, String key, Instant now) {
        List<Pending> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        list.removeIf(p -> {
            if (now.isBefore(p.expiresAt())) {
                return false;
            }
            owners.remove(p.id());
            return true;
        });
        return list;
    }

    private void refill(Bucket b, Instant now) {
        if (now.isAfter(b.at)) {
            double minutes = Duration.between(b.at, now).toNanos() / 60e9;
            b.tokens = Math.min(maxRequestsPerMinute, b.tokens + minutes * maxRequestsPerMinute);
            b.at = now;
        }
    }

    private static long untilFirstEnds(List<Pending> list, Instant now) {
        Instant first = Instant.MAX;
        for (Pending p : list) {
            if (p.expiresAt().isBefore(first)) {
                first = p.expiresAt();
            }
        }
        return Math.max(1, (long) Math.ceil(Duration.between(now, first).toMillis() / 1000.0));
    }

    /** Drops what is idle: expired attempts, empty lists, full buckets. */
    private void sweep(Instant now) {
        for (Map<String, List<Pending>> map : List.of(bySession, byClient)) {
            for (Iterator<Map.Entry<String, List<Pending>>> it = map.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, List<Pending>> e = it.next();
                live(map, e.getKey(), now);
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
        owners.values().removeIf(o -> !bySession.containsKey(o.session()) && !byClient.containsKey(o.client()));
        buckets.values().removeIf(b -> {
            refill(b, now);
            return b.tokens >= maxRequestsPerMinute;
        });
    }
}
