package io.antelopekit.spring.security;

import io.antelopekit.signin.InMemorySignInStore;
import io.antelopekit.signin.SignInStore;
import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionKit;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import io.antelopekit.session.internal.RandomIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * "Sign in with an Antelope wallet" for a Spring WebFlux application secured by Spring Security:
 * the browser asks for an identity request, shows it as a QR code and an {@code esr:} link, the
 * user's wallet (Anchor, for instance) signs it and posts its callback to the service, and the
 * browser completes the sign-in into its web session.
 *
 * <p><b>Endpoints</b> (JSON, under {@link Builder#basePath basePath}, {@value #DEFAULT_BASE_PATH}
 * by default), served by {@link #routes()}:
 * <ul>
 *   <li>{@code POST {base}/requests} (optional {@code chainId}, as a query, form or JSON
 *       parameter) answers {@code {"id","link","qrSvg","expiresAt","chainId","chainIds"}}: a
 *       version 3 identity request with the application's scope, for the chain asked (or all the
 *       chains offered: {@code chainId} is then {@code null}), whose background callback is
 *       {@code {publicUrl}{base}/callback/{id}}. The attempt is kept in the {@link SignInStore}
 *       and bound to the caller's web session: only that browser may watch or complete it.
 *       Beyond the {@link Builder#maxPendingPerSession limits} (pending attempts per web session
 *       and per client address, attempts per minute per address): {@code 429} with
 *       {@code Retry-After}.</li>
 *   <li>{@code GET {base}/requests/{id}/events}: a {@code text/event-stream} of {@code pending},
 *       then {@code verified} {@code {"actor","permission","chainId"}} or {@code failed}
 *       {@code {"reason"}}, or {@code expired} when the request timed out; then it ends.
 *       {@code 404} for an id of another web session.</li>
 *   <li>{@code POST {base}/callback/{id}} (JSON body, at most {@value #MAX_CALLBACK_BYTES}
 *       bytes) or {@code GET} with the ESR callback's query parameters: the wallet's answer. The
 *       identity proof is made of the payload ({@code sig}, {@code sa}, {@code sp}, {@code cid},
 *       {@code ex}) and the attempt's scope, and authenticated by the authentication manager.
 *       Accepted: the session is stored in the kit's storage (wallet
 *       {@value WalletPluginSigningRequest#ID}), the outcome is {@code verified}, {@code 200}.
 *       Rejected: {@code 401 {"error":"identity proof rejected","reason":"FORGED"}}; the attempt
 *       stays pending for the genuine wallet, unless it was its {@link Builder#maxBadAnswers
 *       maxBadAnswers}th rejected answer (then its outcome is {@code failed}), or a valid proof the
 *       authentication manager refused ({@code REFUSED}: {@code failed}). A proof must have been
 *       made for this attempt: its expiration after the attempt was created and at most
 *       {@link Builder#maxProofLifetime maxProofLifetime} after it expires, and the callback's
 *       {@code req}, if any, this attempt's request. Unknown or expired id: {@code 404}; an attempt that already has its
 *       outcome: {@code 409}.</li>
 *   <li>{@code POST {base}/requests/{id}/complete}: for the owning web session and a verified
 *       outcome (once), saves an authenticated {@link org.springframework.security.core.context.SecurityContext}
 *       through the security context repository, changes the web session's id (against session
 *       fixation) and answers {@code {"principal":"alice@active","chainId"}}; otherwise
 *       {@code 401 {"error","reason"}}.</li>
 * </ul>
 *
 * <pre>{@code
 * WalletSignIn signIn = WalletSignIn.builder()
 *         .kit(kit)
 *         .authenticationManager(IdentityProofAuthenticationManager.of(verifier))
 *         .publicUrl("https://app.example.com")
 *         .build();
 *
 * @Bean RouterFunction<ServerResponse> signInRoutes() { return signIn.routes(); }
 *
 * @Bean SecurityWebFilterChain security(ServerHttpSecurity http) {
 *     signIn.configure(http);      // first: permits the sign-in paths, no CSRF for the wallet's callback
 *     return http.authorizeExchange(a -> a.anyExchange().authenticated()).build();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; nothing blocks. Several instances of a service share one
 * {@link SignInStore} ({@code io.antelopekit.redis.RedisSignInStore}), a web session store, and the verifier's replay
 * store: the wallet's callback may reach another instance than the browser.
 */
public final class WalletSignIn {

    /** Where the endpoints are by default: {@value}. */
    public static final String DEFAULT_BASE_PATH = "/auth/antelope";

    /** How long an identity request waits for the wallet by default: 5 minutes. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

    /** The largest wallet callback accepted: {@value} bytes. */
    public static final int MAX_CALLBACK_BYTES = 16 * 1024;

    /** Pending attempts of one web session at most, by default: {@value}. */
    public static final int DEFAULT_MAX_PENDING_PER_SESSION = 3;

    /** Pending attempts of one client address at most, by default: {@value}. */
    public static final int DEFAULT_MAX_PENDING_PER_CLIENT = 10;

    /** Attempts one client address may start per minute, by default: {@value} (in a burst, or spread). */
    public static final int DEFAULT_MAX_REQUESTS_PER_MINUTE = 20;

    /** Rejected answers an attempt takes before it fails, by default: {@value}. */
    public static final int DEFAULT_MAX_BAD_ANSWERS = 5;

    /** The web session attribute holding the browser's secret its attempts are bound to. */
    public static final String OWNER_ATTRIBUTE = WalletSignIn.class.getName() + ".owner";

    private final SessionKit kit;
    private final ReactiveAuthenticationManager authenticationManager;
    private final List<Checksum256> chainIds;
    private final Name scope;
    private final String basePath;
    private final String publicUrl;
    private final Duration requestTimeout;
    private final SignInStore store;
    private final ServerSecurityContextRepository securityContextRepository;
    private final boolean persistSessions;
    private final Clock clock;
    private final Duration maxProofLifetime;
    private final List<String> walletCallbackPaths;
    private final SignInLimits limits;
    private final SignInHandlers handlers;

    private WalletSignIn(Builder b, List<Checksum256> chainIds, Name scope, String basePath, String publicUrl) {
        this.kit = b.kit;
        this.authenticationManager = b.authenticationManager;
        this.chainIds = List.copyOf(chainIds);
        this.scope = scope;
        this.basePath = basePath;
        this.publicUrl = publicUrl;
        this.requestTimeout = b.requestTimeout;
        this.store = b.store != null ? b.store : InMemorySignInStore.create(InMemorySignInStore.DEFAULT_MAX_ENTRIES,
                b.clock);
        this.securityContextRepository = b.securityContextRepository != null ? b.securityContextRepository
                : new WebSessionServerSecurityContextRepository();
        this.persistSessions = b.persistSessions;
        this.clock = b.clock;
        this.maxProofLifetime = b.maxProofLifetime;
        this.walletCallbackPaths = List.copyOf(b.walletCallbackPaths);
        this.limits = new SignInLimits(b.maxPendingPerSession, b.maxPendingPerClient, b.maxRequestsPerMinute,
                b.maxBadAnswers, b.clock);
        this.handlers = new SignInHandlers(this);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The endpoints (see the class description). */
    public RouterFunction<ServerResponse> routes() {
        return handlers.routes();
    }

    /**
     * Wires this sign-in into Spring Security, as {@link #configure(ServerHttpSecurity, WalletSignIn...)}
     * does for several.
     *
     * @return {@code http}
     */
    public ServerHttpSecurity configure(ServerHttpSecurity http) {
        return configure(http, this);
    }

    /**
     * Wires sign-ins into Spring Security: every path under their {@link #basePath()}s is
     * permitted, and so is {@code {path}/{id}} of their {@link Builder#walletCallbackPath wallet
     * callback paths} (a wallet posts without a session); CSRF protection (Spring Security's default matcher: unsafe methods) is
     * turned off for the paths wallets post to only: the sign-ins' callbacks
     * ({@code {basePath}/callback/{id}}) and the {@link Builder#walletCallbackPath wallet callback
     * paths} of the application's own routes ({@code {path}/{id}}, where a
     * {@link io.antelopekit.wallet.esr.CallbackReceiver CallbackReceiver} takes transaction
     * callbacks). A wallet has no CSRF token; its callback is checked by its signatures. The
     * browser's own posts ({@code requests}, {@code complete}) and every other route keep CSRF
     * protection.
     *
     * <p>It also installs the CSRF token handler of {@link #csrfTokenRequestHandler()}: Spring
     * Security's masking of the token (against BREACH) with random bytes from a generator seeded
     * once, here, so that no event loop reads the OS's entropy (Spring's default,
     * {@code new SecureRandom()}, is a {@code NativePRNG} on Linux, which reads
     * {@code /dev/urandom} on the calling thread whenever its buffer is older than 100 ms). The
     * CSRF token itself ({@code WebSessionServerCsrfTokenRepository}) and the ids of Spring's
     * {@code InMemoryWebSessionStore} (new sessions, {@code changeSessionId}) are made on Reactor's
     * bounded elastic scheduler by Spring already.
     *
     * <p>Call it at startup (it reads the OS's entropy once), before the application's own
     * {@code authorizeExchange} rules (an {@code anyExchange()} rule must come last) and before
     * any {@code csrf} settings of its own, which would replace this matcher and handler (use
     * {@link #callbackMatcher()} and {@link #csrfTokenRequestHandler()} then); with several
     * sign-ins, call it once with all of them (each call sets the CSRF matcher anew).
     *
     * <pre>{@code
     * WalletSignIn.configure(http, mainnetSignIn, testnetSignIn)
     *         .authorizeExchange(a -> a.anyExchange().authenticated());
     * }</pre>
     *
     * @return {@code http}
     * @throws IllegalArgumentException if no sign-in is given
     */
    public static ServerHttpSecurity configure(ServerHttpSecurity http, WalletSignIn... signIns) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(signIns, "signIns");
        if (signIns.length == 0) {
            throw new IllegalArgumentException("no WalletSignIn to configure");
        }
        List<String> open = new ArrayList<>();
        List<ServerWebExchangeMatcher> callbacks = new ArrayList<>();
        for (int i = 0; i < signIns.length; i++) {
            WalletSignIn s = Objects.requireNonNull(signIns[i], "signIns[" + i + "]");
            open.add(s.basePath + "/**");
            s.walletCallbackPaths.forEach(p -> open.add(p + "/*"));
            callbacks.add(s.callbackMatcher());
        }
        ServerWebExchangeMatcher callback = new OrServerWebExchangeMatcher(callbacks);
        ServerCsrfTokenRequestHandler masking = csrfTokenRequestHandler();
        http.authorizeExchange(a -> a.pathMatchers(open.toArray(String[]::new)).permitAll())
                .csrf(c -> c.csrfTokenRequestHandler(masking).requireCsrfProtectionMatcher(
                        new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                                new NegatedServerWebExchangeMatcher(callback))));
        return http;
    }

    /**
     * A new CSRF token handler for {@code csrf(c -> c.csrfTokenRequestHandler(...))}: Spring
     * Security's {@link XorServerCsrfTokenRequestAttributeHandler} (each response's token masked
     * with fresh random bytes) given a DRBG seeded once, now, so that masking a token on an event
     * loop never reads the OS's entropy; a token that cannot be read from the request (a form body
     * that does not decode) is a missing token ({@code 403}), not a server error. {@link #configure}
     * installs one; an application that sets its own CSRF configuration uses this. Reads the OS's
     * entropy once: call it at startup.
     */
    public static ServerCsrfTokenRequestHandler csrfTokenRequestHandler() {
        XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setSecureRandom(RandomIds.seededRandom());
        return new ServerCsrfTokenRequestHandler() {
            @Override
            public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
                handler.handle(exchange, csrfToken);
            }

            @Override
            public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
                // a form body that does not decode (a bad %-escape) has no token: 403, not 500
                return handler.resolveCsrfTokenValue(exchange, csrfToken).onErrorResume(e -> Mono.empty());
            }
        };
    }

    /**
     * Matches the paths wallets post to, and only those: this sign-in's callbacks
     * ({@code {basePath}/callback/{id}}, one segment) and its {@link Builder#walletCallbackPath
     * wallet callback paths} ({@code {path}/{id}}, one segment); for an application that sets its
     * own CSRF configuration and must keep them out of it.
     *
     * <pre>{@code
     * http.csrf(c -> c.csrfTokenRequestHandler(WalletSignIn.csrfTokenRequestHandler())
     *         .requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
     *                 new NegatedServerWebExchangeMatcher(signIn.callbackMatcher()))));
     * }</pre>
     */
    public ServerWebExchangeMatcher callbackMatcher() {
        List<String> patterns = new ArrayList<>();
        patterns.add(basePath + "/callback/*");
        walletCallbackPaths.forEach(p -> patterns.add(p + "/*"));
        return ServerWebExchangeMatchers.pathMatchers(patterns.toArray(String[]::new));
    }

    /**
     * The paths of the application's own routes that take wallets' signing-request callbacks
     * ({@code {path}/{id}} is exempt from CSRF), as given to {@link Builder#walletCallbackPath}.
     */
    public List<String> walletCallbackPaths() {
        return walletCallbackPaths;
    }

    /** Where the endpoints are, such as {@code /auth/antelope}. */
    public String basePath() {
        return basePath;
    }

    /** The public origin wallets post their callbacks to, without a trailing slash. */
    public String publicUrl() {
        return publicUrl;
    }

    /** The callback URL of attempt {@code id}: {@code {publicUrl}{basePath}/callback/{id}}. */
    public String callbackUrl(String id) {
        return publicUrl + basePath + "/callback/" + Objects.requireNonNull(id, "id");
    }

    /** The chains offered, in order. */
    public List<Checksum256> chainIds() {
        return chainIds;
    }

    /** The scope of the identity requests. */
    public Name scope() {
        return scope;
    }

    /** How long an identity request waits for the wallet. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The store of attempts. */
    public SignInStore store() {
        return store;
    }

    /**
     * The attempt {@code id} when the web session of {@code exchange} asked for it, as the
     * sign-in's own routes check it; empty for another browser's attempt, an unknown id or a web
     * session that never asked. For an application's own route that acts on a sign-in, such as
     * a test wallet that answers only the caller's own request.
     */
    public reactor.core.publisher.Mono<SignInAttempt> attemptOf(org.springframework.web.server.ServerWebExchange exchange,
            String id) {
        Objects.requireNonNull(exchange, "exchange");
        if (id == null || !RandomIds.isId(id)) {
            return reactor.core.publisher.Mono.empty();
        }
        return exchange.getSession().flatMap(session -> {
            String secret = session.getAttribute(OWNER_ATTRIBUTE);
            if (secret == null) {
                return reactor.core.publisher.Mono.empty();
            }
            String owner = SignInIds.ownerHash(secret);
            return store.get(id).filter(a -> SignInIds.sameOwner(a.owner(), owner));
        });
    }

    SessionKit kit() {
        return kit;
    }

    ReactiveAuthenticationManager authenticationManager() {
        return authenticationManager;
    }

    ServerSecurityContextRepository securityContextRepository() {
        return securityContextRepository;
    }

    boolean persistSessions() {
        return persistSessions;
    }

    Clock clock() {
        return clock;
    }

    /**
     * How long after an attempt expires a wallet's proof for it may still expire: a proof made
     * for the attempt expires between the attempt's creation and its expiry plus this.
     */
    public Duration maxProofLifetime() {
        return maxProofLifetime;
    }

    SignInLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return "WalletSignIn[" + publicUrl + basePath + ", scope=" + scope + ", chains=" + chainIds + ", timeout="
                + requestTimeout + ", store=" + store + "]";
    }

    /**
     * Configures a {@link WalletSignIn}. Required: {@link #kit}, {@link #authenticationManager},
     * {@link #publicUrl}.
     */
    public static final class Builder {
        private SessionKit kit;
        private ReactiveAuthenticationManager authenticationManager;
        private final List<Checksum256> chainIds = new ArrayList<>();
        private Name scope;
        private String basePath = DEFAULT_BASE_PATH;
        private String publicUrl;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private SignInStore store;
        private ServerSecurityContextRepository securityContextRepository;
        private boolean persistSessions = true;
        private Clock clock = Clock.systemUTC();
        private int maxBadAnswers = DEFAULT_MAX_BAD_ANSWERS;
        private Duration maxProofLifetime = IdentityProofVerifier.DEFAULT_MAX_LIFETIME;
        private final List<String> walletCallbackPaths = new ArrayList<>();
        private int maxPendingPerSession = DEFAULT_MAX_PENDING_PER_SESSION;
        private int maxPendingPerClient = DEFAULT_MAX_PENDING_PER_CLIENT;
        private int maxRequestsPerMinute = DEFAULT_MAX_REQUESTS_PER_MINUTE;

        private Builder() {
        }

        /**
         * The kit: its chains are offered (unless {@link #chainId}/{@link #chainIds} choose), and
         * signed-in sessions are stored in its storage with wallet
         * {@value WalletPluginSigningRequest#ID}, which must be registered in it.
         */
        public Builder kit(SessionKit kit) {
            this.kit = Objects.requireNonNull(kit, "kit");
            return this;
        }

        /**
         * What checks the wallet's identity proof: an {@link IdentityProofAuthenticationManager},
         * or the application's manager that answers for an {@link AntelopeAuthenticationToken} with
         * an authentication whose principal is an {@link AntelopePrincipal}.
         */
        public Builder authenticationManager(ReactiveAuthenticationManager manager) {
            this.authenticationManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /** Offers {@code chainId} (added to the chains offered; all of the kit's by default). */
        public Builder chainId(Checksum256 chainId) {
            this.chainIds.add(Objects.requireNonNull(chainId, "chainId"));
            return this;
        }

        /** Offers these chains, in order (all of the kit's by default). */
        public Builder chainIds(List<Checksum256> chainIds) {
            Objects.requireNonNull(chainIds, "chainIds").forEach(this::chainId);
            return this;
        }

        /**
         * The scope of identity requests (default: the scope of the
         * {@link IdentityProofAuthenticationManager}'s verifier; required with another manager).
         */
        public Builder scope(Name scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Where the endpoints are (default {@value #DEFAULT_BASE_PATH}): a path starting with
         * {@code /}, without a trailing one.
         *
         * @throws IllegalArgumentException if it is not such a path
         */
        public Builder basePath(String basePath) {
            this.basePath = path("basePath", basePath, "/auth/antelope");
            return this;
        }

        /**
         * The path of an application route that wallets post signing-request callbacks to, such
         * as {@code /esr-callback} for {@code POST /esr-callback/{id}}, where a detached
         * {@link io.antelopekit.wallet.esr.CallbackReceiver CallbackReceiver} takes transaction
         * callbacks: {@link #configure} exempts {@code {path}/{id}} (one segment, any method) from
         * CSRF, as it does the sign-in's own callbacks, and nothing else under it. May be given
         * several times.
         *
         * @throws IllegalArgumentException if it is not a path such as /esr-callback
         */
        public Builder walletCallbackPath(String path) {
            this.walletCallbackPaths.add(path("walletCallbackPath", path, "/esr-callback"));
            return this;
        }

        private static String path(String what, String path, String example) {
            Objects.requireNonNull(path, what);
            String p = path.trim();
            while (p.length() > 1 && p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.startsWith("/") || p.length() < 2 || p.contains("*") || p.contains("{") || p.contains("?")
                    || p.contains("#") || p.contains("//")) {
                throw new IllegalArgumentException(what + " \"" + path + "\" is not a path such as " + example);
            }
            return p;
        }

        /**
         * The public origin of the application as the user's wallet reaches it, such as
         * {@code https://app.example.com} (a path prefix is allowed): callbacks go to
         * {@code {publicUrl}{basePath}/callback/{id}}.
         *
         * @throws IllegalArgumentException if it is not an absolute http(s) URL without query or fragment
         */
        public Builder publicUrl(String publicUrl) {
            Objects.requireNonNull(publicUrl, "publicUrl");
            String u = publicUrl.trim();
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            try {
                URI uri = new URI(u);
                String s = uri.getScheme();
                if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https")) || uri.getHost() == null
                        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new URISyntaxException(u, "not an absolute http(s) URL without query or fragment");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("publicUrl \"" + publicUrl + "\" is not an absolute http or https"
                        + " URL without query or fragment, such as https://app.example.com");
            }
            this.publicUrl = u;
            return this;
        }

        /**
         * How long an identity request waits for the wallet (default
         * {@link #DEFAULT_REQUEST_TIMEOUT}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder requestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout " + timeout + " is not positive");
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** Where attempts are kept (default: an {@link InMemorySignInStore}). */
        public Builder store(SignInStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where the completed sign-in's security context is saved (default: a
         * {@link WebSessionServerSecurityContextRepository}, Spring Security's default for WebFlux).
         */
        public Builder securityContextRepository(ServerSecurityContextRepository repository) {
            this.securityContextRepository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        /**
         * Whether a verified sign-in is stored as a session of the kit (default {@code true}).
         */
        public Builder persistSessions(boolean persist) {
            this.persistSessions = persist;
            return this;
        }

        /**
         * How many attempts of one web session may be pending at once (default
         * {@value #DEFAULT_MAX_PENDING_PER_SESSION}); one more is a {@code 429} with
         * {@code Retry-After}. An attempt stops counting when it is answered, completed or expired.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxPendingPerSession(int max) {
            this.maxPendingPerSession = positive("maxPendingPerSession", max);
            return this;
        }

        /**
         * How many attempts of one client address may be pending at once (default
         * {@value #DEFAULT_MAX_PENDING_PER_CLIENT}); one more is a {@code 429} with
         * {@code Retry-After}. The address is the request's remote address (an IPv6 address counts
         * by its /64 network); behind a reverse proxy, let Spring's
         * {@code ForwardedHeaderTransformer} set it from {@code X-Forwarded-For} / {@code Forwarded}
         * (trusting those headers only from the proxy), or every user counts as the proxy.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxPendingPerClient(int max) {
            this.maxPendingPerClient = positive("maxPendingPerClient", max);
            return this;
        }

        /**
         * How many attempts one client address may start per minute (default
         * {@value #DEFAULT_MAX_REQUESTS_PER_MINUTE}: a burst of that many, then one every
         * {@code 60 s / max}); more is a {@code 429} with {@code Retry-After}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxRequestsPerMinute(int max) {
            this.maxRequestsPerMinute = positive("maxRequestsPerMinute", max);
            return this;
        }

        /**
         * How many rejected answers (malformed, forged, expired, replayed, for another chain,
         * scope or request) an attempt takes, each leaving it pending for the genuine wallet,
         * before it fails with the last one's reason (default {@value #DEFAULT_MAX_BAD_ANSWERS}).
         * Counted by each instance of the service.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxBadAnswers(int max) {
            this.maxBadAnswers = positive("maxBadAnswers", max);
            return this;
        }

        /**
         * How long after an attempt expires a wallet's identity proof for it may still expire
         * (default {@link IdentityProofVerifier#DEFAULT_MAX_LIFETIME}, the verifier's): a proof
         * expiring before the attempt was created, or later than its expiry plus this, was not
         * made for it and is refused ({@code EXPIRED}, {@code EXPIRATION_TOO_FAR}), whatever the
         * authentication manager checks.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxProofLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative()) {
                throw new IllegalArgumentException("maxProofLifetime " + lifetime + " is negative");
            }
            this.maxProofLifetime = lifetime;
            return this;
        }

        private static int positive(String what, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " " + value + " is not positive");
            }
            return value;
        }

        /** The clock of expirations (default: the system's, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The sign-in. Reads the OS's entropy once for the first one made (ids are random):
         * build it at startup, not on an event loop.
         *
         * @throws IllegalStateException when the kit, the authentication manager or the public
         *     URL is missing, a chain is not the kit's, no scope is known, or sessions are stored
         *     but the kit has no wallet {@value WalletPluginSigningRequest#ID}
         */
        public WalletSignIn build() {
            if (kit == null) {
                throw new IllegalStateException("kit is required: the SessionKit whose chains are offered and whose"
                        + " storage keeps the signed-in sessions");
            }
            if (authenticationManager == null) {
                throw new IllegalStateException("authenticationManager is required: an"
                        + " IdentityProofAuthenticationManager, for instance");
            }
            if (publicUrl == null) {
                throw new IllegalStateException("publicUrl is required: the application's public origin, which"
                        + " wallets post their callbacks to (https://app.example.com)");
            }
            List<Checksum256> chains = new ArrayList<>(new LinkedHashSet<>(chainIds));
            if (chains.isEmpty()) {
                for (ChainDefinition c : kit.chains()) {
                    chains.add(c.id());
                }
            }
            for (Checksum256 c : chains) {
                if (kit.chains().stream().noneMatch(d -> d.id().equals(c))) {
                    throw new IllegalStateException("chain " + c + " is not one of the kit's chains");
                }
            }
            Name s = scope;
            if (authenticationManager instanceof IdentityProofAuthenticationManager m) {
                IdentityProofVerifier verifier = m.verifier();
                if (s == null) {
                    s = verifier.scope();
                } else if (!s.equals(verifier.scope())) {
                    throw new IllegalStateException("scope " + s + " is not the verifier's scope " + verifier.scope()
                            + ": every proof would be rejected");
                }
                for (Checksum256 c : chains) {
                    if (!verifier.serves(c)) {
                        throw new IllegalStateException("the verifier does not serve chain " + c
                                + ": every proof for it would be rejected");
                    }
                }
            }
            if (s == null) {
                throw new IllegalStateException("scope is required with an authentication manager other than an"
                        + " IdentityProofAuthenticationManager");
            }
            if (persistSessions && kit.walletPlugins().stream()
                    .noneMatch(w -> WalletPluginSigningRequest.ID.equals(w.id()))) {
                throw new IllegalStateException("the kit has no wallet plugin " + WalletPluginSigningRequest.ID
                        + " to store signed-in sessions with: register a WalletPluginSigningRequest in it, or call"
                        + " persistSessions(false)");
            }
            RandomIds.warmUp();
            return new WalletSignIn(this, chains, s, basePath, publicUrl);
        }
    }
}
