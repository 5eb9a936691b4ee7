package io.antelopekit.session;

import io.antelopekit.chain.Checksum256;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.Optional;

/**
 * A {@link SessionKit}'s {@link SessionEvent}s: a hot stream; emission is best effort (it never
 * waits, and a slow or failing subscriber never fails the operation that emits).
 */
final class KitEvents {

    private final Sinks.Many<SessionEvent> sink = Sinks.many().multicast().directBestEffort();

    /** The events from now on. */
    Flux<SessionEvent> flux() {
        return sink.asFlux();
    }

    /** Emits {@code event} to the current subscribers. */
    void emit(SessionEvent event) {
        try {
            synchronized (sink) {
                sink.tryEmitNext(event);
            }
        } catch (RuntimeException subscriberFailure) {
            // best effort: a failing subscriber never fails the operation
        }
    }

    /** Ends the stream. */
    void complete() {
        synchronized (sink) {
            sink.tryEmitComplete();
        }
    }

    /**
     * A session was stored ({@code type}: {@code LOGIN} or {@code RESTORE}), and, when it was set
     * as the default and was not the chain's default before, the chain's default changed to it.
     */
    void stored(SessionEvent.Type type, SerializedSession session, boolean setAsDefault,
            Optional<StoredSessions.Key> previousDefault) {
        Checksum256 chain = Checksum256.from(session.chain());
        emit(new SessionEvent(type, chain, session));
        if (setAsDefault && !previousDefault.equals(Optional.of(StoredSessions.Key.of(session)))) {
            emit(new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, session.withDefault(true)));
        }
    }

    /** A session was logged out, and, when it was its chain's default, the chain has none left. */
    void loggedOut(SerializedSession session) {
        Checksum256 chain = Checksum256.from(session.chain());
        emit(new SessionEvent(SessionEvent.Type.LOGOUT, chain, session));
        if (Boolean.TRUE.equals(session.isDefault())) {
            emit(new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, null));
        }
    }
}
