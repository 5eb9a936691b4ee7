package io.antelopekit.esr;

import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.session.internal.Placeholders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link SigningRequest#resolve}: placeholders, TAPoS values and the chain. */
final class Resolver {

    private Resolver() {
    }

    static ResolvedSigningRequest resolve(SigningRequest request, Map<Name, Abi> abis, PermissionLevel signer,
            TaposContext ctx) {
        Objects.requireNonNull(abis, "abis");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(ctx, "context");

        Checksum256 chainId = chainId(request, ctx);
        Transaction raw = request.rawTransaction();
        TransactionHeader header = header(request, raw.header(), ctx);

        List<Action> rawActions = raw.actions();
        Action[] resolved = new Action[rawActions.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = resolveAction(request, rawActions.get(i), i, abis, signer);
        }
        Transaction trx = Transaction.of(header, raw.contextFreeActions(), List.of(resolved),
                raw.transactionExtensions());
        return new ResolvedSigningRequest(request, signer, trx, chainId);
    }

    private static Checksum256 chainId(SigningRequest request, TaposContext ctx) {
        Optional<Checksum256> own = request.chainId();
        if (own.isPresent()) {
            return own.get();
        }
        Checksum256 chosen = ctx.chainId().orElseThrow(() -> new InvalidSigningRequestException(
                "a multi-chain request needs the chain chosen: give it with TaposContext.withChainId"));
        List<Checksum256> allowed = request.chainIds();
        if (!allowed.isEmpty() && !allowed.contains(chosen)) {
            throw new InvalidSigningRequestException("chain " + chosen + " is not one of the request's chain_ids "
                    + allowed);
        }
        return chosen;
    }

    private static TransactionHeader header(SigningRequest request, TransactionHeader h, TaposContext ctx) {
        try {
            if (!request.isIdentity() && !SigningRequest.hasTapos(h)) {
                if (ctx.expiration().isPresent() && ctx.refBlockNum().isPresent() && ctx.refBlockPrefix().isPresent()) {
                    return new TransactionHeader(ctx.expiration().get(), ctx.refBlockNum().getAsInt(),
                            ctx.refBlockPrefix().getAsLong(), h.maxNetUsageWords(), h.maxCpuUsageMs(), h.delaySec());
                }
                if (ctx.blockNum().isPresent() && ctx.refBlockPrefix().isPresent() && ctx.timestamp().isPresent()) {
                    TimePointSec expiration = TimePointSec.of(ctx.timestamp().get().seconds() + ctx.expireSeconds());
                    return new TransactionHeader(expiration, (int) (ctx.blockNum().getAsLong() & 0xFFFF),
                            ctx.refBlockPrefix().getAsLong(), h.maxNetUsageWords(), h.maxCpuUsageMs(), h.delaySec());
                }
                throw new InvalidSigningRequestException("the request needs TAPoS values: give a reference block "
                        + "(TaposContext.of) or explicit values (TaposContext.explicit), not " + ctx);
            }
            if (request.isIdentity() && request.version() > 2) {
                TimePointSec expiration = ctx.expiration().orElse(null);
                if (expiration == null) {
                    long from = ctx.timestamp().map(TimePointSec::seconds).orElseGet(() -> Instant.now().getEpochSecond());
                    expiration = TimePointSec.of(from + ctx.expireSeconds());
                }
                return h.withExpiration(expiration);
            }
            return h;
        } catch (InvalidSigningRequestException e) {
            throw e;
        } catch (AntelopeException e) {
            throw new InvalidSigningRequestException("cannot set the transaction header from " + ctx + ": "
                    + e.getMessage(), e);
        }
    }

    private static Action resolveAction(SigningRequest request, Action raw, int index, Map<Name, Abi> abis,
            PermissionLevel signer) {
        Abi abi;
        if (SigningRequest.isIdentityAction(raw)) {
            abi = IdentityAbi.of(request.version());
        } else {
            abi = abis.get(raw.account());
            if (abi == null) {
                throw new InvalidSigningRequestException("action " + index + " (" + raw.account() + "::" + raw.name()
                        + "): no ABI of contract \"" + raw.account() + "\" was given");
            }
        }
        String type = abi.actionType(raw.name()).orElseThrow(() -> new InvalidSigningRequestException("action "
                + index + " (" + raw.account() + "::" + raw.name() + "): the contract's ABI has no action \""
                + raw.name() + "\""));
        Bytes data = raw.data();
        try {
            data = Placeholders.resolveData(abi, type, data, signer);
        } catch (AntelopeException | IllegalArgumentException e) {
            throw new InvalidSigningRequestException("action " + index + " (" + raw.account() + "::" + raw.name()
                    + "): data does not fit the ABI type " + type + ": " + e.getMessage(), e);
        }
        List<PermissionLevel> auth = Placeholders.resolve(raw.authorization(), signer);
        return Action.of(raw.account(), raw.name(), auth, data).withAbi(abi);
    }
}
