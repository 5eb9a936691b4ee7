package io.antelopekit.spring.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.signin.SignInOutcome;
import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.session.internal.RandomIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.IdentityProofException.Reason;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.ui.QrCode;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/** The endpoints of a {@link WalletSignIn}. */
final class SignInHandlers {

    /** The JSON of the sign-in endpoints' answers and the bodies they read. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Log LOG = LogFactory.getLog(WalletSignIn.class);

    /** The largest body of {@code POST {base}/requests}. */
    static final int MAX_REQUEST_BYTES = 4 * 1024;

    private final WalletSignIn signIn;

    SignInHandlers(WalletSignIn signIn) {
        this.signIn = signIn;
    }

    RouterFunction<ServerResponse> routes() {
        String b = signIn.basePath();
        return RouterFunctions.route()
                .POST(b + "/requests", this::create)
                .GET(b + "/requests/{id}/events", this::events)
                .POST(b + "/requests/{id}/complete", this::complete)
                .POST(b + "/callback/{id}", r -> callback(r, readBody(r, WalletSignIn.MAX_CALLBACK_BYTES)
                        .map(SignInHandlers::parseJsonOrMissing)))
                .GET(b + "/callback/{id}", r -> callback(r, Mono.fromSupplier(() -> queryPayload(r))))
                .OPTIONS(b + "/callback/{id}", r -> ServerResponse.noContent()
                        .header("Access-Control-Allow-Origin", "*")
                        .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                        .header("Access-Control-Allow-Headers", "Content-Type")
                        .header("Access-Control-Max-Age", "86400").build())
                // another method on a path of the sign-in: 405 with the methods allowed
                .route(RequestPredicates.path(b + "/requests"), r -> notAllowed("POST"))
                .route(RequestPredicates.path(b + "/requests/{id}/events"), r -> notAllowed("GET"))
                .route(RequestPredicates.path(b + "/requests/{id}/complete"), r -> notAllowed("POST"))
                .route(RequestPredicates.path(b + "/callback/{id}"), r -> notAllowed("GET, POST, OPTIONS"))
                // any other path under the base path is the sign-in's, and not found
                .route(RequestPredicates.path(b + "/**"), r -> error(HttpStatus.NOT_FOUND, "no such sign-in endpoint",
                        null))
                .onError(e -> true, SignInHandlers::badInput)
                .build();
    }

