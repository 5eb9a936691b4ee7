package io.antelopekit.session;

import static io.antelopekit.session.SessionKit.SESSIONS_KEY;
import static io.antelopekit.session.SessionKit.SESSION_KEY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.storage.ReactiveSessionStorage;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Sessions stored as WharfKit stores them: a {@code session} entry (the current session's JSON)
 * and a {@code sessions} entry (a JSON array of every session, sorted by chain, actor and
 * permission, with {@code "default": true} on at most one session per chain). Both entries are
 * always changed together, in one {@link ReactiveSessionStorage#updateAll} of the storage, so the
 * stored current session is at every instant one of the listed sessions and its chain's default,
 * and concurrent changes (logins on many threads or processes) lose nothing.
 */
final class StoredSessions {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Comparator<JsonNode> STORAGE_ORDER = Comparator
            .<JsonNode, String>comparing(s -> s.path("chain").asText())
            .thenComparing(s -> s.path("actor").asText())
            .thenComparing(s -> s.path("permission").asText());

    /** The two keys, always changed together. */
    private static final Set<String> KEYS = Set.of(SESSION_KEY, SESSIONS_KEY);

    /** A stored session's identity: chain, actor, permission. */
    record Key(Checksum256 chain, Name actor, Name permission) {
        static Key of(SerializedSession s) {
            return new Key(Checksum256.from(s.chain()), Name.from(s.actor()), Name.from(s.permission()));
        }

        @Override
        public String toString() {
            return actor + "@" + permission + " on " + chain;
        }
    }

    private final ReactiveSessionStorage storage;

    StoredSessions(ReactiveSessionStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Where the sessions are stored. */
    ReactiveSessionStorage storage() {
        return storage;
    }

    /**
     * The stored list, in storage order; an empty list when none is stored.
     *
     * @return the list; a {@link SessionException} if it is not a list of sessions
     */
    Mono<List<SerializedSession>> list() {
        return storage.read(SESSIONS_KEY).map(StoredSessions::parseSessions).defaultIfEmpty(List.of());
    }

    /**
     * The stored current session.
     *
     * @return the session; empty when none is stored; a {@link SessionException} if it is not a session
     */
    Mono<SerializedSession> current() {
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
    Mono<Optional<Key>> put(SerializedSession session, boolean setAsDefault) {
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
    Mono<Optional<SerializedSession>> remove(Key key) {
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
    Mono<List<SerializedSession>> removeAll(Predicate<SerializedSession> which) {
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

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new SessionException("cannot write session JSON: " + e.getMessage(), e);
        }
    }

    private static ArrayNode parseList(String text) {
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

    private static List<SerializedSession> parseSessions(String text) {
        ArrayNode list = parseList(text);
        List<SerializedSession> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(toSession(list.get(i), SESSIONS_KEY + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static SerializedSession parseSession(String text, String where) {
        try {
            return toSession(JSON.readTree(text), where);
        } catch (JsonProcessingException e) {
            throw new SessionException("stored '" + where + "' is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static SerializedSession toSession(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new SessionException("stored " + where + " is not a JSON object");
        }
        for (String field : new String[] {"chain", "actor", "permission"}) {
            if (!node.path(field).isTextual()) {
                throw new SessionException("stored " + where + "." + field + " is missing or not a string");
            }
        }
        if (!node.path("walletPlugin").path("id").isTextual()) {
            throw new SessionException("stored " + where + ".walletPlugin.id is missing or not a string");
        }
        SerializedSession s;
        try {
            s = JSON.treeToValue(node, SerializedSession.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SessionException("stored " + where + " is not a session: " + e.getMessage(), e);
        }
        try {
            Key.of(s);
        } catch (RuntimeException e) {
            throw new SessionException("stored " + where + " has an invalid chain, actor or permission: "
                    + e.getMessage(), e);
        }
        return s;
    }
}
