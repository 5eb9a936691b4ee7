package io.antelopekit.example.webapp;

import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.session.SessionKit;
import io.antelopekit.spring.security.AntelopePrincipal;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's JSON: its settings and CSRF token ({@code /config}, public), and for the signed-in
 * user ({@code /api/**}, authenticated): who they are, their balances, and their transfers with
 * each one's events as a server-sent event stream.
 */
@RestController
class ApiController {

    private static final Name TOKEN = Name.from("eosio.token");

    private final SessionKit kit;
    private final WebAppSettings settings;
    private final Transfers transfers;
    private final UserSessions users;
    private final String signInPath;

    ApiController(SessionKit kit, WebAppSettings settings, Transfers transfers, UserSessions users,
            Environment environment) {
        this.kit = kit;
        this.settings = settings;
        this.transfers = transfers;
        this.users = users;
        this.signInPath = environment.getProperty("antelopekit.sign-in.base-path", "/auth/antelope");
    }

    /**
     * What the page needs before anything else: the chain, the sign-in's path, the devnet test
     * wallet's accounts, and the CSRF token its {@code POST}s send in a header (read again after
     * signing in and out: the token belongs to the web session).
     */
    @GetMapping("/config")
    Mono<Map<String, Object>> config(ServerWebExchange exchange) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("chainId", settings.chainId().toString());
        config.put("chainName", settings.chainName());
        config.put("signInPath", signInPath);
        config.put("devWallet", settings.devWallet());
        config.put("devAccounts", settings.devAccounts());
        config.put("serviceAccount", settings.serviceAccount().toString());
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (token == null) {
            return Mono.just(config);
        }
        return token.map(t -> {
            config.put("csrf", Map.of("headerName", t.getHeaderName(), "token", t.getToken()));
            return config;
        }).defaultIfEmpty(config);
    }

    /** The signed-in account: {@code {"account": "alice@active", "actor", "permission", "chainId", "chainName"}}. */
    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal AntelopePrincipal who) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("account", who.getName());
        me.put("actor", who.permissionLevel().actor().toString());
        me.put("permission", who.permissionLevel().permission().toString());
        me.put("chainId", who.chainId().toString());
        me.put("chainName", kit.chain(who.chainId()).name());
        return me;
    }

    /** The account's balances on {@code eosio.token}, through the kit's client of the chain. */
    @GetMapping("/api/balances")
    Mono<Map<String, Object>> balances(Authentication signedIn) {
        AntelopePrincipal who = who(signedIn);
        Name actor = who.permissionLevel().actor();
        return kit.client(who.chainId()).getCurrencyBalance(TOKEN, actor, null).map(b -> {
            List<String> list = b.balances().stream().map(Asset::toString).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("account", actor.toString());
            out.put("contract", TOKEN.toString());
            out.put("balances", list);
            return out;
        });
    }

    /** Starts a transfer: {@code {"to", "quantity", "memo", "signer": "wallet" | "service"}}; answers its id. */
    @PostMapping("/api/transfers")
    ResponseEntity<Map<String, Object>> transfer(Authentication signedIn,
            @RequestBody Transfers.Form form) {
        AntelopePrincipal who = who(signedIn);
        Transfers.Transfer t = transfers.start(who, form);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", t.id, "signer", t.signer));
    }

    /**
     * A transfer's events from its start: {@code started}, {@code progress}, {@code prompt} (the
     * signing request's link, QR code as SVG and expiry), {@code prompt-closed}, {@code accepted}
     * (transaction id), {@code status} (each state to a final one), then {@code done} or
     * {@code failed}; the stream ends after the last.
     */
    @GetMapping(path = "/api/transfers/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Map<String, Object>>> events(Authentication signedIn,
            @PathVariable("id") String id) {
        AntelopePrincipal who = who(signedIn);
        return transfers.find(id, who).map(Transfers.Transfer::events)
                .orElseGet(() -> Flux.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no transfer " + id)));
    }

    /** Cancels a transfer (the wait for the wallet, or the tracking). */
    @PostMapping("/api/transfers/{id}/cancel")
    ResponseEntity<Void> cancel(Authentication signedIn, @PathVariable("id") String id) {
        AntelopePrincipal who = who(signedIn);
        return transfers.find(id, who).map(t -> {
            t.cancel("cancelled on the page");
            return ResponseEntity.noContent().<Void>build();
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Forgets the user's stored wallet session (the page signs out right after). */
    @PostMapping("/api/session/forget")
    Mono<ResponseEntity<Void>> forget(Authentication signedIn) {
        AntelopePrincipal who = who(signedIn);
        return users.forget(who).thenReturn(ResponseEntity.noContent().build());
    }

    /** The signed-in account, from the authentication (as {@code @AuthenticationPrincipal} gives it). */
    static AntelopePrincipal who(Authentication signedIn) {
        if (signedIn != null && signedIn.getPrincipal() instanceof AntelopePrincipal p) {
            return p;
        }
        throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "not signed in with a wallet");
    }

    @ExceptionHandler(Transfers.InvalidTransferException.class)
    ResponseEntity<Map<String, Object>> invalid(Transfers.InvalidTransferException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
