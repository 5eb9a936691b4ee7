package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.InMemoryReplayStore;
import io.antelopekit.esr.ReplayStore;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.VerifiedIdentity;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.session.SessionException;
import io.antelopekit.plugin.TransactContext;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A wallet that is the user's own wallet app (Anchor, or any wallet that answers EOSIO Signing
 * Requests): the service holds no key. Each login and each signature is a signing request shown
 * to the user as a QR code and an {@code esr:} link; the wallet answers with a background
 * callback to a {@link CallbackReceiver}.
 *
 * <p><b>Login.</b> A version 3 identity request scoped to the app ({@link Builder#scope}), for
 * the login's chain, or, when no chain is chosen, valid on any of the kit's chains this wallet
 * supports (the wallet picks). The prompt ({@link UserInterface#prompt}) shows a {@code qr}, a
 * {@code link} and a {@code countdown} element. The callback's identity proof is checked against
 * the request sent, then by an {@link IdentityProofVerifier} (signature against the account's
 * permission on the chain, scope, expiry, replay); the login answers with the chain, the
 * account's permission and the proof ({@code EOSIO <base64>}).
 *
 * <p><b>Sign.</b> A request for the complete transaction (not broadcast by the wallet), shown the
 * same way; the callback must name the transaction's id, and its signatures ({@code sig},
 * {@code sig0}, {@code sig1}, ...) must each recover a key from its digest. The session
 * broadcasts.
 *
 * <p><b>Ends.</b> A wait ends with the callback, with a {@link CallbackTimeoutException} after
 * {@link Builder#timeout}, with the prompt's error (a {@link io.antelopekit.plugin.CancelledException}
 * when the user closes it), or by cancelling the subscription; every end disposes of the prompt
 * and removes the callback registration. A callback that does not fit (missing values, another
 * request or transaction, a signature that recovers no key) is a {@link SessionException}; a
 * proof the verifier refuses, its {@link io.antelopekit.esr.IdentityProofException}. Nothing blocks.
 *
 * <p><b>Restore.</b> A receiver cannot be stored, so no {@code WalletPluginFactory} rebuilds this
 * wallet: a kit restores its sessions with the wallet registered in it under {@link #ID}.
 * {@link #data()} holds the scope, the request signer's name and the chains (no key).
 *
 * <pre>{@code
 * CallbackReceiver.builder().host("0.0.0.0").port(8088)
 *         .publicUrl("https://app.example.com/esr-callback").start()
 *         .map(receiver -> SessionKit.builder().appName("myapp").chains(jungle).ui(console)
 *                 .walletPlugins(WalletPluginSigningRequest.builder()
 *                         .receiver(receiver)
 *                         .scope(Name.from("myapp"))
 *                         .timeout(Duration.ofMinutes(3))
 *                         .build())
 *                 .build())
 *         .flatMap(SessionKit::login)                   // the user scans the QR code
 *         .subscribe(result -> log.info("signed in as {}", result.session().permissionLevel()),
 *                 error -> log.warn("no sign-in", error));
 * }</pre>
 */
public final class WalletPluginSigningRequest implements WalletPlugin {

    /** The id stored with sessions. */
    public static final String ID = "wallet-plugin-esr";

    /** How long a request waits for its callback by default: 5 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** The metadata by default. */
    public static final WalletPluginMetadata DEFAULT_METADATA = new WalletPluginMetadata("ESR wallet",
            "Your own wallet app (Anchor, for instance) signs: scan the QR code or open the esr: link.",
            null, "https://github.com/eosio-eps/EEPs/blob/master/EEPS/eep-7.md", null);

    private static final RequestExchange.Texts LOGIN_TEXTS = new RequestExchange.Texts("login",
            "Sign in with your wallet",
            "Scan the QR code with your wallet app (Anchor, for instance), or open the link on this device.",
            "Identity request", "Open wallet", "Waiting for your wallet");
    private static final RequestExchange.Texts SIGN_TEXTS = new RequestExchange.Texts("transact",
            "Sign with your wallet",
            "Scan the QR code with your wallet app, or open the link on this device, to review and sign"
                    + " the transaction.",
            "Signing request", "Open wallet", "Waiting for your wallet");

    private final CallbackReceiver receiver;
    private final Name scope;
    private final Duration timeout;
    private final Name requestSigner;
    private final PrivateKey requestKey;
    private final List<Checksum256> chains;
    private final IdentityProofVerifier verifier;
    private final ReplayStore replayStore;
    private final WalletPluginMetadata metadata;
    private final WalletPluginConfig config;
    private final RequestExchange exchange;

    private WalletPluginSigningRequest(Builder b, Name scope) {
        this.receiver = b.receiver;
        this.scope = scope;
        this.timeout = b.timeout;
        this.requestSigner = b.requestSigner;
        this.requestKey = b.requestKey;
        this.chains = List.copyOf(b.chains);
        this.verifier = b.verifier;
        this.replayStore = b.verifier == null ? InMemoryReplayStore.create() : null;
        this.metadata = b.metadata;
        this.config = new WalletPluginConfig(false, false, false, chains);
        this.exchange = new RequestExchange(receiver, requestSigner, requestKey);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The scope of identity requests: the app's name. */
    public Name scope() {
        return scope;
    }

    /** How long a request waits for its callback. */
    public Duration timeout() {
        return timeout;
    }

    /** The receiver of the wallets' callbacks. */
    public CallbackReceiver receiver() {
        return receiver;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Nothing to ask the user before the wallet is shown; the chains given (any by default). */
    @Override
    public WalletPluginConfig config() {
        return config;
    }

    @Override
    public WalletPluginMetadata metadata() {
        return metadata;
    }

    /**
     * Logs in with an identity request (see the class description).
     *
     * @return the chain, permission and identity proof; a {@link SessionException} without a user
     *     interface or chain
     */
    @Override
    public Mono<WalletPluginLoginResponse> login(LoginContext context) {
        Objects.requireNonNull(context, "context");
        return Mono.defer(() -> {
            UserInterface ui = context.ui();
            if (ui == null) {
                return Mono.error(new SessionException(ID + " login needs a user interface to show the"
                        + " identity request"));
            }
            List<ChainDefinition> candidates = new ArrayList<>();
            if (context.chain() != null) {
                if (!config.supports(context.chain().id())) {
                    return Mono.error(new SessionException(ID + " does not support chain " + context.chain().id()
                            + "; it supports " + chains));
                }
                candidates.add(context.chain());
            } else {
                for (ChainDefinition c : context.chains()) {
                    if (config.supports(c.id())) {
                        candidates.add(c);
                    }
                }
                if (candidates.isEmpty()) {
                    return Mono.error(new SessionException(ID + " login has no chain to offer: none of "
                            + ids(context.chains()) + " is supported (it supports " + chains + ")"));
                }
            }
            SigningRequest.Builder b = SigningRequest.builder().identityScope(scope);
            PermissionLevel asked = context.permissionLevel();
            if (asked != null) {
                b.identity(asked);
            }
            if (candidates.size() == 1) {
                b.chainId(candidates.get(0).id());
            } else {
                b.multiChain(ids(candidates));
            }
            SigningRequest request = b.build();
            // a callback that does not even parse as an answer to this request leaves it waiting
            return exchange.run(request, ui, timeout, LOGIN_TEXTS,
                            (sent, payload) -> parseLogin(sent, payload, candidates, asked) != null)
                    .flatMap(answer -> verifyLogin(answer, candidates, asked, context));
        });
    }

    /** What a login callback says, checked without the chain: the proof, its chain. */
    private record LoginAnswer(IdentityProof proof, ChainDefinition chain) {
    }

    /**
     * Checks a login callback as far as it can be checked without the chain: the request it
     * answers, its fields, the chain chosen, the account asked for, and that the signature
     * recovers a key from the proof's digest.
     *
     * @throws SessionException when it does not answer {@code request} so
     */
    private LoginAnswer parseLogin(SigningRequest request, JsonNode payload, List<ChainDefinition> candidates,
            PermissionLevel asked) {
        CallbackFields f = new CallbackFields(payload, ID + " login");
        f.checkRequest(request);
        Signature sig = f.signature("sig");
        PermissionLevel signer = new PermissionLevel(f.name("sa"), f.name("sp"));
        Checksum256 cid = f.checksum("cid");
        if (cid == null) {
            cid = request.chainId().orElseThrow(() -> new SessionException(ID
                    + " login: the wallet's callback has no \"cid\": it must name the chain it chose"));
        }
        ChainDefinition chain = null;
        for (ChainDefinition c : candidates) {
            if (c.id().equals(cid)) {
                chain = c;
            }
        }
        if (chain == null) {
            throw new SessionException(ID + " login: the wallet chose chain " + cid + ", not one of the request's "
                    + ids(candidates));
        }
        if (asked != null && !matches(asked, signer)) {
            throw new SessionException(ID + " login asked for " + asked + " and the wallet answered for " + signer);
        }
        TimePointSec expiration = f.time("ex");
        IdentityProof proof = IdentityProof.of(cid, scope, expiration, signer, sig);
        f.recover(sig, proof.signingDigest(), "sig");
        return new LoginAnswer(proof, chain);
    }

    private Mono<WalletPluginLoginResponse> verifyLogin(RequestExchange.Answer answer,
            List<ChainDefinition> candidates, PermissionLevel asked, LoginContext context) {
        LoginAnswer parsed = parseLogin(answer.request(), answer.payload(), candidates, asked);
        IdentityProof proof = parsed.proof();
        return verify(proof, parsed.chain(), context)
                .map(identity -> new WalletPluginLoginResponse(identity.chainId(), identity.permission(),
                        JsonNodeFactory.instance.textNode(proof.toString())));
    }

    private static boolean matches(PermissionLevel asked, PermissionLevel signer) {
        boolean anyActor = asked.actor().equals(SigningRequest.PLACEHOLDER_ACTOR);
        boolean anyPermission = asked.permission().equals(SigningRequest.PLACEHOLDER_PERMISSION);
        return (anyActor || asked.actor().equals(signer.actor()))
                && (anyPermission || asked.permission().equals(signer.permission()));
    }

    private Mono<VerifiedIdentity> verify(IdentityProof proof, ChainDefinition chain, LoginContext context) {
        if (verifier != null) {
            return verifier.verify(proof);
        }
        ChainClient known = context.chain() != null && context.chain().id().equals(chain.id()) ? context.client() : null;
        if (known != null) {
            return verifierFor(chain.id(), known).verify(proof);
        }
        // a chain the wallet chose from several: the login context holds no client of it
        return Mono.usingWhen(Mono.fromSupplier(() -> ChainClient.builder()
                        .endpoints(chain.urls().toArray(String[]::new)).build()),
                client -> verifierFor(chain.id(), client).verify(proof),
                ChainClient::disposeLater);
    }

    private IdentityProofVerifier verifierFor(Checksum256 chainId, ChainClient client) {
        return IdentityProofVerifier.builder().scope(scope).chain(chainId, client).replayStore(replayStore).build();
    }

    /**
     * Signs through a signing request for {@code transaction} (see the class description).
     *
     * @return the wallet's signatures; a {@link SessionException} without a user interface, for
     *     an unsupported chain, or when the callback does not fit the transaction
     */
    @Override
    public Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(context, "context");
        return Mono.defer(() -> {
            UserInterface ui = context.ui();
            if (ui == null) {
                return Mono.error(new SessionException(ID + " needs a user interface to show the signing request of"
                        + " transaction " + transaction.id()));
            }
            Checksum256 chainId = context.chain().id();
            if (!config.supports(chainId)) {
                return Mono.error(new SessionException(ID + " does not support chain " + chainId + "; it supports "
                        + chains));
            }
            SigningRequest request = SigningRequest.builder().chainId(chainId).transaction(transaction)
                    .broadcast(false).build();
            // a callback whose signatures do not fit this transaction leaves the request waiting
            return exchange.run(request, ui, timeout, SIGN_TEXTS,
                            (sent, payload) -> signatures(payload, transaction, chainId) != null)
                    .map(answer -> signatures(answer.payload(), transaction, chainId));
        });
    }

    private static WalletPluginSignResponse signatures(JsonNode payload, Transaction transaction, Checksum256 chainId) {
        String what = ID + " signature of transaction " + transaction.id();
        CallbackFields f = new CallbackFields(payload, what);
        Checksum256 tx = f.checksum("tx");
        if (tx != null && !tx.equals(transaction.id())) {
            throw new SessionException(what + ": the wallet signed transaction " + tx + " instead");
        }
        Checksum256 cid = f.checksum("cid");
        if (cid != null && !cid.equals(chainId)) {
            throw new SessionException(what + ": the wallet signed for chain " + cid + ", not " + chainId);
        }
        return WalletPluginSignResponse.of(f.signatures(transaction.signingDigest(chainId)));
    }

    /** {@code {"scope", "chains", "requestSigner"?}}: nothing secret. */
    @Override
    public JsonNode data() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("scope", scope.toString());
        if (!chains.isEmpty()) {
            var list = o.putArray("chains");
            chains.forEach(c -> list.add(c.toString()));
        }
        if (requestSigner != null) {
            o.put("requestSigner", requestSigner.toString());
        }
        return o;
    }

    private static List<Checksum256> ids(List<ChainDefinition> chains) {
        List<Checksum256> out = new ArrayList<>(chains.size());
        chains.forEach(c -> out.add(c.id()));
        return out;
    }

    @Override
    public String toString() {
        return "WalletPluginSigningRequest[scope=" + scope + ", timeout=" + timeout + ", receiver="
                + receiver.baseUrl() + (requestSigner != null ? ", requestSigner=" + requestSigner : "")
                + (chains.isEmpty() ? "" : ", chains=" + chains) + "]";
    }

    /**
     * Builds a {@link WalletPluginSigningRequest}: {@link #receiver} and {@link #scope} are
     * required. Not thread-safe.
     */
    public static final class Builder {
        private CallbackReceiver receiver;
        private Name scope;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Name requestSigner;
        private PrivateKey requestKey;
        private final List<Checksum256> chains = new ArrayList<>();
        private IdentityProofVerifier verifier;
        private WalletPluginMetadata metadata = DEFAULT_METADATA;

        private Builder() {
        }

        /** Where the wallets' callbacks arrive (required). */
        public Builder receiver(CallbackReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /** The scope of identity requests, the app's name (required unless the {@link #verifier} gives it). */
        public Builder scope(Name scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** {@link #scope(Name)} from a string. */
        public Builder scope(String scope) {
            return scope(Name.from(Objects.requireNonNull(scope, "scope")));
        }

        /**
         * How long each request waits for the wallet ({@link WalletPluginSigningRequest#DEFAULT_TIMEOUT} by default).
         *
         * @throws IllegalArgumentException if not above zero
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout " + timeout + " is not above zero");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Signs every request as the app: {@code signer} is the app's account, {@code key} one of
         * its keys (wallets show the request as coming from that account).
         */
        public Builder requestSigner(Name signer, PrivateKey key) {
            this.requestSigner = Objects.requireNonNull(signer, "signer");
            this.requestKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The chains this wallet is offered for; none (the default) means any. */
        public Builder chains(Checksum256... chainIds) {
            for (Checksum256 c : chainIds) {
                Objects.requireNonNull(c, "chainId");
                if (!chains.contains(c)) {
                    chains.add(c);
                }
            }
            return this;
        }

        /**
         * The verifier of identity proofs, with its own chains, clock skew and replay store (a
         * store shared by a service's instances, for instance). By default each login checks
         * through the kit's client of the chain, with one in-memory replay store per wallet.
         */
        public Builder verifier(IdentityProofVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** How the wallet presents itself ({@link WalletPluginSigningRequest#DEFAULT_METADATA} by default). */
        public Builder metadata(WalletPluginMetadata metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        /**
         * The wallet.
         *
         * @throws IllegalStateException without a receiver or scope, or with a scope other than the verifier's
         */
        public WalletPluginSigningRequest build() {
            List<String> problems = new ArrayList<>();
            if (receiver == null) {
                problems.add("receiver(...) is required: where the wallets' callbacks arrive");
            }
            Name s = scope;
            if (verifier != null) {
                if (s == null) {
                    s = verifier.scope();
                } else if (!s.equals(verifier.scope())) {
                    problems.add("scope " + s + " differs from the verifier's scope " + verifier.scope());
                }
            }
            if (s == null) {
                problems.add("scope(...) is required: the app's name identity requests are scoped to");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("WalletPluginSigningRequest: " + String.join("; ", problems));
            }
            return new WalletPluginSigningRequest(this, s);
        }
    }
}
