package com.example.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.wallet.esr.CallbackReceiver;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Where wallets post their answers to the signing requests of transfers: the kit's ESR wallet has
 * a detached {@link CallbackReceiver} whose callback URLs name this route
 * ({@code antelopekit.esr.receiver.public-url}), and Spring Security lets wallets post here without
 * a session or CSRF token ({@code antelopekit.sign-in.wallet-callback-paths}). The answer is
 * checked by the wallet plugin (the transaction, each signature) before anything is broadcast.
 */
@RestController
class CallbackController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallbackReceiver receiver;

    CallbackController(CallbackReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping("/esr-callback/{id}")
    Mono<ResponseEntity<Void>> callback(@PathVariable("id") String id, @RequestBody String body) {
        return Mono.fromCallable(() -> JSON.readTree(body))
                .filter(JsonNode::isObject)
                .map(json -> receiver.deliver(id, json)
                        ? ResponseEntity.ok().<Void>build() : ResponseEntity.notFound().<Void>build())
                .defaultIfEmpty(ResponseEntity.badRequest().build())         // not a JSON object
                .onErrorResume(e -> Mono.just(ResponseEntity.badRequest().build()));   // not JSON
    }
}
