package io.antelopekit.session;

import io.antelopekit.chain.Checksum256;

import java.util.Objects;

/**
 * What happened to a kit's sessions, from {@link SessionKit#events()}.
 *
 * @param type what happened
 * @param chain the chain concerned
 * @param session the session concerned; for {@link Type#DEFAULT_CHANGED} the new default, or
 *     {@code null} when the chain has no default any more
 */
public record SessionEvent(Type type, Checksum256 chain, SerializedSession session) {

    public SessionEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(chain, "chain");
    }

    /** Kinds of {@link SessionEvent}. */
    public enum Type {
        /** A login made and stored a session. */
        LOGIN,
        /** A session was logged out and removed from storage. */
        LOGOUT,
        /** A chain's default session changed. */
        DEFAULT_CHANGED,
        /** A stored session was restored. */
        RESTORE
    }
}
