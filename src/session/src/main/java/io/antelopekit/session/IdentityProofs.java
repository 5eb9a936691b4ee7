package io.antelopekit.session;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.session.internal.Placeholders;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;

/**
 * A session's answers to version 3 identity requests: the wallet signs the request's identity
 * transaction, unchanged, and the first signature makes the proof.
 */
final class IdentityProofs {

    private final PermissionLevel signer;
    private final WalletPlugin wallet;
    private final SessionMetrics metrics;

    IdentityProofs(PermissionLevel signer, WalletPlugin wallet, SessionMetrics metrics) {
        this.signer = signer;
        this.wallet = wallet;
        this.metrics = metrics;
    }

    /**
     * The proof answering {@code request} on chain {@code chainId}, its transaction expiring
     * {@code ttlSeconds} from now.
     *
     * @param context what the wallet is given to sign with
     * @return the proof; a {@link SessionException} if the request is not a version 3 identity
     *     request or asks for another account or permission, or if the wallet changed the
     *     transaction or gave no signature; an {@link UnknownChainException} if the request is for
     *     another chain
     */
    Mono<IdentityProof> prove(SigningRequest request, long ttlSeconds, Checksum256 chainId, TransactContext context) {
        return Mono.defer(() -> {
            if (!request.isIdentity() || request.version() < 3) {
                return Mono.error(new SessionException("an identity proof answers a version 3 identity request, not "
                        + (request.isIdentity() ? "a version " + request.version() + " identity request"
                                : "a transaction request") + ": " + request));
            }
            PermissionLevel asked = request.identityPermission().orElse(null);
            if (asked != null && !(matches(asked.actor(), signer.actor())
                    && matches(asked.permission(), signer.permission()))) {
                return Mono.error(new SessionException("the identity request asks for " + asked
                        + ", the session is " + signer));
            }
            TaposContext ctx = ResolvedRequest.forChain(request, chainId,
                    TaposContext.none().withTimestamp(TimePointSec.fromInstant(Instant.now()), ttlSeconds));
            ResolvedSigningRequest resolved = request.resolve(Map.of(), signer, ctx);
            Transaction transaction = resolved.transaction();
            return metrics.sign(Mono.defer(() -> wallet.sign(transaction, context)))
                    .switchIfEmpty(Mono.error(() -> new SessionException(
                            "wallet " + wallet.id() + " completed without signing the identity request")))
                    .map(r -> {
                        if (r.transaction() != null && !r.transaction().equals(transaction)) {
                            throw new SessionException("wallet " + wallet.id()
                                    + " changed the identity transaction; a proof signs it unchanged");
                        }
                        if (r.signatures().isEmpty()) {
                            throw new SessionException("wallet " + wallet.id()
                                    + " gave no signature for the identity request");
                        }
                        return resolved.identityProof(r.signatures().get(0));
                    });
        });
    }

    /** Whether a name an identity request asks for is the signer's (a placeholder is anyone's). */
    private static boolean matches(Name asked, Name own) {
        return asked.equals(own) || Placeholders.isPlaceholder(asked);
    }
}