    private static Mono<ServerResponse> notAllowed(String allowed) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", allowed)
                .contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .bodyValue("{\"error\":\"method not allowed: " + allowed + "\"}");
    }

    /**
     * The answer to an error no handler answered: a request the framework could not read
     * ({@code 400}, {@code 413}, or the status of a {@link ResponseStatusException}), or a failure
     * of the service ({@code 500}, logged, without details in the answer).
     */
    private static Mono<ServerResponse> badInput(Throwable e, ServerRequest request) {
        if (e instanceof DataBufferLimitException) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "the request body is too large", null);
        }
        if (e instanceof ResponseStatusException r) {
            HttpStatus status = HttpStatus.resolve(r.getStatusCode().value());
            if (status != null && status.is4xxClientError()) {
                return error(status, r.getReason() != null ? r.getReason() : status.getReasonPhrase(), null);
            }
        }
        if (e instanceof DecodingException || e instanceof IllegalArgumentException) {
            return error(HttpStatus.BAD_REQUEST, "the request could not be read", null);
        }
        LOG.error("antelopekit: sign-in " + request.method() + " " + request.path() + " failed: " + e, e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "the sign-in failed", SignInOutcome.ERROR);
    }

    // ------------------------------------------------------------------ POST {base}/requests

    private Mono<ServerResponse> create(ServerRequest request) {
        return chainParameter(request).flatMap(asked -> {
            List<Checksum256> offered;
            if (asked.isPresent()) {
                Checksum256 id;
                try {
                    id = Checksum256.from(asked.get().trim());
                } catch (RuntimeException e) {
                    return error(HttpStatus.BAD_REQUEST, "chainId is not a chain id (64 hex digits)", null);
                }
                if (!signIn.chainIds().contains(id)) {
                    return error(HttpStatus.BAD_REQUEST, "chain " + id + " is not offered", null);
                }
                offered = List.of(id);
            } else {
                offered = signIn.chainIds();
            }
            InetSocketAddress remote = request.remoteAddress().orElse(null);
            return request.session().flatMap(session -> start(session, offered, remote));
        }).onErrorResume(DataBufferLimitException.class,
                e -> error(HttpStatus.PAYLOAD_TOO_LARGE, "the request body is too large", null));
    }

    private Mono<ServerResponse> start(WebSession session, List<Checksum256> offered, InetSocketAddress remote) {
        String secret = session.getAttribute(WalletSignIn.OWNER_ATTRIBUTE);
        if (secret == null) {
            secret = SignInIds.newSecret();
            session.getAttributes().put(WalletSignIn.OWNER_ATTRIBUTE, secret);
        }
        String id = RandomIds.newId();
        Instant expiresAt = signIn.clock().instant().plus(signIn.requestTimeout()).truncatedTo(ChronoUnit.MILLIS);
        SignInLimits.Refusal refusal = signIn.limits().admit(id, SignInIds.ownerHash(secret),
                SignInLimits.clientKey(remote), expiresAt);
        if (refusal != null) {
            ObjectNode o = JSON.createObjectNode();
            o.put("error", refusal.reason());
            o.put("retryAfter", refusal.retryAfterSeconds());
            return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_JSON)
                    .header("Cache-Control", "no-store")
                    .header("Retry-After", String.valueOf(refusal.retryAfterSeconds()))
                    .bodyValue(o.toString());
        }
        SigningRequest.Builder b = SigningRequest.builder().identityScope(signIn.scope())
                .callback(signIn.callbackUrl(id), true);
        if (offered.size() == 1) {
            b.chainId(offered.get(0));
        } else {
            b.multiChain(offered);
        }
        String link = b.build().encode(true, false);
        SignInAttempt attempt = new SignInAttempt(id, SignInIds.ownerHash(secret), offered, signIn.scope(), link,
                expiresAt, null);
        return signIn.store().create(attempt)
                .then(Mono.fromCallable(() -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("id", id);
                    o.put("link", link);
                    if (QrCode.isAvailable()) {
                        o.put("qrSvg", QrCode.of(link).toSvg());
                    } else {
                        o.putNull("qrSvg"); // com.google.zxing:core is not on the class path (the starter brings it)
                    }
                    o.put("expiresAt", expiresAt.toString());
                    if (offered.size() == 1) {
                        o.put("chainId", offered.get(0).toString());
                    } else {
                        o.putNull("chainId");
                    }
                    ArrayNode chains = o.putArray("chainIds");
                    offered.forEach(c -> chains.add(c.toString()));
                    return o;
                }))
                .flatMap(o -> json(HttpStatus.OK, o))
                .doOnError(e -> signIn.limits().ended(id))
                .onErrorResume(IllegalStateException.class, e -> {
                    signIn.limits().full("sign-in request not created: " + e.getMessage());
                    return error(HttpStatus.SERVICE_UNAVAILABLE, "too many sign-in requests; try again later", null);
                });
    }

    /** {@code chainId} of the query, a form or a JSON object; empty when absent. */
    private Mono<Optional<String>> chainParameter(ServerRequest request) {
        Optional<String> query = request.queryParam("chainId").filter(s -> !s.isBlank());
        if (query.isPresent()) {
            return Mono.just(query);
        }
        MediaType type = request.headers().contentType().orElse(null);
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return request.formData().map(f -> Optional.ofNullable(f.getFirst("chainId")).filter(s -> !s.isBlank()));
        }
        if (type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"))) {
            return readBody(request, MAX_REQUEST_BYTES).map(bytes -> {
                if (bytes.length == 0) {
                    return Optional.<String>empty();
                }
                JsonNode body = parseJson(bytes);
                JsonNode c = body == null ? null : body.get("chainId");
                return Optional.ofNullable(c != null && c.isTextual() && !c.asText().isBlank() ? c.asText() : null);
            }).defaultIfEmpty(Optional.empty());
        }
        return Mono.just(Optional.empty());
    }

    // ------------------------------------------------------------------ GET {base}/requests/{id}/events

    private Mono<ServerResponse> events(ServerRequest request) {
        String id = request.pathVariable("id");
        return owned(request, id).flatMap(attempt -> {
            Duration remaining = Duration.between(signIn.clock().instant(), attempt.expiresAt());
            if (remaining.isNegative()) {
                remaining = Duration.ZERO;
            }
            Mono<ServerSentEvent<String>> end = signIn.store().watch(id)
                    .filter(a -> a.outcome() != null)
                    .next()
                    .doOnNext(a -> signIn.limits().ended(id))
                    .map(a -> outcomeEvent(a.outcome()))
                    .timeout(remaining, Mono.fromSupplier(SignInHandlers::expiredEvent))
                    .switchIfEmpty(Mono.fromSupplier(SignInHandlers::expiredEvent));
            ObjectNode pending = JSON.createObjectNode();
            pending.put("id", id);
            pending.put("expiresAt", attempt.expiresAt().toString());
            ServerSentEvent<String> first = ServerSentEvent.<String>builder().event("pending")
                    .data(pending.toString()).build();
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .header("Cache-Control", "no-cache, no-store")
                    .header("X-Accel-Buffering", "no")
                    .body(BodyInserters.fromServerSentEvents(Mono.just(first).concatWith(end)));
        }).switchIfEmpty(Mono.defer(() -> error(HttpStatus.NOT_FOUND, "no such sign-in request", null)));
    }

    private static ServerSentEvent<String> outcomeEvent(SignInOutcome outcome) {
        ObjectNode o = JSON.createObjectNode();
        if (outcome.isVerified()) {
            o.put("actor", outcome.permission().actor().toString());
            o.put("permission", outcome.permission().permission().toString());
            o.put("chainId", outcome.chainId().toString());
            return ServerSentEvent.<String>builder().event("verified").data(o.toString()).build();
        }
        o.put("reason", outcome.reason());
        return ServerSentEvent.<String>builder().event("failed").data(o.toString()).build();
    }

    private static ServerSentEvent<String> expiredEvent() {
        return ServerSentEvent.<String>builder().event("expired").data("{}").build();
    }

    /** The attempt, if it exists and belongs to the caller's web session. */
    private Mono<SignInAttempt> owned(ServerRequest request, String id) {
        if (!RandomIds.isId(id)) {
            return Mono.empty();
        }
        return request.session().flatMap(session -> {
            String secret = session.getAttribute(WalletSignIn.OWNER_ATTRIBUTE);
            if (secret == null) {
                return Mono.empty();
            }
            String owner = SignInIds.ownerHash(secret);
            return signIn.store().get(id).filter(a -> SignInIds.sameOwner(a.owner(), owner));
        });
    }

    // ------------------------------------------------------------------ POST {base}/requests/{id}/complete

    private Mono<ServerResponse> complete(ServerRequest request) {
        String id = request.pathVariable("id");
        return owned(request, id).flatMap(attempt -> {
            if (attempt.isPending()) {
                return notCompleted(signIn.clock().instant().isBefore(attempt.expiresAt()) ? "PENDING" : "EXPIRED");
            }
            signIn.limits().ended(id);
            return signIn.store().consume(id)
                    .flatMap(done -> {
                        SignInOutcome outcome = done.outcome();
                        if (!outcome.isVerified()) {
                            return notCompleted(outcome.reason());
                        }
                        AntelopePrincipal principal = new AntelopePrincipal(outcome.chainId(), outcome.permission());
                        List<GrantedAuthority> authorities = new ArrayList<>();
                        outcome.authorities().forEach(a -> authorities.add(new SimpleGrantedAuthority(a)));
                        AntelopeAuthenticationToken token = AntelopeAuthenticationToken.authenticated(principal,
                                authorities);
                        return signIn(request, token).then(Mono.defer(() -> {
                            ObjectNode o = JSON.createObjectNode();
                            o.put("principal", principal.getName());
                            o.put("chainId", principal.chainId().toString());
                            return json(HttpStatus.OK, o);
                        }));
                    })
                    .switchIfEmpty(Mono.defer(() -> notCompleted("UNKNOWN")));
        }).switchIfEmpty(Mono.defer(() -> notCompleted("UNKNOWN")));
    }

    /** Saves the context and gives the web session a new id (unless the repository did). */
    private Mono<Void> signIn(ServerRequest request, AntelopeAuthenticationToken token) {
        return request.session().flatMap(session -> {
            String before = session.getId();
            return signIn.securityContextRepository().save(request.exchange(), new SecurityContextImpl(token))
                    .then(Mono.defer(() -> before.equals(session.getId()) ? session.changeSessionId() : Mono.empty()));
        });
    }

    private static Mono<ServerResponse> notCompleted(String reason) {
        return error(HttpStatus.UNAUTHORIZED, "sign-in not completed", reason);
    }

    // ------------------------------------------------------------------ {base}/callback/{id}

    private Mono<ServerResponse> callback(ServerRequest request, Mono<JsonNode> payload) {
        String id = request.pathVariable("id");
        // a wallet in a web page may post its callback from another origin
        request.exchange().getResponse().getHeaders().set("Access-Control-Allow-Origin", "*");
        // an answer that does not need the body still reads it first (bounded by the body limit):
        // answering while the wallet is still sending leaves its connection in an unclear state
        Mono<Void> drained = payload.onErrorResume(e -> !(e instanceof DataBufferLimitException), e -> Mono.empty())
                .then();
        Mono<ServerResponse> answer;
        if (!RandomIds.isId(id)) {
            answer = drained.then(error(HttpStatus.NOT_FOUND, "unknown or expired sign-in request", null));
        } else {
            answer = answerCallback(id, payload, drained);
        }
        return answer.onErrorResume(DataBufferLimitException.class,
                e -> error(HttpStatus.PAYLOAD_TOO_LARGE, "the callback is larger than "
                        + WalletSignIn.MAX_CALLBACK_BYTES + " bytes", null));
    }

    private Mono<ServerResponse> answerCallback(String id, Mono<JsonNode> payload, Mono<Void> drained) {
        return signIn.store().get(id).flatMap(attempt -> {
            if (!signIn.clock().instant().isBefore(attempt.expiresAt())) {
                return drained.then(error(HttpStatus.NOT_FOUND, "unknown or expired sign-in request", null));
            }
            if (!attempt.isPending()) {
                return drained.then(error(HttpStatus.CONFLICT, "this sign-in request was answered already", null));
            }
            return payload.flatMap(p -> answer(attempt, p))
                    .switchIfEmpty(Mono.defer(() -> badAnswer(attempt, Reason.MALFORMED.name())));
        }).switchIfEmpty(Mono.defer(() -> drained.then(error(HttpStatus.NOT_FOUND, "unknown or expired sign-in request",
                        null))));
    }

    private Mono<ServerResponse> answer(SignInAttempt attempt, JsonNode payload) {
        IdentityProof proof;
        try {
            proof = proof(attempt, payload);
        } catch (IdentityProofAuthenticationException e) {
            return badAnswer(attempt, e.reason().name());
        } catch (OtherRequest e) {
            return badAnswer(attempt, SignInOutcome.WRONG_REQUEST);
        }
        return signIn.authenticationManager().authenticate(AntelopeAuthenticationToken.unauthenticated(proof))
                .flatMap(auth -> verified(attempt, auth))
                .switchIfEmpty(Mono.defer(() -> {
                    LOG.warn("antelopekit: sign-in " + attempt.id() + ": the authentication manager did not answer"
                            + " for the identity proof of " + proof.signer());
                    return rejected(attempt, SignInOutcome.REFUSED, HttpStatus.UNAUTHORIZED);
                }))
                .onErrorResume(IdentityProofAuthenticationException.class, e -> e.reason() == Reason.NODE_ERROR
                        // the chain could not be asked: the wallet may try again
                        ? error(HttpStatus.SERVICE_UNAVAILABLE, "identity proof could not be checked",
                                e.reason().name())
                        : badAnswer(attempt, e.reason().name()))
                .onErrorResume(AuthenticationException.class, e -> {
                    LOG.warn("antelopekit: sign-in " + attempt.id() + " of " + proof.signer() + " refused: "
                            + e.getClass().getSimpleName());
                    return rejected(attempt, SignInOutcome.REFUSED, HttpStatus.UNAUTHORIZED);
                })
                .onErrorResume(e -> !(e instanceof AuthenticationException), e -> {
                    // the authentication manager (or its authorities function) failed
                    LOG.error("antelopekit: sign-in " + attempt.id() + " of " + proof.signer()
                            + ": the authentication failed: " + e, e);
                    return signIn.store().complete(attempt.id(), SignInOutcome.failed(SignInOutcome.ERROR))
                            .onErrorResume(x -> Mono.just(false))
                            .then(error(HttpStatus.INTERNAL_SERVER_ERROR, "the sign-in could not be checked",
                                    SignInOutcome.ERROR));
                });
    }

    /**
     * The identity proof of a callback: {@code sig}, {@code sa}, {@code sp}, {@code ex} and
     * {@code cid} (optional for a request of one chain) with the attempt's scope.
     */
    private IdentityProof proof(SignInAttempt attempt, JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw malformed(attempt, "the callback is not a JSON object");
        }
        Signature sig;
        PermissionLevel signer;
        TimePointSec expiration;
        Checksum256 chainId;
        String field = "sig";
        try {
            sig = Signature.from(text(payload, "sig"));
            field = "sa";
            Name actor = Name.from(text(payload, "sa"));
            field = "sp";
            Name permission = Name.from(text(payload, "sp"));
            signer = new PermissionLevel(actor, permission);
            field = "ex";
            expiration = TimePointSec.from(text(payload, "ex"));
            field = "cid";
            String cid = optionalText(payload, "cid");
            if (cid != null) {
                chainId = Checksum256.from(cid);
            } else if (attempt.chainIds().size() == 1) {
                chainId = attempt.chainIds().get(0);
            } else {
                throw malformed(attempt, "the callback has no \"cid\" although the request offered several chains");
            }
        } catch (IdentityProofAuthenticationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(attempt, "the callback's \"" + field + "\" is missing or malformed");
        }
        IdentityProof proof = IdentityProof.of(chainId, attempt.scope(), expiration, signer, sig);
        if (!attempt.chainIds().contains(chainId)) {
            IdentityProofAuthenticationManager.logRejection(proof, Reason.WRONG_CHAIN);
            throw new IdentityProofAuthenticationException(Reason.WRONG_CHAIN, "identity proof of " + signer
                    + " is for chain " + chainId + ", which the request did not offer");
        }
        // made for this attempt: the wallet chose its expiration (ESR 3: the time it signed plus
        // its expire_seconds), so after the attempt was created and at most maxProofLifetime
        // after the attempt expires; checked here whatever the authentication manager checks
        Instant ex = expiration.toInstant();
        Instant createdAt = attempt.expiresAt().minus(signIn.requestTimeout());
        if (ex.isBefore(createdAt)) {
            IdentityProofAuthenticationManager.logRejection(proof, Reason.EXPIRED);
            throw new IdentityProofAuthenticationException(Reason.EXPIRED, "identity proof of " + signer
                    + " expired before this sign-in request was made");
        }
        if (ex.isAfter(attempt.expiresAt().plus(signIn.maxProofLifetime()))) {
            IdentityProofAuthenticationManager.logRejection(proof, Reason.EXPIRATION_TOO_FAR);
            throw new IdentityProofAuthenticationException(Reason.EXPIRATION_TOO_FAR, "identity proof of " + signer
                    + " expires later than a proof made for this sign-in request may");
        }
        // the request the wallet says it answered (the callback's "req", not signed): this one
        String req;
        try {
            req = optionalText(payload, "req");
        } catch (RuntimeException e) {
            throw malformed(attempt, "the callback's \"req\" is not a string");
        }
        if (req != null && !sameRequest(req, attempt.link())) {
            LOG.warn("antelopekit: sign-in " + attempt.id() + " rejected: " + SignInOutcome.WRONG_REQUEST
                    + ": the identity proof of " + signer + " answers another request");
            throw new OtherRequest();
        }
        return proof;
    }

    /** Whether {@code req} (as a wallet encoded it) is the request of {@code link}. */
    private static boolean sameRequest(String req, String link) {
        try {
            return SigningRequest.from(req).equals(SigningRequest.from(link));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The callback's {@code req} is another request than the attempt's. */
    private static final class OtherRequest extends RuntimeException {
        OtherRequest() {
            super(null, null, false, false);
        }
    }

    private static IdentityProofAuthenticationException malformed(SignInAttempt attempt, String what) {
        LOG.warn("antelopekit: sign-in " + attempt.id() + " rejected: " + Reason.MALFORMED + ": " + what);
        return new IdentityProofAuthenticationException(Reason.MALFORMED, what);
    }

    private static String text(JsonNode payload, String key) {
        String s = optionalText(payload, key);
        if (s == null) {
            throw new IllegalArgumentException("\"" + key + "\" is missing");
        }
        return s;
    }

    private static String optionalText(JsonNode payload, String key) {
        JsonNode v = payload.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("\"" + key + "\" is not a string");
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    private Mono<ServerResponse> verified(SignInAttempt attempt, Authentication auth) {
        if (!(auth.getPrincipal() instanceof AntelopePrincipal principal)) {
            LOG.warn("antelopekit: sign-in " + attempt.id() + ": the authentication manager answered a principal of "
                    + (auth.getPrincipal() == null ? "null" : auth.getPrincipal().getClass().getName())
                    + ", not an AntelopePrincipal");
            return rejected(attempt, SignInOutcome.REFUSED, HttpStatus.UNAUTHORIZED);
        }
        List<String> authorities = new ArrayList<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (a.getAuthority() != null) {
                authorities.add(a.getAuthority());
            }
        }
        SignInOutcome outcome = SignInOutcome.verified(principal.chainId(), principal.permissionLevel(), authorities);
        signIn.limits().ended(attempt.id());
        return persist(principal)
                .then(signIn.store().complete(attempt.id(), outcome))
                .flatMap(done -> {
                    if (!done) {
                        return error(HttpStatus.CONFLICT, "this sign-in request was answered already", null);
                    }
                    ObjectNode o = JSON.createObjectNode();
                    o.put("status", "verified");
                    o.put("principal", principal.getName());
                    o.put("chainId", principal.chainId().toString());
                    return json(HttpStatus.OK, o);
                })
                .onErrorResume(e -> !(e instanceof AuthenticationException), e -> {
                    LOG.error("antelopekit: sign-in " + attempt.id() + " of " + principal + " verified, but the session"
                            + " could not be stored: " + e, e);
                    return signIn.store().complete(attempt.id(), SignInOutcome.failed(SignInOutcome.ERROR))
                            .onErrorResume(x -> Mono.just(false))
                            .then(error(HttpStatus.INTERNAL_SERVER_ERROR, "the sign-in could not be stored",
                                    SignInOutcome.ERROR));
                });
    }

    /** Stores the session in the kit's storage, as the ESR wallet's session, its chain's default. */
    private Mono<Void> persist(AntelopePrincipal principal) {
        if (!signIn.persistSessions()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            JsonNode walletData = null;
            for (WalletPlugin w : signIn.kit().walletPlugins()) {
                if (WalletPluginSigningRequest.ID.equals(w.id())) {
                    walletData = w.data();
                    break;
                }
            }
            PermissionLevel level = principal.permissionLevel();
            SerializedSession session = new SerializedSession(principal.chainId().toString(),
                    level.actor().toString(), level.permission().toString(),
                    new SerializedSession.WalletData(WalletPluginSigningRequest.ID, walletData), null, true);
            return signIn.kit().persistSession(session).then();
        });
    }

    /** A valid proof the authentication manager refused: the attempt ends. */
    private Mono<ServerResponse> rejected(SignInAttempt attempt, String reason, HttpStatus status) {
        signIn.limits().ended(attempt.id());
        return signIn.store().complete(attempt.id(), SignInOutcome.failed(reason))
                .then(error(status, "identity proof rejected", reason));
    }

    /**
     * An answer that is no valid proof for this attempt (malformed, forged, expired, replayed,
     * for another chain or request): refused, and the attempt stays pending for the genuine
     * wallet, unless it was the last bad answer allowed: then it fails with this reason.
     */
    private Mono<ServerResponse> badAnswer(SignInAttempt attempt, String reason) {
        Mono<ServerResponse> refused = error(HttpStatus.UNAUTHORIZED, "identity proof rejected", reason);
        if (!signIn.limits().badAnswer(attempt.id(), attempt.expiresAt())) {
            return refused;
        }
        signIn.limits().ended(attempt.id());
        LOG.warn("antelopekit: sign-in " + attempt.id() + " failed after " + signIn.limits().maxBadAnswers()
                + " rejected answers, the last one " + reason);
        return signIn.store().complete(attempt.id(), SignInOutcome.failed(reason)).then(refused);
    }

    // ------------------------------------------------------------------ helpers

    /** The body, at most {@code max} bytes ({@link DataBufferLimitException} beyond). */
    private static Mono<byte[]> readBody(ServerRequest request, int max) {
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), max)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
    }

    /** The JSON of {@code bytes}, or a missing node when it does not parse. */
    private static JsonNode parseJsonOrMissing(byte[] bytes) {
        JsonNode node = parseJson(bytes);
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The JSON of {@code bytes}, or null when it does not parse. */
    private static JsonNode parseJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first value of every query parameter, as a JSON object of strings (empty ones left out). */
    private static JsonNode queryPayload(ServerRequest request) {
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, List<String>> e : request.queryParams().entrySet()) {
            if (!e.getValue().isEmpty() && e.getValue().get(0) != null && !e.getValue().get(0).isEmpty()) {
                o.put(e.getKey(), e.getValue().get(0));
            }
        }
        return o;
    }

    private static Mono<ServerResponse> json(HttpStatus status, ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .body(BodyInserters.fromDataBuffers(Mono.fromSupplier(
                        () -> (DataBuffer) DefaultDataBufferFactory.sharedInstance.wrap(bytes))));
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message, String reason) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        if (reason != null) {
            o.put("reason", reason);
        }
        return json(status, o);
    }
}
