package io.antelopekit.session;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A signing request resolved for a session's signer and chain, with the ABIs it was resolved
 * with. When the request carries no TAPoS values, {@code resolved} has zeros there: the header is
 * left unset for the transact steps after the {@code beforeSign} hooks to fill in, as for any
 * other transaction, and {@link #withHeader} resolves the request again with the values used.
 */
record ResolvedRequest(SigningRequest request, Map<Name, Abi> abis, ResolvedSigningRequest resolved) {

    /**
     * {@code request} resolved for {@code signer} on chain {@code chainId}, its contracts' ABIs
     * through {@code abiLookup}.
     *
     * @return the resolved request; a {@link SessionException} for an identity request, an
     *     {@link UnknownChainException} for a request of another chain
     */
    static Mono<ResolvedRequest> resolve(SigningRequest request, PermissionLevel signer,
            Function<Name, Mono<Abi>> abiLookup, Checksum256 chainId) {
        return Mono.defer(() -> {
            if (request.isIdentity()) {
                return Mono.error(new SessionException("an identity request is not a transaction to transact; "
                        + "answer it with Session.identityProof: " + request));
            }
            TaposContext ctx = forChain(request, chainId, request.requiresTapos()
                    ? TaposContext.explicit(TimePointSec.of(0), 0, 0) : TaposContext.none());
            List<Name> contracts = request.requiredAbis();
            if (contracts.isEmpty()) {
                return Mono.just(new ResolvedRequest(request, Map.of(), request.resolve(Map.of(), signer, ctx)));
            }
            return Flux.fromIterable(contracts)
                    .flatMap(c -> abiLookup.apply(c).map(abi -> Map.entry(c, abi)), contracts.size())
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .map(found -> new ResolvedRequest(request, found, request.resolve(found, signer, ctx)));
        });
    }

    /** The request resolved with the TAPoS values of {@code header} (its own when it has them). */
    ResolvedSigningRequest withHeader(TransactionHeader header, PermissionLevel signer, Checksum256 chainId) {
        if (!request.requiresTapos()) {
            return resolved;
        }
        return request.resolve(abis, signer, forChain(request, chainId,
                TaposContext.explicit(header.expiration(), header.refBlockNum(), header.refBlockPrefix())));
    }

    /**
     * {@code ctx} for resolving {@code request} on chain {@code chainId}.
     *
     * @throws UnknownChainException if the request is for another chain, or is a multi-chain
     *     request that does not allow {@code chainId}
     */
    static TaposContext forChain(SigningRequest request, Checksum256 chainId, TaposContext ctx) {
        if (!request.isMultiChain()) {
            Checksum256 own = request.chainId().orElseThrow();
            if (!own.equals(chainId)) {
                throw new UnknownChainException("the signing request is for chain " + own + ", the session is on "
                        + chainId);
            }
            return ctx;
        }
        List<Checksum256> allowed = request.chainIds();
        if (!allowed.isEmpty() && !allowed.contains(chainId)) {
            throw new UnknownChainException("the multi-chain signing request allows chains " + allowed
                    + ", not the session's chain " + chainId);
        }
        return ctx.withChainId(chainId);
    }
}
