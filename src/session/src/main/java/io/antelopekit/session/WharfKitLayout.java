package io.antelopekit.session;

import static io.antelopekit.session.SessionKit.SESSIONS_KEY;
import static io.antelopekit.session.SessionKit.SESSION_KEY;
import static io.antelopekit.session.StoredSessions.JSON;
import static io.antelopekit.session.StoredSessions.STORAGE_ORDER;
import static io.antelopekit.session.StoredSessions.parseSession;
import static io.antelopekit.session.StoredSessions.text;
import static io.antelopekit.session.StoredSessions.toSession;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.session.StoredSessions.Key;
import io.antelopekit.storage.ReactiveSessionStorage;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * {@link StorageLayout#WHARFKIT}: a {@code session} entry (the current session's JSON) and a
 * {@code sessions} entry (a JSON array of every session, sorted by chain, actor and permission,
 * with {@code "default": true} on at most one session per chain). Both entries are always changed
 * together, in one {@link ReactiveSessionStorage#updateAll} of the storage, so the stored current
 * session is at every instant one of the listed sessions and its chain's default, and concurrent
 * changes (logins on many threads or processes) lose nothing.
 */
final class WharfKitLayout implements StoredSessions.Layout {

    /** The two keys, always changed together. */
    static final Set<String> KEYS = Set.of(SESSION_KEY, SESSIONS_KEY);

    private final ReactiveSessionStorage storage;

    WharfKitLayout(ReactiveSessionStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * The stored list, in storage order; an empty list when none is stored.
     *
     * @return the list; a {@link SessionException} if it is not a list of sessions
     */
    @Override
    public Mono<List<SerializedSession>> list() {
        return storage.read(SESSIONS_KEY).map(WharfKitLayout::parseSessions).defaultIfEmpty(List.of());
    }

    /**
     * The stored current session.
     *
     * @return the session; empty when none is stored; a {@link SessionException} if it is not a session
     */
    @Override
    public Mono<SerializedSession> current() {
        return storage.read(SESSION_KEY).map(text -> parseSession(text, SESSION_KEY));
    }

    /**
     * Stores {@code session}, in one atomic update: the list (replacing the entry of the same
     * chain, actor and permission; with {@code setAsDefault}, the chain's other sessions lose
     * their default) and, when it becomes the default, the {@code session} entry. A session stored
     * again without {@code setAsDefault} keeps the default it had (and the {@code session} entry,
     * when it names it, is refreshed with it).
     *
     * @return the key of the chain's default before, if it had one
     */
    @Override
    public Mono<Optional<Key>> put(SerializedSession session, boolean setAsDefault) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> {
            SerializedSession serialized = session.withDefault(setAsDefault);
            ObjectNode entry = JSON.valueToTree(serialized);
            Key key = Key.of(serialized);
            AtomicReference<Key> previousDefault = new AtomicReference<>();
            return storage.updateAll(KEYS, values -> {
                        String list = withSession(values.get(SESSIONS_KEY), entry, key, setAsDefault, previousDefault);
                        Map<String, String> next = new HashMap<>(values);
                        next.put(SESSIONS_KEY, list);
                        if (setAsDefault) {
                            next.put(SESSION_KEY, text(entry));
                        } else if (key.equals(previousDefault.get()) && values.get(SESSION_KEY) != null
                                && isKey(values.get(SESSION_KEY), key)) {
                            // it stays the default it was (see withSession): the current entry follows the list's
                            ObjectNode current = entry.deepCopy();
                            current.put("default", true);
                            next.put(SESSION_KEY, text(current));
                        }
                        return next;
                    })
                    .then(Mono.fromSupplier(() -> Optional.ofNullable(previousDefault.get())));
        });
    }

    /**
     * Removes the session {@code key}, in one atomic update: from the list, and the current
     * session entry when it is this session (another or unreadable current entry stays).
     *
     * @return the entry removed from the list, if it was there
     */
    @Override
    public Mono<Optional<SerializedSession>> remove(Key key) {
        Objects.requireNonNull(key, "key");
        return Mono.defer(() -> {
            AtomicReference<SerializedSession> removed = new AtomicReference<>();
            return storage.updateAll(KEYS, values -> {
                        Map<String, String> next = new HashMap<>();
                        String current = values.get(SESSION_KEY);
                        if (current != null && !isKey(current, key)) {
                            next.put(SESSION_KEY, current);
                        }
                        removed.set(null);
                        String old = values.get(SESSIONS_KEY);
                        if (old == null) {
                            return next;
                        }
                        ArrayNode list = parseList(old);
                        ArrayNode kept = JSON.createArrayNode();
                        for (int i = 0; i < list.size(); i++) {
                            SerializedSession s = toSession(list.get(i), SESSIONS_KEY + "[" + i + "]");
                            if (Key.of(s).equals(key)) {
                                removed.set(s);
                            } else {
                                kept.add(list.get(i));
                            }
                        }
                        next.put(SESSIONS_KEY, text(kept));
                        return next;
                    })
                    .then(Mono.fromSupplier(() -> Optional.ofNullable(removed.get())));
        });
    }

    /**
     * Removes every listed session that {@code which} accepts, in one atomic update, and the
     * current session entry when {@code which} accepts it or it is unreadable. The list entry is
     * removed when no session is left in it.
     *
     * @return the sessions removed from the list, in storage order
     */
    @Override
    public Mono<List<SerializedSession>> removeAll(Predicate<SerializedSession> which) {
        Objects.requireNonNull(which, "which");
        return Mono.defer(() -> {
            AtomicReference<List<SerializedSession>> removed = new AtomicReference<>(List.of());
            return storage.updateAll(KEYS, values -> {
                        Map<String, String> next = new HashMap<>();
                        String current = values.get(SESSION_KEY);
                        if (current != null) {
                            try {
                                if (!which.test(parseSession(current, SESSION_KEY))) {
                                    next.put(SESSION_KEY, current);
                                }
                            } catch (SessionException unreadable) {
                                // removed
                            }
                        }
                        removed.set(List.of());
                        String old = values.get(SESSIONS_KEY);
                        if (old == null) {
                            return next;
                        }
                        ArrayNode list = parseList(old);
                        List<SerializedSession> gone = new ArrayList<>();
                        ArrayNode kept = JSON.createArrayNode();
                        for (int i = 0; i < list.size(); i++) {
                            SerializedSession s = toSession(list.get(i), SESSIONS_KEY + "[" + i + "]");
                            if (which.test(s)) {
                                gone.add(s);
                            } else {
                                kept.add(list.get(i));
                            }
                        }
                        removed.set(List.copyOf(gone));
                        if (!kept.isEmpty()) {
                            next.put(SESSIONS_KEY, text(kept));
                        }
                        return next;
                    })
                    .then(Mono.fromSupplier(removed::get));
        });
    }

    /** {@inheritDoc} Here the whole list: any session of it may match. */
    @Override
    public Mono<List<SerializedSession>> candidates(RestoreArgs args) {
        return list();
    }

    /** {@inheritDoc} Here nothing: the entries of this layout do not expire. */
    @Override
    public Mono<Void> touch(Key key) {
        return Mono.empty();
    }

    // ------------------------------------------------------------------ codec

    /** The list {@code old} with {@code entry} put in its place; notes the chain's default before. */
    private static String withSession(String old, ObjectNode entry, Key key, boolean setAsDefault,
            AtomicReference<Key> previousDefault) {
        ArrayNode list = parseList(old);
        List<JsonNode> out = new ArrayList<>(list.size() + 1);
        boolean replacedWasDefault = false;
        Key previous = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            Key k = Key.of(toSession(s, SESSIONS_KEY + "[" + i + "]"));
            boolean isDefault = s.path("default").asBoolean(false);
            boolean sameChain = k.chain().equals(key.chain());
            if (sameChain && isDefault) {
                previous = k;
            }
            if (k.equals(key)) {
                replacedWasDefault = isDefault;
                continue;
            }
            if (setAsDefault && sameChain) {
                ObjectNode copy = ((ObjectNode) s).deepCopy();
                copy.put("default", false);
                out.add(copy);
            } else {
                out.add(s);
            }
        }
        ObjectNode mine = entry.deepCopy();
        if (!setAsDefault && replacedWasDefault) {
            // a session logged in again without becoming the default keeps the default it had
            mine.put("default", true);
        }
        out.add(mine);
        out.sort(STORAGE_ORDER);
        previousDefault.set(previous);
        return text(JSON.createArrayNode().addAll(out));
    }

    /** Whether the stored current session {@code text} is the session of {@code key}; false when unreadable. */
    private static boolean isKey(String text, Key key) {
        try {
            return Key.of(parseSession(text, SESSION_KEY)).equals(key);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    static ArrayNode parseList(String text) {
        if (text == null) {
            return JSON.createArrayNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SessionException("stored '" + SESSIONS_KEY + "' is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JSON.createArrayNode();
        }
        if (!node.isArray()) {
            throw new SessionException("stored '" + SESSIONS_KEY + "' is not a JSON array but " + node.getNodeType());
        }
        return (ArrayNode) node;
    }

    static List<SerializedSession> parseSessions(String text) {
        ArrayNode list = parseList(text);
        List<SerializedSession> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(toSession(list.get(i), SESSIONS_KEY + "[" + i + "]"));
        }
        return List.copyOf(out);
    }
}
