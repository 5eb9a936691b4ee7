package io.antelopekit.esr;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.AccountInfo;
import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.KeyWeight;
import io.antelopekit.api.model.Permission;
import io.antelopekit.api.model.PermissionLevelWeight;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.esr.IdentityProofException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks identity proofs on the service side: the answer a wallet gives to an identity request
 * ({@link IdentityProof}, the {@code EOSIO <base64>} header) proves that the holder of a key
 * controls an account's permission, for this application, until an expiration.
 *
 * <p>{@link #verify(IdentityProof)} accepts a proof when, in this order:
 * <ol>
 * <li>its chain is one the verifier serves ({@link Reason#WRONG_CHAIN});</li>
 * <li>its scope is the application's ({@link Reason#WRONG_SCOPE});</li>
 * <li>it has not expired, allowing {@link Builder#clockSkew clock skew}
 * ({@link Reason#EXPIRED}), and it does not expire later than {@link Builder#maxLifetime
 * maxLifetime} (plus skew) from now ({@link Reason#EXPIRATION_TOO_FAR});</li>
 * <li>a key can be recovered from its signature ({@link Reason#BAD_SIGNATURE});</li>
 * <li>that key satisfies the signer's permission as {@code get_account} shows it now: the
 * weights of the key and of the linked accounts' permissions that the key satisfies (followed
 * up to {@link Builder#maxAuthorityDepth depth}) reach the threshold; waits never count
 * ({@link Reason#UNKNOWN_ACCOUNT}, {@link Reason#UNKNOWN_PERMISSION}, {@link Reason#FORGED} when
 * the key has no part in the permission, {@link Reason#INSUFFICIENT_WEIGHT} when it has too
 * little);</li>
 * <li>the same proof was not accepted before ({@link Reason#REPLAYED}): a proof is recorded in
 * the {@link ReplayStore} once it passed every other check, until its expiration plus skew, so
 * a forged copy cannot use up a genuine proof's place. A proof is identified by what it signs
 * (chain, scope, expiration, signer), not by its signature bytes, which can be altered without
 * the key (high-S).</li>
 * </ol>
 *
 * <p>Exactly the named permission is checked: a proof signed for {@code alice@active} with a
 * key of {@code alice@owner} only is rejected, although the chain would accept an owner
 * signature for an active authorization. Ask the wallet for the permission you check.
 *
 * <p>Every rejection is an {@link IdentityProofException} with its {@link Reason}; a node or
 * replay-store failure is {@link Reason#NODE_ERROR} with the failure as cause. Verification is
 * non-blocking and nothing happens before subscription. The verifier does not own its
 * {@link ChainClient}s: dispose of them yourself.
 *
 * <pre>{@code
 * IdentityProofVerifier verifier = IdentityProofVerifier.builder()
 *         .chain(chainId, ChainClient.create("https://jungle4.greymass.com"))
 *         .scope(Name.from("myapp"))
 *         .build();
 * Mono<VerifiedIdentity> who = verifier.verify(request.getHeader("Authorization"));
 * }</pre>
 */
public final class IdentityProofVerifier {

    /** Clock difference allowed between the wallet, the node and this service: 30 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** How far in the future a proof may expire: 10 minutes. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(10);
    /** Levels of linked accounts followed below the signer's permission: 6, like a node's default. */
    public static final int DEFAULT_MAX_AUTHORITY_DEPTH = 6;

    static final String REPLAY_KEY_PREFIX = "antelopekit:esr:identity:";
    private static final long ACCOUNT_QUERY_CODE = 3060002L;
    private static final Name EOSIO_CODE = Name.from("eosio.code");

    private final Map<Checksum256, ChainClient> clients;
    private final Function<Checksum256, ChainClient> clientLookup;
    private final Name scope;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final ReplayStore replayStore;
    private final int maxAuthorityDepth;

    private IdentityProofVerifier(Builder b) {
        this.clients = Map.copyOf(b.clients);
        this.clientLookup = b.clientLookup;
        this.scope = b.scope;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.maxLifetime = b.maxLifetime;
        this.replayStore = b.replayStore != null ? b.replayStore
                : InMemoryReplayStore.create(InMemoryReplayStore.DEFAULT_MAX_ENTRIES, b.clock);
        this.maxAuthorityDepth = b.maxAuthorityDepth;
    }

    /** A builder: set {@link Builder#scope scope} and at least one chain. */
    public static Builder builder() {
        return new Builder();
    }

    /** The application name proofs must be scoped to. */
    public Name scope() {
        return scope;
    }

    /** Whether proofs for {@code chainId} can be verified. */
    public boolean serves(Checksum256 chainId) {
        Objects.requireNonNull(chainId, "chainId");
        return clientFor(chainId) != null;
    }

    private ChainClient clientFor(Checksum256 chainId) {
        ChainClient c = clients.get(chainId);
        if (c == null && clientLookup != null) {
            c = clientLookup.apply(chainId);
        }
        return c;
    }

    /**
     * Verifies a proof in its string form, {@code EOSIO <base64>}.
     *
     * @return the identity, or an {@link IdentityProofException} ({@link Reason#MALFORMED} if the
     *         string is not a proof)
     */
    public Mono<VerifiedIdentity> verify(String proof) {
        Objects.requireNonNull(proof, "proof");
        return Mono.defer(() -> {
            IdentityProof parsed;
            try {
                parsed = IdentityProof.from(proof);
            } catch (InvalidSigningRequestException e) {
                return Mono.error(new IdentityProofException(Reason.MALFORMED, e.getMessage(), e));
            }
            return verify(parsed);
        });
    }

    /**
     * Verifies a proof (see the class description for the checks).
     *
     * @return the identity, or an {@link IdentityProofException}
     */
    public Mono<VerifiedIdentity> verify(IdentityProof proof) {
        Objects.requireNonNull(proof, "proof");
        return Mono.defer(() -> check(proof));
    }

    private Mono<VerifiedIdentity> check(IdentityProof proof) {
        PermissionLevel signer = proof.signer();
        ChainClient client = clientFor(proof.chainId());
        if (client == null) {
            return reject(Reason.WRONG_CHAIN, "identity proof of " + signer + " is for chain " + proof.chainId()
                    + ", which this verifier does not serve");
        }
        if (!scope.equals(proof.scope())) {
            return reject(Reason.WRONG_SCOPE, "identity proof of " + signer + " is for scope \"" + proof.scope()
                    + "\", not \"" + scope + "\"");
        }
        Instant now = clock.instant();
        Instant expiration = proof.expiration().toInstant();
        if (now.isAfter(expiration.plus(clockSkew))) {
            return reject(Reason.EXPIRED, "identity proof of " + signer + " expired at " + proof.expiration()
                    + " (now " + now + ", clock skew allowed " + clockSkew + ")");
        }
        if (expiration.isAfter(now.plus(maxLifetime).plus(clockSkew))) {
            return reject(Reason.EXPIRATION_TOO_FAR, "identity proof of " + signer + " expires at "
                    + proof.expiration() + ", more than " + maxLifetime + " (plus skew " + clockSkew + ") after "
                    + now);
        }
        Checksum256 digest = proof.signingDigest();
        PublicKey key;
        try {
            key = proof.signature().recover(digest);
        } catch (InvalidValueException e) {
            return Mono.error(new IdentityProofException(Reason.BAD_SIGNATURE, "identity proof of " + signer
                    + ": no key can be recovered from its signature: " + e.getMessage(), e));
        }
        Instant keepUntil = expiration.plus(clockSkew);
        return client.getAccount(signer.actor())
                .onErrorMap(e -> !(e instanceof IdentityProofException), e -> isUnknownAccount(e)
                        ? new IdentityProofException(Reason.UNKNOWN_ACCOUNT, "identity proof of " + signer
                                + ": account " + signer.actor() + " does not exist on chain " + proof.chainId(), e)
                        : nodeError(signer, "get_account " + signer.actor(), e))
                .flatMap(account -> {
                    Permission permission = account.permission(signer.permission()).orElse(null);
                    if (permission == null || permission.requiredAuth() == null) {
                        return reject(Reason.UNKNOWN_PERMISSION, "identity proof of " + signer + ": account "
                                + signer.actor() + " has no permission \"" + signer.permission() + "\"");
                    }
                    return new Walk(client, key).satisfies(permission.requiredAuth(), 0);
                })
                .flatMap(result -> switch (result) {
                    case SATISFIED -> replayStore.markSeen(REPLAY_KEY_PREFIX + digest, keepUntil)
                            .onErrorMap(e -> nodeError(signer, "the replay store", e))
                            .switchIfEmpty(Mono.error(() -> nodeError(signer, "the replay store",
                                    new IllegalStateException("markSeen completed empty"))))
                            .flatMap(fresh -> fresh
                                    ? Mono.just(new VerifiedIdentity(proof.chainId(), signer, key, proof.expiration()))
                                    : reject(Reason.REPLAYED, "identity proof of " + signer + " expiring at "
                                            + proof.expiration() + " was already used"));
                    case INSUFFICIENT -> reject(Reason.INSUFFICIENT_WEIGHT, "identity proof of " + signer
                            + ": key " + key + " has too little weight to satisfy " + signer + " on its own");
                    case ABSENT -> reject(Reason.FORGED, "identity proof of " + signer + ": it was signed by key "
                            + key + ", which is not part of " + signer + "'s authority");
                });
    }

    private static <T> Mono<T> reject(Reason reason, String message) {
        return Mono.error(new IdentityProofException(reason, message));
    }

    private static IdentityProofException nodeError(PermissionLevel signer, String what, Throwable e) {
        return new IdentityProofException(Reason.NODE_ERROR, "identity proof of " + signer + ": " + what
                + " failed: " + e.getMessage(), e);
    }

    private static boolean isUnknownAccount(Throwable e) {
        if (!(e instanceof ChainApiException a)) {
            return false;
        }
        String message = a.getMessage();
        return a.code() == ACCOUNT_QUERY_CODE || (message != null && message.contains("unknown key"));
    }

    /** How the key relates to an authority. */
    enum Match {
        /** Its weight (with the linked permissions it satisfies) reaches the threshold. */
        SATISFIED,
        /** It appears (directly or through linked accounts) but has too little weight. */
        INSUFFICIENT,
        /** It appears nowhere. */
        ABSENT
    }

    /** One verification's walk through linked accounts, with the accounts it fetched. */
    private final class Walk {
        private final ChainClient client;
        private final PublicKey key;
        private final Map<Name, Mono<AccountInfo>> accounts = new HashMap<>();

        Walk(ChainClient client, PublicKey key) {
            this.client = client;
            this.key = key;
        }

        Mono<Match> satisfies(Authority authority, int depth) {
            long weight = 0;
            boolean present = false;
            for (KeyWeight kw : authority.keys()) {
                if (kw.key().equals(key)) {
                    weight += kw.weight();
                    present = true;
                }
            }
            long threshold = authority.threshold();
            if ((weight >= threshold && weight > 0) || authority.accounts().isEmpty() || depth >= maxAuthorityDepth) {
                return Mono.just(result(weight, threshold, present));
            }
            long keyWeight = weight;
            boolean keyPresent = present;
            return Flux.fromIterable(authority.accounts())
                    .concatMap(plw -> linked(plw, depth + 1))
                    .reduce(new long[] {keyWeight, keyPresent ? 1 : 0}, (acc, part) -> {
                        acc[0] += part[0];
                        acc[1] |= part[1];
                        return acc;
                    })
                    .map(acc -> result(acc[0], threshold, acc[1] != 0));
        }

        private Match result(long weight, long threshold, boolean present) {
            if (weight > 0 && weight >= threshold) {
                return Match.SATISFIED;
            }
            return present ? Match.INSUFFICIENT : Match.ABSENT;
        }

        /** {weight it contributes, 1 if the key appears below it}. */
        private Mono<long[]> linked(PermissionLevelWeight plw, int depth) {
            PermissionLevel level = plw.permission();
            if (EOSIO_CODE.equals(level.permission())) {
                return Mono.just(new long[] {0, 0});
            }
            return account(level.actor())
                    .flatMap(account -> account.permission(level.permission())
                            .filter(p -> p.requiredAuth() != null)
                            .map(p -> satisfies(p.requiredAuth(), depth))
                            .orElse(Mono.just(Match.ABSENT)))
                    .defaultIfEmpty(Match.ABSENT)
                    .map(m -> new long[] {m == Match.SATISFIED ? plw.weight() : 0, m == Match.ABSENT ? 0 : 1});
        }

        /** The account, or empty if it does not exist; cached for this walk. */
        private Mono<AccountInfo> account(Name name) {
            return accounts.computeIfAbsent(name, n -> client.getAccount(n)
                    .onErrorResume(IdentityProofVerifier::isUnknownAccount, e -> Mono.empty())
                    .cache());
        }
    }

    @Override
    public String toString() {
        return "IdentityProofVerifier[scope=" + scope + ", chains=" + clients.keySet()
                + (clientLookup != null ? " + lookup" : "") + ", clockSkew=" + clockSkew + ", maxLifetime="
                + maxLifetime + ", maxAuthorityDepth=" + maxAuthorityDepth + "]";
    }

    /**
     * Configures an {@link IdentityProofVerifier}. {@link #scope} and at least one chain
     * ({@link #chain} or {@link #chains}) are required.
     */
    public static final class Builder {
        private final Map<Checksum256, ChainClient> clients = new HashMap<>();
        private Function<Checksum256, ChainClient> clientLookup;
        private Name scope;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private ReplayStore replayStore;
        private int maxAuthorityDepth = DEFAULT_MAX_AUTHORITY_DEPTH;

        private Builder() {
        }

        /** Serves proofs for {@code chainId}, checking accounts through {@code client}. */
        public Builder chain(Checksum256 chainId, ChainClient client) {
            clients.put(Objects.requireNonNull(chainId, "chainId"), Objects.requireNonNull(client, "client"));
            return this;
        }

        /**
         * Serves the chains for which {@code lookup} gives a client ({@code null}: not served);
         * asked when {@link #chain} named no client for the chain.
         */
        public Builder chains(Function<Checksum256, ChainClient> lookup) {
            this.clientLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** The application name proofs must be scoped to (the identity request's scope). */
        public Builder scope(Name scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** The clock "now" is read from (default: the system's, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Clock difference allowed (default {@link #DEFAULT_CLOCK_SKEW}): a proof is accepted up
         * to this long after its expiration, and may expire this much later than
         * {@link #maxLifetime} allows.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew " + skew + " is negative");
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * How far in the future a proof may expire (default {@link #DEFAULT_MAX_LIFETIME}): a
         * proof that stays valid longer is rejected, whoever signed it. Wallets answer identity
         * requests with proofs that expire a minute or so after they are made.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxLifetime(Duration maxLifetime) {
            Objects.requireNonNull(maxLifetime, "maxLifetime");
            if (maxLifetime.isNegative() || maxLifetime.isZero()) {
                throw new IllegalArgumentException("maxLifetime " + maxLifetime + " is not positive");
            }
            this.maxLifetime = maxLifetime;
            return this;
        }

        /**
         * Where accepted proofs are remembered until they expire (default: an
         * {@link InMemoryReplayStore} of {@link InMemoryReplayStore#DEFAULT_MAX_ENTRIES} on
         * this builder's clock). Share one store between the verifiers of a service's instances.
         */
        public Builder replayStore(ReplayStore store) {
            this.replayStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Levels of linked accounts followed below the signer's permission (default
         * {@link #DEFAULT_MAX_AUTHORITY_DEPTH}; 0 counts the permission's own keys only).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxAuthorityDepth(int depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("maxAuthorityDepth " + depth + " is negative");
            }
            this.maxAuthorityDepth = depth;
            return this;
        }

        /**
         * The verifier.
         *
         * @throws IllegalStateException if no scope or no chain was set
         */
        public IdentityProofVerifier build() {
            if (scope == null) {
                throw new IllegalStateException("scope is required: the application name proofs are scoped to");
            }
            if (clients.isEmpty() && clientLookup == null) {
                throw new IllegalStateException("no chain: call chain(chainId, client) or chains(lookup)");
            }
            return new IdentityProofVerifier(this);
        }
    }
}
