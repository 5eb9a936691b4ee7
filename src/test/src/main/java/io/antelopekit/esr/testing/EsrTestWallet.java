package io.antelopekit.esr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.ResolvedCallback;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import io.antelopekit.plugin.UserInterface;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A wallet for tests and demos, not for real funds: it answers EOSIO Signing Requests the way a
 * wallet app such as Anchor does, with one key for one account, without asking anyone.
 *
 * <p>{@link #handle(String)} decodes the {@code esr:} link; picks the chain (the request's, or
 * for a multi-chain request the first of its own chains the request allows); fetches the ABIs
 * the request needs ({@code get_abi}) and, when the request has no TAPoS values, the reference
 * block ({@code get_info}, then {@code get_block} of the head: expiration 60 seconds after its
 * time); resolves the request for its account; signs (for a version 3 identity request that
 * signature is the identity proof); broadcasts with {@code send_transaction} when the request
 * asks; and sends the callback: a {@code POST} of the payload as JSON for a background callback,
 * a {@code GET} of the URL with the payload filled in otherwise. It returns the payload
 * ({@code sig}, {@code tx}, {@code rbn}, {@code rid}, {@code ex}, {@code req}, {@code sa},
 * {@code sp}, {@code cid}, {@code bn} when broadcast), also for a request without a callback.
 *
 * <p>{@link #userInterface()} answers every prompt by handing its {@code esr:} link to this
 * wallet, so a whole login or transact runs unattended.
 *
 * <pre>{@code
 * EsrTestWallet alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(),
 *         PermissionLevel.from("alice@active"), client);
 * StepVerifier.create(alice.handle("esr:gmNgZGBY1mTC_MoglIGBIVzX5uxZRkYGCGC..."))
 *         .assertNext(payload -> assertThat(payload.get("sig")).isNotNull())
 *         .expectComplete().verify(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Thread-safe and immutable; nothing blocks. A key given to a wallet that is wrong for the
 * account is not refused here: that is how a test forges an answer.
 */
public final class EsrTestWallet {

    /** Seconds from the reference block's time to a transaction's expiration: 60. */
    public static final long EXPIRE_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final PrivateKey key;
    private final PublicKey publicKey;
    private final PermissionLevel account;
    /** The clients by chain; empty when the only client's chain is not known yet. */
    private final Map<Checksum256, ChainClient> clients;
    /** The only client, when its chain is read from {@code get_info}. */
    private final ChainClient single;
    private final HttpClient http;
    private volatile Checksum256 singleChainId;

    private EsrTestWallet(PrivateKey key, PermissionLevel account, Map<Checksum256, ChainClient> clients,
            ChainClient single) {
        this.key = key;
        this.publicKey = key.toPublic();
        this.account = account;
        this.clients = clients;
        this.single = single;
        this.http = HttpClient.create().responseTimeout(HTTP_TIMEOUT);
    }

    /**
     * A wallet on one chain: the one {@code client}'s node serves (read from {@code get_info} at
     * first use).
     *
     * @param key the key it signs with
     * @param account the account and permission it answers for
     * @param client the chain's client (not disposed by the wallet)
     */
    public static EsrTestWallet of(PrivateKey key, PermissionLevel account, ChainClient client) {
        return new EsrTestWallet(Objects.requireNonNull(key, "key"), Objects.requireNonNull(account, "account"),
                Map.of(), Objects.requireNonNull(client, "client"));
    }

    /**
     * A wallet on several chains, in the order given (the first allowed answers a multi-chain request).
     *
     * @param clients a client per chain id (not disposed by the wallet)
     * @throws IllegalArgumentException if {@code clients} is empty
     */
    public static EsrTestWallet of(PrivateKey key, PermissionLevel account, Map<Checksum256, ChainClient> clients) {
        Objects.requireNonNull(clients, "clients");
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("an EsrTestWallet needs at least one chain client");
        }
        Map<Checksum256, ChainClient> copy = new LinkedHashMap<>();
        clients.forEach((id, c) -> copy.put(Objects.requireNonNull(id, "chain id"), Objects.requireNonNull(c, "client")));
        return new EsrTestWallet(Objects.requireNonNull(key, "key"), Objects.requireNonNull(account, "account"),
                java.util.Collections.unmodifiableMap(copy), null);
    }

    /** The account and permission it answers for. */
    public PermissionLevel account() {
        return account;
    }

    /** The public key of its signatures. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Answers a signing request when subscribed: resolve, sign, broadcast if asked, send the
     * callback (see the class description).
     *
     * @param esrUri the {@code esr:} (or {@code web+esr:}) link
     * @return the callback payload; an {@link io.antelopekit.esr.InvalidSigningRequestException}
     *     for a link that does not decode or resolve, an {@link AntelopeException} for a chain this
     *     wallet has no client of or a callback the receiver refuses, the node's error otherwise
     */
    public Mono<JsonNode> handle(String esrUri) {
        Objects.requireNonNull(esrUri, "esrUri");
        return Mono.defer(() -> {
            SigningRequest request = SigningRequest.from(esrUri);
            return chains().flatMap(chains -> {
                Checksum256 chainId = choose(request, chains);
                ChainClient client = chains.get(chainId);
                return Mono.zip(abis(request, client), tapos(request, client))
                        .flatMap(t -> {
                            TaposContext ctx = request.isMultiChain() ? t.getT2().withChainId(chainId) : t.getT2();
                            ResolvedSigningRequest resolved = request.resolve(t.getT1(), account, ctx);
                            Signature sig = key.signDigest(resolved.signingDigest());
                            if (request.isIdentity() && request.version() >= 3) {
                                resolved.identityProof(sig); // the proof is this signature of the identity digest
                            }
                            Mono<Long> blockNum = request.shouldBroadcast()
                                    ? broadcast(client, resolved.transaction(), sig) : Mono.just(0L);
                            return blockNum.flatMap(bn -> answer(resolved, sig, bn));
                        });
            });
        });
    }

    /**
     * A user interface whose {@code prompt} hands the prompt's {@code esr:} link (of a
     * {@code link} or {@code qr} element) to {@link #handle(String)} and answers with the payload;
     * a prompt without such a link fails with a {@link io.antelopekit.plugin.CancelledException}.
     * Its other methods are {@link UserInterface}'s defaults.
     */
    public UserInterface userInterface() {
        return new ApprovingUserInterface(this);
    }

    private Mono<Map<Checksum256, ChainClient>> chains() {
        if (single == null) {
            return Mono.just(clients);
        }
        Checksum256 known = singleChainId;
        if (known != null) {
            return Mono.just(Map.of(known, single));
        }
        return single.getInfo().map(info -> {
            singleChainId = info.chainId();
            return Map.of(info.chainId(), single);
        });
    }

    private Checksum256 choose(SigningRequest request, Map<Checksum256, ChainClient> chains) {
        Optional<Checksum256> own = request.chainId();
        if (own.isPresent()) {
            if (!chains.containsKey(own.get())) {
                throw new AntelopeException("EsrTestWallet of " + account + " has no client of chain " + own.get()
                        + " the request is for (it has " + chains.keySet() + ")");
            }
            return own.get();
        }
        List<Checksum256> allowed = request.chainIds();
        for (Checksum256 id : chains.keySet()) {
            if (allowed.isEmpty() || allowed.contains(id)) {
                return id;
            }
        }
        throw new AntelopeException("EsrTestWallet of " + account + " has none of the chains " + allowed
                + " the multi-chain request allows (it has " + chains.keySet() + ")");
    }

    private static Mono<Map<Name, Abi>> abis(SigningRequest request, ChainClient client) {
        return Flux.fromIterable(request.requiredAbis())
                .concatMap(contract -> client.getAbi(contract).map(r -> {
                    AbiDefinition definition = r.abiDefinition();
                    if (definition == null) {
                        throw new AntelopeException("contract " + contract + " of the signing request has no ABI");
                    }
                    return Map.entry(contract, Abi.from(definition));
                }))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Mono<TaposContext> tapos(SigningRequest request, ChainClient client) {
        if (!request.requiresTapos()) {
            // identity requests expire a minute from now; requests with their own TAPoS keep it
            return Mono.just(TaposContext.none());
        }
        return client.getInfo()
                .flatMap(info -> client.getBlock(info.headBlockNum()))
                .map(block -> TaposContext.of(TimePointSec.fromInstant(block.timestamp().toInstant()), EXPIRE_SECONDS,
                        block.blockNum(), block.refBlockPrefix()));
    }

    private static Mono<Long> broadcast(ChainClient client, Transaction transaction, Signature sig) {
        return client.sendTransaction(SignedTransaction.of(transaction, List.of(sig), List.of()).pack(Compression.NONE))
                .map(EsrTestWallet::blockNum);
    }

    private static long blockNum(TransactionResponse r) {
        return r.processed() == null ? 0L : r.processed().blockNum();
    }

    private Mono<JsonNode> answer(ResolvedSigningRequest resolved, Signature sig, long blockNum) {
        Optional<ResolvedCallback> callback = resolved.callback(List.of(sig), blockNum == 0 ? null : blockNum);
        if (callback.isEmpty()) {
            return Mono.just(payload(resolved, sig, blockNum));
        }
        ResolvedCallback cb = callback.get();
        ObjectNode payload = JSON.createObjectNode();
        cb.payload().forEach(payload::put);
        return send(cb, payload).thenReturn(payload);
    }

    /** The payload of a request without a callback: the same keys. */
    private static ObjectNode payload(ResolvedSigningRequest resolved, Signature sig, long blockNum) {
        Transaction t = resolved.transaction();
        ObjectNode p = JSON.createObjectNode();
        p.put("sig", sig.toString());
        p.put("tx", t.id().toString());
        p.put("rbn", Integer.toString(t.header().refBlockNum()));
        p.put("rid", Long.toString(t.header().refBlockPrefix()));
        p.put("ex", t.header().expiration().toString());
        p.put("req", resolved.request().encode());
        p.put("sa", resolved.signer().actor().toString());
        p.put("sp", resolved.signer().permission().toString());
        p.put("cid", resolved.chainId().toString());
        if (blockNum != 0) {
            p.put("bn", Long.toString(blockNum));
        }
        return p;
    }

    private Mono<Void> send(ResolvedCallback cb, ObjectNode payload) {
        String url = cb.url();
        if (cb.background()) {
            return Mono.fromCallable(() -> JSON.writeValueAsBytes(payload))
                    .flatMap(body -> http
                            .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                            .post().uri(url)
                            .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                            .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                                    .defaultIfEmpty("")
                                    .flatMap(text -> checked("POST", url, response.status().code(), text))));
        }
        return http.get().uri(url)
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(text -> checked("GET", url, response.status().code(), text)));
    }

    private static Mono<Void> checked(String method, String url, int status, String body) {
        if (status / 100 == 2) {
            return Mono.empty();
        }
        String shown = body.length() > 200 ? body.substring(0, 197) + "..." : body;
        return Mono.error(new AntelopeException("the callback " + method + " to " + url + " was answered " + status
                + (shown.isEmpty() ? "" : ": " + shown)));
    }

    /** Shows the account and public key only. */
    @Override
    public String toString() {
        return "EsrTestWallet[" + account + ", " + publicKey + "]";
    }
}
