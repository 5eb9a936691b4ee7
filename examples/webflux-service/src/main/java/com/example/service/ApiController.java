package com.example.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.session.LoginOptions;
import io.antelopekit.session.LoginResult;
import io.antelopekit.session.RestoreArgs;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactEvent;
import io.antelopekit.spring.ChainClients;
import io.antelopekit.spring.security.AntelopePrincipal;
import io.antelopekit.ui.QrCode;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The service's routes: the CSRF token for the page, and for the signed-in user ({@code /api/**})
 * who they are, their balances, transfers their wallet signs, and a welcome gift the service signs.
 */
@RestController
class ApiController {

    private final ChainClients clients;
    private final SessionKit kit;
    private final Mono<Session> service;

    ApiController(ChainClients clients, SessionKit kit) {
        this.clients = clients;
        this.kit = kit;
        // the service's own account, signed with the key of antelopekit.wallet.private-keys-env: logged in once
        this.service = kit.login(LoginOptions.builder()
                        .walletPlugin(WalletPluginPrivateKey.ID).permissionLevel("myservice@active").build())
                .map(LoginResult::session).cache();
    }

    /** This browser's CSRF token: every POST but the wallets' sends it in this header. */
    @GetMapping("/csrf")
    Mono<Map<String, String>> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty()
                : token.map(t -> Map.of("headerName", t.getHeaderName(), "token", t.getToken()));
    }

    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal AntelopePrincipal who) {
        return Map.of("account", who.getName(), "chainId", who.chainId().toString());
    }

    @GetMapping("/api/balances")
    Mono<List<String>> balances(@AuthenticationPrincipal AntelopePrincipal who) {
        return clients.get(who.chainId())
                .getCurrencyBalance(Name.from("eosio.token"), who.permissionLevel().actor(), null)
                .map(r -> r.balances().stream().map(Asset::toString).toList());
    }

    /**
     * A transfer from the signed-in user, signed by their wallet: a {@code prompt} event with the
     * signing request for their page, then a {@code status} event for each state of the
     * transaction up to {@code IRREVERSIBLE}, or a {@code failed} event.
     */
    @PostMapping(path = "/api/transfers", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Map<String, String>>> transfer(@AuthenticationPrincipal AntelopePrincipal who,
            @RequestBody TransferForm form) {
        Sinks.Many<ServerSentEvent<Map<String, String>>> prompts = Sinks.many().unicast().onBackpressureBuffer();
        UserInterface ui = new UserInterface() {                 // this user's page, for this call only
            @Override
            public Mono<JsonNode> prompt(PromptArgs args) {       // the signing request's link and QR code
                String link = link(args);
                prompts.tryEmitNext(event("prompt", Map.of("link", link, "qrSvg", QrCode.of(link).toSvg())));
                return Mono.never();                              // until the wallet answers (or a cancel)
            }
        };
        Flux<ServerSentEvent<Map<String, String>>> status = Mono.fromCallable(() -> form.toAction(who))
                .flatMapMany(action -> userSession(who)
                        .flatMapMany(session -> session.withUserInterface(ui).transactAndTrack(TransactArgs.of(action))))
                .map(e -> event("status", Map.of("transactionId", e.transactionId().toString(), "state", state(e))))
                .onErrorResume(error -> Mono.just(event("failed", Map.of("reason", String.valueOf(error.getMessage())))))
                .doFinally(s -> prompts.tryEmitComplete());
        return Flux.merge(prompts.asFlux(), status);
    }

    /** A welcome gift: the service sends the signed-in user 1.0000 EOS, signed with the service's own key. */
    @PostMapping("/api/welcome")
    Mono<Map<String, String>> welcome(@AuthenticationPrincipal AntelopePrincipal who) {
        Map<String, Object> transfer = Map.of("from", "myservice", "to", who.permissionLevel().actor().toString(),
                "quantity", "1.0000 EOS", "memo", "welcome");
        return service.flatMap(s -> s.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer", transfer))))
                .map(r -> Map.of("transactionId", r.id().toString()));
    }

    /** The signed-in user's session, signed through their wallet (the ESR wallet): the kit stored it at sign-in. */
    Mono<Session> userSession(AntelopePrincipal who) {
        SerializedSession stored = new SerializedSession(who.chainId().toString(),
                who.permissionLevel().actor().toString(), who.permissionLevel().permission().toString(),
                new SerializedSession.WalletData(WalletPluginSigningRequest.ID, null), null, false);
        // the stored session, or (first use) one built from these arguments and stored
        return kit.restore(RestoreArgs.of(stored));
    }

    /** The {@code esr:} link of a prompt: its link element, or the text of its QR code. */
    static String link(PromptArgs args) {
        for (PromptArgs.Element e : args.elements()) {
            if (e.type().equals("link") && e.data() != null && e.data().path("href").isTextual()) {
                return e.data().path("href").asText();
            }
            if (e.type().equals("qr") && e.data() != null && e.data().isTextual()) {
                return e.data().asText();
            }
        }
        throw new IllegalArgumentException("prompt '" + args.title() + "' has no esr: link");
    }

    static String state(TransactEvent e) {
        return e instanceof TransactEvent.StatusChanged s ? s.state().name() : "ACCEPTED";
    }

    static ServerSentEvent<Map<String, String>> event(String name, Map<String, String> data) {
        return ServerSentEvent.builder(data).event(name).build();
    }
}
