package io.antelopekit.example.webapp;

import io.antelopekit.signin.SignInAttempt;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.esr.InvalidSigningRequestException;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.session.SessionKit;
import io.antelopekit.spring.security.AntelopePrincipal;
import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.spring.security.WalletSignIn;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet test wallet, for people trying the example without a wallet app: the page hands it
 * the {@code esr:} link it shows, and an {@link EsrTestWallet} answers it as a wallet app would
 * (resolve, sign with the dev account's documented key, post the callback).
 *
 * <p>Off unless {@code webapp.dev-wallet=true}: it signs with keys the server holds, so it is a
 * developer's tool, never a default ({@code 404} when off). When on, it answers only what the
 * calling browser itself shows:
 * <ul>
 *   <li>a sign-in request of this browser's own web session (another browser's attempt,
 *       whose link a caller may have seen, is refused), answered as the dev account chosen on
 *       the page, or as the signed-in account;</li>
 *   <li>a transfer's signing request that the signed-in user's page shows now, answered as that
 *       user;</li>
 * </ul>
 * and it posts callbacks only to this application's own callback routes: a link whose callback
 * names another URL is refused before anything is signed ({@code 400}). Anything else is a
 * {@code 403}.
 */
@RestController
class DevWalletController {

    private final WebAppSettings settings;
    private final WalletSignIn signIn;
    private final Transfers transfers;
    private final Map<String, EsrTestWallet> wallets = new LinkedHashMap<>();

    DevWalletController(WebAppSettings settings, SessionKit kit, WalletSignIn signIn, Transfers transfers) {
        this.settings = settings;
        this.signIn = signIn;
        this.transfers = transfers;
        for (String account : settings.devAccounts()) {
            wallets.put(account, EsrTestWallet.of(DevAccount.of(account).privateKey(),
                    PermissionLevel.from(account + "@active"), kit.client(settings.chainId())));
        }
    }

    /** {@code {"link": "esr:...", "account": "alice"}}; the account is ignored when signed in. */
    record Answer(String link, String account) {
    }

    /** Which of the application's callback routes a request's callback names. */
    private enum Route { SIGN_IN, TRANSFER }

    /** Answers the link; {@code {"account", "transactionId"?}}, or 400/403 with the reason. */
    @PostMapping("/dev/wallet/answer")
    Mono<ResponseEntity<Map<String, Object>>> answer(@RequestBody(required = false) Answer body,
            ServerWebExchange exchange) {
        if (!settings.devWallet()) {
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
        }
        String link = body == null ? null : body.link();
        if (link == null || !(link.startsWith("esr:") || link.startsWith("web+esr:"))) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "link: give the esr: link the page shows"));
        }
        SigningRequest request;
        try {
            request = SigningRequest.from(link);
        } catch (InvalidSigningRequestException e) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "link: " + e.getMessage()));
        }
        String callback = request.callback().map(SigningRequest.Callback::url).orElse(null);
        Route route = route(callback);
        if (route == null) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "link: the devnet test wallet answers only requests whose"
                    + " callback is this application's (" + settings.publicUrl() + ")"));
        }
        if (route == Route.SIGN_IN && !request.isIdentity() || route == Route.TRANSFER && request.isIdentity()) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "link: the request does not fit its callback route"));
        }
        String id = callback.substring(callback.lastIndexOf('/') + 1);
        return signedIn().flatMap(user -> {
            Mono<Boolean> allowed = route == Route.SIGN_IN
                    ? signIn.attemptOf(exchange, id).map(SignInAttempt::isPending).defaultIfEmpty(false)
                    : Mono.just(user.isPresent() && transfers.waitsForWallet(user.get(), link));
            String account = user.map(p -> p.permissionLevel().actor().toString())
                    .orElse(route == Route.SIGN_IN && body.account() != null ? body.account() : null);
            return allowed.flatMap(ok -> {
                if (!ok) {
                    return Mono.just(error(HttpStatus.FORBIDDEN, route == Route.SIGN_IN
                            ? "the devnet test wallet answers only this browser's own pending sign-in"
                            : "the devnet test wallet answers only a transfer of the signed-in user waiting for it"));
                }
                EsrTestWallet wallet = account == null ? null : wallets.get(account);
                if (wallet == null) {
                    return Mono.just(error(HttpStatus.BAD_REQUEST, "account: the devnet test wallet answers for "
                            + wallets.keySet() + ", not " + account));
                }
                return wallet.handle(link).map(payload -> ok(account, payload))
                        .onErrorResume(e -> Mono.just(error(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()))));
            });
        });
    }

    /** The route {@code callback} names when it is exactly one of this application's; else {@code null}. */
    private Route route(String callback) {
        if (callback == null) {
            return null;
        }
        URI own = URI.create(settings.publicUrl());
        URI uri;
        try {
            uri = new URI(callback);
        } catch (URISyntaxException e) {
            return null;
        }
        if (!own.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                || !own.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) || own.getPort() != uri.getPort()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return null;
        }
        String path = uri.getRawPath();
        String base = own.getRawPath() == null ? "" : own.getRawPath();
        if (matches(path, base + signIn.basePath() + "/callback/")) {
            return Route.SIGN_IN;
        }
        if (matches(path, base + WebApp.CALLBACK_PATH + "/")) {
            return Route.TRANSFER;
        }
        return null;
    }

    /** {@code path} is {@code prefix} and one URL-safe id (no dot segments, no escapes). */
    private static boolean matches(String path, String prefix) {
        if (path == null || !path.startsWith(prefix) || path.length() == prefix.length() || path.length() > prefix.length() + 64) {
            return false;
        }
        for (int i = prefix.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static Mono<Optional<AntelopePrincipal>> signedIn() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(Authentication::getPrincipal)
                .filter(AntelopePrincipal.class::isInstance)
                .map(p -> Optional.of((AntelopePrincipal) p))
                .defaultIfEmpty(Optional.empty());
    }

    private static ResponseEntity<Map<String, Object>> ok(String account, JsonNode payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", account + "@active");
        if (payload.path("tx").isTextual()) {
            out.put("transactionId", payload.path("tx").asText());
        }
        return ResponseEntity.ok(out);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
