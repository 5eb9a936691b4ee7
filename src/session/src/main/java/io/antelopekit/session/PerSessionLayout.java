package io.antelopekit.session;

import static io.antelopekit.session.StoredSessions.JSON;
import static io.antelopekit.session.StoredSessions.SESSION_ORDER;
import static io.antelopekit.session.StoredSessions.parseSession;
import static io.antelopekit.session.StoredSessions.text;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.session.StoredSessions.Key;
import io.antelopekit.storage.ReactiveSessionStorage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * {@link StorageLayout#PER_SESSION}: one key per session, so that a login, a restore and a
 * logout touch a few keys whatever the number of sessions stored.
 *
 * <ul>
 *   <li>{@code <app>/session/<chain>/<actor>@<permission>}: the session's JSON, WharfKit's
 *       serialized session without its {@code default} flag (which the pointers below decide);
 *       with a time to live, the key expires on its own.</li>
 *   <li>{@code <app>/default/<chain>}: the key of the chain's default session.</li>
 *   <li>{@code <app>/current}: the key of the current session (the last one set as default).</li>
 * </ul>
 *
 * <p>A login changes its session's key and both pointers in one atomic
 * {@link ReactiveSessionStorage#updateAll updateAll} of those three keys, and so does a logout; a
 * restore reads the session's key (and its chain's default pointer) and, with a time to live,
 * starts it again. The pointers never expire: one that names a session that is gone (expired,
 * or removed by hand) reads as none, and the next login or logout of that session clears it, so a
 * session logged in again after it expired does not inherit the default it had. Listing
 * ({@code getSessions}, {@code restoreAll}, {@code logout()}) goes through
 * {@link ReactiveSessionStorage#keys keys}: a cost in the number of sessions, as it must be.
 */
final class PerSessionLayout implements StoredSessions.Layout {

    /** How many sessions one change of {@link #removeAll} covers (and how many reads run at once). */
    static final int GROUP = 128;

    private final ReactiveSessionStorage storage;
    /** {@code <app>/session/}. */
    private final String sessions;
    /** {@code <app>/default/}. */
    private final String defaults;
    /** {@code <app>/current}. */
    private final String current;
    private final Duration ttl;

    PerSessionLayout(ReactiveSessionStorage storage, String appName, Duration ttl) {
        this.storage = Objects.requireNonNull(storage, "storage");
        String root = root(appName);
        this.sessions = root + "session/";
        this.defaults = root + "default/";
        this.current = root + "current";
        this.ttl = ttl;
    }

    /**
     * {@code <app>/}, {@code %} and {@code /} of the app name escaped, so that one app's prefixes
     * never start another's keys.
     *
     * @throws IllegalArgumentException when {@code appName} is null or empty
     */
    static String root(String appName) {
        if (appName == null || appName.isEmpty()) {
            throw new IllegalArgumentException("the per-session layout needs an app name (its keys start with it)");
        }
        return appName.replace("%", "%25").replace("/", "%2F") + "/";
    }

    /** The key of the session {@code k}. */
    String sessionKey(Key k) {
        return sessions + k.chain() + "/" + k.actor() + "@" + k.permission();
    }

    /** The key of the pointer to the default session of {@code chain}. */
    String defaultKey(Checksum256 chain) {
        return defaults + chain;
    }

    /** The key of the pointer to the current session. */
    String currentKey() {
        return current;
    }

    /** The prefix of every session key. */
    String sessionsPrefix() {
        return sessions;
    }

    /** The session {@code key} names; null when it is not one of this app's session keys (as this layout writes them). */
    Key keyOf(String key) {
        if (key == null || !key.startsWith(sessions)) {
            return null;
        }
        String rest = key.substring(sessions.length());
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@');
        if (slash < 0 || at < slash) {
            return null;
        }
        try {
            Key k = new Key(Checksum256.from(rest.substring(0, slash)), Name.from(rest.substring(slash + 1, at)),
                    Name.from(rest.substring(at + 1)));
            return sessionKey(k).equals(key) ? k : null;
        } catch (RuntimeException notASessionKey) {
            return null;
        }
    }

    /** The JSON stored for {@code session}: without its default flag. */
    static String json(SerializedSession session) {
        return text(JSON.valueToTree(new SerializedSession(session.chain(), session.actor(), session.permission(),
                session.walletPlugin(), session.data(), null)));
    }

    /** The session stored under {@code key} as {@code text}; a {@link SessionException} if it is not that key's session. */
    SerializedSession parse(String key, String text) {
        Key k = keyOf(key);
        if (k == null) {
            throw new SessionException("stored '" + key + "' is not the key of a session (" + sessions
                    + "<chain>/<actor>@<permission>)");
        }
        SerializedSession s = parseSession(text, key);
        if (!Key.of(s).equals(k)) {
            throw new SessionException("stored '" + key + "' holds the session of " + Key.of(s));
        }
        return s;
    }

    /** The session a pointer ({@code where}) names; a {@link SessionException} if it names none of this app's. */
    private Key pointer(String value, String where) {
        Key k = keyOf(value);
        if (k == null) {
            throw new SessionException("stored '" + where + "' does not hold the key of a session (" + sessions
                    + "<chain>/<actor>@<permission>)");
        }
        return k;
    }

    private Mono<SerializedSession> read(Key k) {
        String key = sessionKey(k);
        return storage.read(key).map(text -> parse(key, text));
    }

    /** The session {@code k}, flagged as its chain's default or not; empty when it is not stored. */
    private Mono<SerializedSession> readFlagged(Key k) {
        return Mono.zip(read(k), storage.read(defaultKey(k.chain())).map(sessionKey(k)::equals).defaultIfEmpty(false))
                .map(t -> t.getT1().withDefault(t.getT2()));
    }

    /** The sessions under {@code prefix}, flagged by {@code defaults} (session key by chain), in storage order. */
    private Mono<List<SerializedSession>> listed(String prefix, Mono<Map<String, String>> defaults) {
        return defaults.flatMap(d -> storage.keys(prefix)
                .flatMapSequential(key -> storage.read(key).map(text -> {
                    SerializedSession s = parse(key, text);
                    return s.withDefault(key.equals(d.get(Key.of(s).chain().toString())));
                }), GROUP)
                .collectSortedList(SESSION_ORDER)
                .map(List::copyOf));
    }

    /** The default pointers: the default session's key by chain (hex). */
    private Mono<Map<String, String>> defaults() {
        return storage.keys(defaults)
                .flatMap(key -> storage.read(key).map(value -> Map.entry(key.substring(defaults.length()), value)), GROUP)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    @Override
    public Mono<List<SerializedSession>> list() {
        return Mono.defer(() -> listed(sessions, defaults()));
    }

    @Override
    public Mono<SerializedSession> current() {
        return storage.read(current).flatMap(value -> readFlagged(pointer(value, current)));
    }

    /**
     * {@inheritDoc} Here by key: the session of the actor and permission given; the chain's
     * default when nothing is given; else the sessions of the chain (of the actor, when given),
     * listed by prefix.
     */
    @Override
    public Mono<List<SerializedSession>> candidates(RestoreArgs args) {
        Checksum256 chain = args.chain();
        if (args.actor() != null && args.permission() != null) {
            return readFlagged(new Key(chain, args.actor(), args.permission())).map(List::of).defaultIfEmpty(List.of());
        }
        String defaultKey = defaultKey(chain);
        if (args.actor() == null && args.permission() == null && args.walletPlugin() == null) {
            return storage.read(defaultKey).flatMap(value -> {
                Key k = pointer(value, defaultKey);
                if (!k.chain().equals(chain)) {
                    throw new SessionException("stored '" + defaultKey + "' names a session of chain " + k.chain());
                }
                return read(k).map(s -> List.of(s.withDefault(true)));
            }).defaultIfEmpty(List.of());
        }
        String prefix = sessions + chain + "/" + (args.actor() != null ? args.actor() + "@" : "");
        return listed(prefix, storage.read(defaultKey).map(value -> Map.of(chain.toString(), value))
                .defaultIfEmpty(Map.of()));
    }

    @Override
    public Mono<Optional<Key>> put(SerializedSession session, boolean setAsDefault) {
        return Mono.defer(() -> {
            Key key = Key.of(session);
            String s = sessionKey(key);
            String d = defaultKey(key.chain());
            String json = json(session);
            AtomicReference<Optional<Key>> previousDefault = new AtomicReference<>(Optional.empty());
            return storage.updateAll(Set.of(s, d, current), values -> {
                        boolean stored = values.containsKey(s);
                        String oldDefault = values.get(d);
                        // a pointer to this session while it is not stored (it expired) names nothing
                        previousDefault.set(oldDefault == null || oldDefault.equals(s) && !stored ? Optional.empty()
                                : Optional.ofNullable(keyOf(oldDefault)));
                        Map<String, String> next = new HashMap<>(values);
                        next.put(s, json);
                        if (setAsDefault) {
                            next.put(d, s);
                            next.put(current, s);
                        } else if (!stored) {
                            // logged in again after it expired: it does not inherit the default it had
                            next.remove(d, s);
                            next.remove(current, s);
                        }
                        return next;
                    }, ttl(s))
                    .then(Mono.fromSupplier(previousDefault::get));
        });
    }

    @Override
    public Mono<Void> touch(Key key) {
        if (ttl == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            String s = sessionKey(key);
            return storage.updateAll(Set.of(s), values -> values, ttl(s)).then();
        });
    }

    private Map<String, Duration> ttl(String sessionKey) {
        return ttl == null ? Map.of() : Map.of(sessionKey, ttl);
    }

    @Override
    public Mono<Optional<SerializedSession>> remove(Key key) {
        return Mono.defer(() -> {
            String s = sessionKey(key);
            String d = defaultKey(key.chain());
            AtomicReference<SerializedSession> removed = new AtomicReference<>();
            return storage.updateAll(Set.of(s, d, current), values -> {
                        removed.set(null);
                        Map<String, String> next = new HashMap<>(values);
                        String text = next.remove(s);
                        boolean wasDefault = next.remove(d, s);
                        next.remove(current, s);
                        if (text != null) {
                            try {
                                removed.set(parse(s, text).withDefault(wasDefault));
                            } catch (SessionException unreadable) {
                                // removed all the same: there is nothing to tell of it
                            }
                        }
                        return next;
                    })
                    .then(Mono.fromSupplier(() -> Optional.ofNullable(removed.get())));
        });
    }

    /**
     * {@inheritDoc} Here in groups of {@value #GROUP} sessions, each group one atomic update of
     * its sessions' keys, their chains' default pointers and the current pointer: each session
     * leaves with its pointers, but the whole is not one step (a login meanwhile may stay).
     */
    @Override
    public Mono<List<SerializedSession>> removeAll(Predicate<SerializedSession> which) {
        return storage.keys(sessions)
                .buffer(GROUP)
                .concatMap(group -> removeGroup(group, which))
                .concatMapIterable(removed -> removed)
                .collectSortedList(SESSION_ORDER)
                .map(List::copyOf);
    }

    private Mono<List<SerializedSession>> removeGroup(List<String> group, Predicate<SerializedSession> which) {
        return Mono.defer(() -> {
            Set<String> keys = new HashSet<>(group);
            for (String key : group) {
                Key k = keyOf(key);
                if (k != null) {
                    keys.add(defaultKey(k.chain()));
                }
            }
            keys.add(current);
            AtomicReference<List<SerializedSession>> removed = new AtomicReference<>(List.of());
            return storage.updateAll(keys, values -> {
                        List<SerializedSession> gone = new ArrayList<>();
                        Map<String, String> next = new HashMap<>(values);
                        for (String key : group) {
                            String text = values.get(key);
                            if (text == null) {
                                continue; // gone meanwhile
                            }
                            SerializedSession s = parse(key, text);
                            String d = defaultKey(Key.of(s).chain());
                            boolean isDefault = key.equals(values.get(d));
                            s = s.withDefault(isDefault);
                            if (which.test(s)) {
                                gone.add(s);
                                next.remove(key);
                                next.remove(d, key);
                                next.remove(current, key);
                            }
                        }
                        String c = next.get(current);
                        if (c != null && keyOf(c) == null) {
                            next.remove(current); // unreadable: removed, as WharfKit's layout does
                        }
                        removed.set(gone);
                        return next;
                    })
                    .then(Mono.fromSupplier(removed::get));
        });
    }
}
