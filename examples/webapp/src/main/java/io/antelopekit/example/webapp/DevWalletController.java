package io.antelopekit.example.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.session.SessionKit;
import io.antelopekit.spring.security.AntelopePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet test wallet, for people trying the example without a wallet app: the page hands it
 * the {@code esr:} link it shows, and an {@link EsrTestWallet} answers it as a wallet app would
 * (resolve, sign with the dev account's documented key, post the callback). Signed in, it answers
 * for the signed-in account; signed out, for the dev account chosen on the page. Only when the
 * application runs its embedded devnet ({@code webapp.dev-wallet}, on by default); 404 otherwise.
 */
@RestController
class DevWalletController {

    private final WebAppSettings settings;
    private final Map<String, EsrTestWallet> wallets = new LinkedHashMap<>();

    DevWalletController(WebAppSettings settings, SessionKit kit) {
        this.settings = settings;
        for (String account : settings.devAccounts()) {
            wallets.put(account, EsrTestWallet.of(DevAccount.of(account).privateKey(),
                    PermissionLevel.from(account + "@active"), kit.client(settings.chainId())));
        }
    }

    /** {@code {"link": "esr:...", "account": "alice"}}; the account is ignored when signed in. */
    record Answer(String link, String account) {
    }

    /** Answers the link; {@code {"account", "transactionId"?}}, or 400 with the wallet's error. */
    @PostMapping("/dev/wallet/answer")
    Mono<ResponseEntity<Map<String, Object>>> answer(@RequestBody Answer body) {
        if (!settings.devWallet()) {
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
        }
        if (body.link() == null || !(body.link().startsWith("esr:") || body.link().startsWith("web+esr:"))) {
            return Mono.just(error("link: give the esr: link the page shows"));
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(Authentication::getPrincipal)
                .filter(AntelopePrincipal.class::isInstance)
                .map(p -> Optional.of(((AntelopePrincipal) p).permissionLevel().actor().toString()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(signedIn -> {
                    String account = signedIn.orElse(body.account());
                    EsrTestWallet wallet = account == null ? null : wallets.get(account);
                    if (wallet == null) {
                        return Mono.just(error("account: the devnet test wallet answers for " + wallets.keySet()
                                + ", not " + account));
                    }
                    return wallet.handle(body.link()).map(payload -> ok(account, payload))
                            .onErrorResume(e -> Mono.just(error(String.valueOf(e.getMessage()))));
                });
    }

    private static ResponseEntity<Map<String, Object>> ok(String account, JsonNode payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", account + "@active");
        if (payload.path("tx").isTextual()) {
            out.put("transactionId", payload.path("tx").asText());
        }
        return ResponseEntity.ok(out);
    }

    private static ResponseEntity<Map<String, Object>> error(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
