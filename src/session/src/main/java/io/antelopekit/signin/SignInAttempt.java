package io.antelopekit.signin;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sign-in with a wallet, as a {@link SignInStore} keeps it: the identity request shown to the
 * user, who may watch and complete it, until when, and its {@link SignInOutcome} once the
 * wallet's callback came.
 *
 * <pre>{@code
 * store.get(id).filter(a -> a.outcome() == null && Instant.now().isBefore(a.expiresAt()));
 * }</pre>
 *
 * @param id the attempt's unguessable id (in the callback URL)
 * @param owner what binds the attempt to the browser that asked (a hash of a secret kept in its
 *     web session), never the secret itself
 * @param chainIds the chains the request allows (one, or several for a multi-chain request)
 * @param scope the identity request's scope
 * @param link the {@code esr:} link of the identity request
 * @param expiresAt when the request stops waiting for its callback
 * @param outcome the outcome, or {@code null} while pending
 */
public record SignInAttempt(String id, String owner, List<Checksum256> chainIds, Name scope, String link,
        Instant expiresAt, SignInOutcome outcome) {

    /** Checks the parts (only {@code outcome} may be null). */
    public SignInAttempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        chainIds = List.copyOf(Objects.requireNonNull(chainIds, "chainIds"));
        if (chainIds.isEmpty()) {
            throw new IllegalArgumentException("a SignInAttempt needs at least one chain id");
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the wallet's callback has not come yet. */
    public boolean isPending() {
        return outcome == null;
    }

    /** This attempt with {@code outcome}. */
    public SignInAttempt withOutcome(SignInOutcome outcome) {
        return new SignInAttempt(id, owner, chainIds, scope, link, expiresAt, Objects.requireNonNull(outcome, "outcome"));
    }

    /** The id, chains, expiration and outcome (not the owner). */
    @Override
    public String toString() {
        return "SignInAttempt[" + id + ", chains=" + chainIds + ", scope=" + scope + ", expiresAt=" + expiresAt + ", "
                + (outcome == null ? "pending" : outcome.toString()) + "]";
    }
}
