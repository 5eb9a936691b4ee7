package io.antelopekit.session;

import static io.antelopekit.session.SessionKit.SESSIONS_KEY;
import static io.antelopekit.session.SessionKit.SESSION_KEY;
import static io.antelopekit.session.StoredSessions.JSON;
import static io.antelopekit.session.StoredSessions.SESSION_ORDER;
import static io.antelopekit.session.StoredSessions.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.session.StoredSessions.Key;
import io.antelopekit.storage.ReactiveSessionStorage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves a store's sessions from one {@link StorageLayout} to the other; see
 * {@link SessionKit#migrateStorage}. The new layout is written first, the old one removed after,
 * each removal only where the old layout still holds what was moved; what the new layout already
 * holds is never overwritten (it is newer: a kit of the new layout wrote it). So a run that
 * crashed half-way is finished by the next, and a run after a finished one moves nothing.
 */
final class LayoutMigration {

    /** How many keys one update writes or removes at most. */
    static final int GROUP = PerSessionLayout.GROUP;

    private final ReactiveSessionStorage storage;
    private final PerSessionLayout perSession;
    private final Duration ttl;

    LayoutMigration(ReactiveSessionStorage storage, String appName, Duration ttl) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.perSession = new PerSessionLayout(storage, appName, ttl);
        this.ttl = ttl;
    }

    Mono<Integer> migrate(StorageLayout from, StorageLayout to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            return Mono.just(0);
        }
        return from == StorageLayout.WHARFKIT ? toPerSession() : toWharfKit();
    }

    // ------------------------------------------------------------------ WharfKit -> per session

    private Mono<Integer> toPerSession() {
        return Mono.defer(() -> {
            AtomicReference<Map<String, String>> snapshot = new AtomicReference<>();
            // one atomic read of both keys
            return storage.updateAll(WharfKitLayout.KEYS, values -> {
                        snapshot.set(Map.copyOf(values));
                        return values;
                    })
                    .then(Mono.defer(() -> {
                        Map<String, String> old = snapshot.get();
                        if (old.isEmpty()) {
                            return Mono.just(0);
                        }
                        List<SerializedSession> list = old.containsKey(SESSIONS_KEY)
                                ? WharfKitLayout.parseSessions(old.get(SESSIONS_KEY)) : List.of();
                        SerializedSession current = old.containsKey(SESSION_KEY)
                                ? StoredSessions.parseSession(old.get(SESSION_KEY), SESSION_KEY) : null;
                        Map<String, SerializedSession> sessions = new LinkedHashMap<>();
                        Map<String, String> pointers = new HashMap<>();
                        for (SerializedSession s : list) {
                            String key = perSession.sessionKey(Key.of(s));
                            sessions.put(key, s);
                            if (Boolean.TRUE.equals(s.isDefault())) {
                                pointers.put(perSession.defaultKey(Key.of(s).chain()), key);
                            }
                        }
                        if (current != null) {
                            String key = perSession.sessionKey(Key.of(current));
                            sessions.putIfAbsent(key, current); // not listed (it should be): moved all the same
                            pointers.put(perSession.currentKey(), key);
                        }
                        return writeAbsent(sessions).flatMap(moved -> writeAbsentPointers(pointers)
                                .then(removeWharfKit(old))
                                .thenReturn(moved));
                    }));
        });
    }

    /**
     * Writes each session whose key is absent, in groups; the number written. With a time to
     * live, every session of a group gets it (one already there starts its life again).
     */
    private Mono<Integer> writeAbsent(Map<String, SerializedSession> sessions) {
        AtomicInteger written = new AtomicInteger();
        return Flux.fromIterable(sessions.keySet())
                .buffer(GROUP)
                .concatMap(group -> {
                    Map<String, Duration> lives = new HashMap<>();
                    if (ttl != null) {
                        group.forEach(key -> lives.put(key, ttl));
                    }
                    AtomicInteger added = new AtomicInteger();
                    return storage.updateAll(new HashSet<>(group), values -> {
                        Map<String, String> next = new HashMap<>(values);
                        added.set(0);
                        for (String key : group) {
                            if (next.putIfAbsent(key, PerSessionLayout.json(sessions.get(key))) == null) {
                                added.incrementAndGet();
                            }
                        }
                        return next;
                    }, lives).doOnSuccess(v -> written.addAndGet(added.get()));
                })
                .then(Mono.fromSupplier(written::get));
    }

    /** Sets each pointer that is absent (one the new layout already has is newer). */
    private Mono<Void> writeAbsentPointers(Map<String, String> pointers) {
        if (pointers.isEmpty()) {
            return Mono.empty();
        }
        return storage.updateAll(pointers.keySet(), values -> {
            Map<String, String> next = new HashMap<>(values);
            pointers.forEach(next::putIfAbsent);
            return next;
        }).then();
    }

    /** Removes {@code session} and {@code sessions} if they still hold what was moved. */
    private Mono<Void> removeWharfKit(Map<String, String> moved) {
        return storage.updateAll(WharfKitLayout.KEYS, values -> {
            if (!values.equals(moved)) {
                throw changedMeanwhile("'" + SESSION_KEY + "' and '" + SESSIONS_KEY + "' changed");
            }
            return Map.of();
        }).then();
    }

    // ------------------------------------------------------------------ per session -> WharfKit

    private Mono<Integer> toWharfKit() {
        return Mono.defer(() -> Mono.zip(perSession.list(), storage.read(perSession.currentKey()).defaultIfEmpty(""))
                .flatMap(t -> {
                    List<SerializedSession> sessions = t.getT1();
                    String currentPointer = t.getT2();
                    Key current = perSession.keyOf(currentPointer);
                    if (sessions.isEmpty() && currentPointer.isEmpty()) {
                        return Mono.just(0);
                    }
                    AtomicInteger added = new AtomicInteger();
                    return storage.updateAll(WharfKitLayout.KEYS, values -> {
                                added.set(0);
                                return merged(values, sessions, current, added);
                            })
                            .then(removePerSession(sessions, currentPointer))
                            .then(Mono.fromSupplier(added::get));
                }));
    }

    /**
     * WharfKit's two entries with {@code sessions} added: a listed session of the same key stays
     * as it is, a chain with a default keeps it, and the current entry is set only when absent
     * and when the moved current session is its chain's default in the merged list.
     */
    private static Map<String, String> merged(Map<String, String> values, List<SerializedSession> sessions, Key current,
            AtomicInteger added) {
        List<SerializedSession> list = new ArrayList<>(values.containsKey(SESSIONS_KEY)
                ? WharfKitLayout.parseSessions(values.get(SESSIONS_KEY)) : List.of());
        Set<Key> listed = new HashSet<>();
        Set<Checksum256> withDefault = new HashSet<>();
        for (SerializedSession s : list) {
            listed.add(Key.of(s));
            if (Boolean.TRUE.equals(s.isDefault())) {
                withDefault.add(Key.of(s).chain());
            }
        }
        SerializedSession currentEntry = null;
        for (SerializedSession s : sessions) {
            Key k = Key.of(s);
            if (!listed.add(k)) {
                continue;
            }
            boolean isDefault = Boolean.TRUE.equals(s.isDefault()) && withDefault.add(k.chain());
            SerializedSession entry = s.withDefault(isDefault);
            list.add(entry);
            added.incrementAndGet();
            if (k.equals(current) && isDefault) {
                currentEntry = entry;
            }
        }
        list.sort(SESSION_ORDER);
        Map<String, String> next = new HashMap<>(values);
        if (!list.isEmpty()) {
            ArrayNode array = JSON.createArrayNode();
            list.forEach(s -> array.add(JSON.valueToTree(s)));
            next.put(SESSIONS_KEY, text(array));
        }
        if (!values.containsKey(SESSION_KEY) && currentEntry != null) {
            next.put(SESSION_KEY, text(JSON.valueToTree(currentEntry)));
        }
        return next;
    }

    /**
     * Removes the moved sessions' keys, in groups, each only if it still holds what was moved,
     * then the pointers (the default pointers of the moved sessions' chains and the current
     * pointer) if they still hold what they held.
     */
    private Mono<Void> removePerSession(List<SerializedSession> sessions, String currentPointer) {
        Map<String, String> moved = new LinkedHashMap<>();
        Map<String, String> pointers = new HashMap<>();
        for (SerializedSession s : sessions) {
            Key k = Key.of(s);
            String key = perSession.sessionKey(k);
            moved.put(key, PerSessionLayout.json(s));
            if (Boolean.TRUE.equals(s.isDefault())) {
                pointers.put(perSession.defaultKey(k.chain()), key);
            }
        }
        if (!currentPointer.isEmpty()) {
            pointers.put(perSession.currentKey(), currentPointer);
        }
        AtomicInteger changed = new AtomicInteger();
        return Flux.fromIterable(moved.keySet())
                .buffer(GROUP)
                .concatMap(group -> {
                    AtomicInteger kept = new AtomicInteger();
                    return storage.updateAll(new HashSet<>(group), values -> {
                        kept.set(0);
                        Map<String, String> next = new HashMap<>(values);
                        for (String key : group) {
                            String value = values.get(key);
                            if (value == null) {
                                continue;
                            }
                            if (sameSession(key, value, moved.get(key))) {
                                next.remove(key);
                            } else {
                                kept.incrementAndGet();
                            }
                        }
                        return next;
                    }).doOnSuccess(v -> changed.addAndGet(kept.get()));
                })
                .then(Mono.defer(() -> pointers.isEmpty() ? Mono.empty()
                        : storage.updateAll(pointers.keySet(), values -> {
                            Map<String, String> next = new HashMap<>(values);
                            pointers.forEach(next::remove);
                            return next;
                        }).then()))
                .then(Mono.defer(() -> changed.get() == 0 ? Mono.<Void>empty()
                        : Mono.error(changedMeanwhile(changed.get() + " sessions changed"))));
    }

    /** Whether {@code value}, stored under {@code key}, is the session moved as {@code moved}. */
    private boolean sameSession(String key, String value, String moved) {
        if (value.equals(moved)) {
            return true;
        }
        try {
            return JSON.readTree(value).equals(JSON.readTree(moved));
        } catch (Exception unreadable) {
            return false;
        }
    }

    private static SessionException changedMeanwhile(String what) {
        return new SessionException("the stored sessions changed while they were moved (" + what + "): what was"
                + " moved stays in both layouts where it changed; run the migration again");
    }
}
