package io.antelopekit.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.storage.ReactiveSessionStorage;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A kit's stored sessions, in the {@link StorageLayout} it was given: what the login, restore and
 * logout collaborators ask of the storage, each kept atomic by the layout (a {@link Layout}:
 * {@link WharfKitLayout} or {@link PerSessionLayout}). Also the JSON codec of a stored session,
 * shared by both layouts.
 */
final class StoredSessions {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** WharfKit's order of the session list, also the order in which the other layout lists sessions. */
    static final Comparator<JsonNode> STORAGE_ORDER = Comparator
            .<JsonNode, String>comparing(s -> s.path("chain").asText())
            .thenComparing(s -> s.path("actor").asText())
            .thenComparing(s -> s.path("permission").asText());

    /** {@link #STORAGE_ORDER} of sessions. */
    static final Comparator<SerializedSession> SESSION_ORDER = Comparator
            .comparing(SerializedSession::chain)
            .thenComparing(SerializedSession::actor)
            .thenComparing(SerializedSession::permission);

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

    /**
     * How sessions are laid out in the storage. Every change is one atomic
     * {@link ReactiveSessionStorage#updateAll} (or, for {@link #removeAll}, one per group of
     * sessions), so concurrent changes lose nothing and no reader sees a change half made.
     */
    interface Layout {

        /** Every stored session, in storage order (chain, actor, permission), each flagged as its chain's default or not. */
        Mono<List<SerializedSession>> list();

        /** The current session; empty when none is stored (or its session is gone). */
        Mono<SerializedSession> current();

        /**
         * The stored sessions that may match {@code args} (on its chain; with their default
         * flags, in storage order): all of them, or only those the layout can tell apart by key.
         * {@link Restorer#find} picks among them.
         */
        Mono<List<SerializedSession>> candidates(RestoreArgs args);

        /** Stores {@code session}; the key of its chain's default before, if any. */
        Mono<Optional<Key>> put(SerializedSession session, boolean setAsDefault);

        /** Starts the session's time to live again, where sessions expire; changes nothing else. */
        Mono<Void> touch(Key key);

        /** Removes the session {@code key} (and the pointers to it); what was stored, if anything. */
        Mono<Optional<SerializedSession>> remove(Key key);

        /** Removes every session {@code which} accepts; those removed, in storage order. */
        Mono<List<SerializedSession>> removeAll(Predicate<SerializedSession> which);
    }

    private final ReactiveSessionStorage storage;
    private final Layout layout;

    /** Sessions in WharfKit's layout. */
    StoredSessions(ReactiveSessionStorage storage) {
        this(storage, StorageLayout.WHARFKIT, null, null);
    }

    /**
     * Sessions in {@code layout}.
     *
     * @param appName the kit's app name (the per-session layout's keys start with it)
     * @param ttl the time to live of each session in the per-session layout, or null for none
     */
    StoredSessions(ReactiveSessionStorage storage, StorageLayout layout, String appName, Duration ttl) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.layout = switch (Objects.requireNonNull(layout, "layout")) {
            case WHARFKIT -> new WharfKitLayout(storage);
            case PER_SESSION -> new PerSessionLayout(storage, appName, ttl);
        };
    }

    /** Where the sessions are stored. */
    ReactiveSessionStorage storage() {
        return storage;
    }

    /**
     * The stored sessions, in storage order; an empty list when none is stored.
     *
     * @return the list; a {@link SessionException} if what is stored is not sessions
     */
    Mono<List<SerializedSession>> list() {
        return layout.list();
    }

    /**
     * The stored current session.
     *
     * @return the session; empty when none is stored; a {@link SessionException} if it is not a session
     */
    Mono<SerializedSession> current() {
        return layout.current();
    }

    /** The stored sessions among which {@link Restorer#find} looks for {@code args}. */
    Mono<List<SerializedSession>> candidates(RestoreArgs args) {
        Objects.requireNonNull(args, "args");
        return layout.candidates(args);
    }

    /**
     * Stores {@code session}, in one atomic update: replacing the entry of the same chain, actor
     * and permission; with {@code setAsDefault}, it becomes its chain's default (the chain's
     * other sessions lose their default) and the current session. A session stored again without
     * {@code setAsDefault} keeps the default it had (and stays the current session if it was).
     *
     * @return the key of the chain's default before, if it had one
     */
    Mono<Optional<Key>> put(SerializedSession session, boolean setAsDefault) {
        Objects.requireNonNull(session, "session");
        return layout.put(session, setAsDefault);
    }

    /** Starts the time to live of the stored session {@code key} again (where sessions expire). */
    Mono<Void> touch(Key key) {
        Objects.requireNonNull(key, "key");
        return layout.touch(key);
    }

    /**
     * Removes the session {@code key}, in one atomic update, and the current session (and its
     * chain's default) when it is this session.
     *
     * @return the entry removed, if it was stored
     */
    Mono<Optional<SerializedSession>> remove(Key key) {
        Objects.requireNonNull(key, "key");
        return layout.remove(key);
    }

    /**
     * Removes every stored session that {@code which} accepts, and the current session when
     * {@code which} accepts it or it is unreadable.
     *
     * @return the sessions removed, in storage order
     */
    Mono<List<SerializedSession>> removeAll(Predicate<SerializedSession> which) {
        Objects.requireNonNull(which, "which");
        return layout.removeAll(which);
    }

    // ------------------------------------------------------------------ codec

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new SessionException("cannot write session JSON: " + e.getMessage(), e);
        }
    }

    static SerializedSession parseSession(String text, String where) {
        try {
            return toSession(JSON.readTree(text), where);
        } catch (JsonProcessingException e) {
            throw new SessionException("stored '" + where + "' is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static SerializedSession toSession(JsonNode node, String where) {
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
