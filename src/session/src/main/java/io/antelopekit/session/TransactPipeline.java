package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginSignResponse;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The run of a session's transacts: the transaction built from the call's actions, transaction
 * or signing request; the {@code beforeSign} hooks in order ({@link TransactState} keeps their
 * rules); TAPoS and expiration from the cached head where the header is unset; the wallet's
 * signature; {@code afterSign}; the broadcast ({@link Endpoint#send}); the return values decoded
 * ({@link ReturnValues}); {@code afterBroadcast}; the user interface told of each step and of an
 * error; the meters timing the transact, the signature and the broadcast. Immutable: a session
 * with another user interface or endpoint has another pipeline.
 */
final class TransactPipeline {

    private final PermissionLevel signer;
    private final WalletPlugin wallet;
    private final TransactSettings settings;
    private final SessionMetrics metrics;
    private final UserInterface ui;
    private final Endpoint endpoint;
    private final SessionAbis abis;
    private final HeadCache heads;
    private final TransactionAssembler assembler;

    /**
     * @param signer the account and permission that sign
     * @param wallet the wallet that signs
     * @param settings the session's transact defaults
     * @param metrics the session's timers ({@link SessionMetrics#NONE} for none)
     * @param ui the user interface, or {@code null}
     * @param endpoint the chain and client
     * @param abis the session's ABIs
     * @param heads the head cache (TAPoS), read through the endpoint's client
     */
    TransactPipeline(PermissionLevel signer, WalletPlugin wallet, TransactSettings settings, SessionMetrics metrics,
            UserInterface ui, Endpoint endpoint, SessionAbis abis, HeadCache heads) {
        this.signer = signer;
        this.wallet = wallet;
        this.settings = settings;
        this.metrics = metrics;
        this.ui = ui;
        this.endpoint = endpoint;
        this.abis = abis;
        this.heads = heads;
        this.assembler = new TransactionAssembler(signer, abis);
    }

    /** This pipeline with another user interface; caches and endpoint are shared. */
    TransactPipeline withUserInterface(UserInterface ui) {
        return new TransactPipeline(signer, wallet, settings, metrics, ui, endpoint, abis, heads);
    }

    /**
     * This pipeline on another endpoint: its own head cache read through the endpoint's client;
     * a kit's ABI cache (or one given) stays shared, a session's own starts afresh there.
     */
    TransactPipeline on(Endpoint e) {
        return new TransactPipeline(signer, wallet, settings, metrics, ui, e, abis.on(e.client),
                heads.on(() -> e.client));
    }

    PermissionLevel signer() {
        return signer;
    }

    WalletPlugin wallet() {
        return wallet;
    }

    TransactSettings settings() {
        return settings;
    }

    UserInterface ui() {
        return ui;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    SessionAbis abis() {
        return abis;
    }

    /** What a hook or the wallet is given: the transact's chain, client, signer, ABIs and options. */
    DefaultTransactContext context(boolean modify, Function<Name, Mono<Abi>> abiLookup,
            Map<String, JsonNode> pluginOptions, int expire) {
        return new DefaultTransactContext(endpoint.chain, endpoint.client, signer, ui, modify, abiLookup, pluginOptions,
                t -> HeadCache.headerUnset(t) ? heads.get().map(h -> h.withHeader(t, expire)) : Mono.just(t));
    }

    /** The wallet's signatures of {@code transaction} as it is: no plugins, no TAPoS, no broadcast. */
    Mono<List<Signature>> sign(Transaction transaction) {
        return metrics.sign(Mono.defer(() -> wallet.sign(transaction,
                        context(false, abis::abi, Map.of(), settings.expireSeconds()))))
                .map(WalletPluginSignResponse::signatures);
    }

    /** The identity proof answering {@code request}, expiring {@code ttlSeconds} from now. */
    Mono<IdentityProof> identityProof(SigningRequest request, long ttlSeconds) {
        return Mono.defer(() -> new IdentityProofs(signer, wallet, metrics).prove(request, ttlSeconds,
                endpoint.chain.id(), context(false, abis::abi, settings.pluginOptions(), settings.expireSeconds())));
    }

    /**
     * One transact, timed, with the user interface told of an error; cold.
     *
     * @return the result; errors keep their type
     */
    Mono<TransactResult> transact(TransactArgs args, TransactOptions options) {
        Mono<TransactResult> run = Mono.defer(() -> new Run(args, options).result());
        if (ui != null) {
            run = run.onErrorResume(x -> ui.onError(x).onErrorResume(y -> Mono.empty()).then(Mono.error(x)));
        }
        return metrics.transact(run);
    }

    private Mono<Void> ui(Function<UserInterface, Mono<Void>> callback) {
        return ui == null ? Mono.empty() : Mono.defer(() -> callback.apply(ui));
    }

    /** One call's settings, ABIs and context, and its steps. */
    private final class Run {
        private final TransactArgs args;
        private final TransactSettings call;
        private final boolean modify;
        private final Function<Name, Mono<Abi>> abiLookup;
        /** Whether a contract's ABI may be fetched again: only a cached one, never one the call or the builder gave. */
        private final Predicate<Name> refreshable;
        private final DefaultTransactContext context;
        private final Checksum256 chainId;
        /** Whether to broadcast: a signing request that says not to is signed only. */
        private final boolean broadcast;

        Run(TransactArgs args, TransactOptions options) {
            this.args = args;
            this.call = settings.with(options);
            this.modify = call.allowModify();
            this.abiLookup = abis.lookup(options.abis());
            this.refreshable = abis.refreshable(options.abis());
            this.context = context(modify, abiLookup, call.pluginOptions(), call.expireSeconds());
            this.chainId = endpoint.chain.id();
            this.broadcast = options.broadcast() && (args.request() == null || args.request().shouldBroadcast());
        }

        Mono<TransactResult> result() {
            Mono<TransactResult> signed = afterSign(sign(beforeSign(start())))
                    .flatMap(s -> ui(UserInterface::onSignComplete).thenReturn(s.result(endpoint.chain, signer,
                            chainId)));
            if (!broadcast) {
                return signed.flatMap(r -> ui(UserInterface::onTransactComplete).thenReturn(r));
            }
            Mono<TransactResult> result = broadcast(signed);
            for (TransactPlugin plugin : call.plugins()) {
                result = result.flatMap(r -> plugin.afterBroadcast(r, context).thenReturn(r));
            }
            return result.flatMap(r -> ui(UserInterface::onBroadcastComplete)
                    .then(ui(UserInterface::onTransactComplete)).thenReturn(r));
        }

        /** The user interface told, then the transaction built. */
        private Mono<TransactState> start() {
            return ui(UserInterface::onTransact).then(args.request() != null
                    ? ResolvedRequest.resolve(args.request(), signer, abiLookup, chainId).map(TransactState::new)
                    : assembler.build(args, abiLookup, refreshable).map(TransactState::new));
        }

        /** The {@code beforeSign} hooks in order, each told whether its change would be applied. */
        private Mono<TransactState> beforeSign(Mono<TransactState> state) {
            for (TransactPlugin plugin : call.plugins()) {
                state = state.flatMap(s -> plugin.beforeSign(s.transaction(),
                                context.allowingModify(s.modifiable(modify)))
                        .map(r -> s.apply(plugin.id(), r, modify, chainId))
                        .switchIfEmpty(Mono.fromSupplier(() -> s.unchanged(plugin.id(), modify))));
            }
            return state;
        }

        /** The header completed where unset, then the wallet's signature. */
        private Mono<TransactState> sign(Mono<TransactState> state) {
            return state
                    .flatMap(s -> s.headerUnset() ? context.resolveHeader(s.transaction()).map(s::withHeader)
                            : Mono.just(s))
                    .flatMap(s -> ui(UserInterface::onSign)
                            .then(metrics.sign(Mono.defer(() -> wallet.sign(s.transaction(),
                                    context.allowingModify(s.modifiable(modify))))
                                    .switchIfEmpty(Mono.error(() -> new SessionException(
                                            "wallet " + wallet.id() + " completed without signing")))))
                            .map(r -> s.walletSigned(r, wallet.id(), modify)));
        }

        private Mono<TransactState> afterSign(Mono<TransactState> signed) {
            for (TransactPlugin plugin : call.plugins()) {
                signed = signed.flatMap(s -> plugin.afterSign(s.signedTransaction(), context).thenReturn(s));
            }
            return signed;
        }

        /** The broadcast, the ABIs a {@code setabi} changed forgotten, the return values decoded. */
        private Mono<TransactResult> broadcast(Mono<TransactResult> signed) {
            return signed.flatMap(r -> ui(UserInterface::onBroadcast)
                    .then(metrics.broadcast(endpoint.send(PackedTransaction.from(
                            SignedTransaction.of(r.transaction(), r.signatures(), List.of()), Compression.NONE))))
                    .doOnNext(response -> abis.invalidateSetAbi(r.transaction()))
                    .flatMap(response -> ReturnValues.of(response, abiLookup)
                            .map(returns -> r.withResponse(response, returns))));
        }
    }
}
