package io.antelopekit.esr;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Remembers identity proofs an {@link IdentityProofVerifier} accepted, until they expire, so
 * the same proof is accepted once. {@link InMemoryReplayStore} serves one process; a store
 * shared by several (Redis {@code SET key 1 NX PXAT expiresAt}, for instance) implements this
 * interface.
 *
 * <pre>{@code
 * ReplayStore store = (key, expiresAt) -> redis.set(key, "1", SetArgs.Builder.nx().pxAt(expiresAt))
 *         .map("OK"::equals).defaultIfEmpty(false);
 * }</pre>
 */
@FunctionalInterface
public interface ReplayStore {

    /**
     * Records {@code key} until {@code expiresAt}, if it is not recorded yet. Checking and adding
     * must be one atomic step: of two concurrent calls with the same key, exactly one emits
     * {@code true}.
     *
     * @param key what identifies the proof (printable ASCII, at most 128 characters)
     * @param expiresAt when the record may be forgotten
     * @return {@code true} if the key was new and is now recorded, {@code false} if it was
     *         already recorded; an error if the store failed
     */
    Mono<Boolean> markSeen(String key, Instant expiresAt);
}
