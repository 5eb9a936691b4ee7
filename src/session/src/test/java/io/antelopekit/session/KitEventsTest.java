package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.Checksum256;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The kit's event stream. */
class KitEventsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String A = StoredSessionsTest.A;

    private final KitEvents events = new KitEvents();
    private final List<SessionEvent> seen = new CopyOnWriteArrayList<>();

    private Disposable record() {
        return events.flux().subscribe(seen::add);
    }

    static SerializedSession alice(Boolean isDefault) {
        return StoredSessionsTest.session(A, "alice", "active", "w", "1").withDefault(Boolean.TRUE.equals(isDefault));
    }

    @Test
    void aStoredSessionThatBecomesANewDefaultAlsoChangesTheDefault() {
        Disposable d = record();
        SerializedSession alice = alice(true);

        events.stored(SessionEvent.Type.LOGIN, alice, true, Optional.empty());
        events.stored(SessionEvent.Type.RESTORE, alice(false), true,
                Optional.of(StoredSessions.Key.of(StoredSessionsTest.session(A, "bob", "active", "w", "1"))));

        Checksum256 chain = Checksum256.from(A);
        assertThat(seen).containsExactly(
                new SessionEvent(SessionEvent.Type.LOGIN, chain, alice),
                new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, alice),
                new SessionEvent(SessionEvent.Type.RESTORE, chain, alice(false)),
                new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, alice(true)));
        d.dispose();
    }

    @Test
    void aSessionThatWasAlreadyTheDefaultOrIsNotSetAsOneChangesNoDefault() {
        Disposable d = record();

        events.stored(SessionEvent.Type.LOGIN, alice(true), true, Optional.of(StoredSessions.Key.of(alice(true))));
        events.stored(SessionEvent.Type.LOGIN, alice(false), false, Optional.empty());

        assertThat(seen).extracting(SessionEvent::type).containsExactly(SessionEvent.Type.LOGIN, SessionEvent.Type.LOGIN);
        d.dispose();
    }

    @Test
    void loggingOutTheDefaultLeavesTheChainWithoutOne() {
        Disposable d = record();

        events.loggedOut(alice(false));
        events.loggedOut(alice(true));

        Checksum256 chain = Checksum256.from(A);
        assertThat(seen).containsExactly(
                new SessionEvent(SessionEvent.Type.LOGOUT, chain, alice(false)),
                new SessionEvent(SessionEvent.Type.LOGOUT, chain, alice(true)),
                new SessionEvent(SessionEvent.Type.DEFAULT_CHANGED, chain, null));
        d.dispose();
    }

    @Test
    void aFailingSubscriberNeverFailsTheEmitterAndCompleteEndsTheStream() {
        Disposable failing = events.flux().subscribe(e -> {
            throw new IllegalStateException("subscriber bug");
        }, e -> { });
        Disposable d = record();

        events.loggedOut(alice(false));
        events.loggedOut(alice(false));

        assertThat(seen).hasSize(2);
        StepVerifier.create(events.flux())
                .then(events::complete)
                .expectComplete()
                .verify(TIMEOUT);
        failing.dispose();
        d.dispose();
    }
}
