package io.antelopekit.example.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.wallet.esr.CallbackReceiver;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.io.IOException;

/**
 * Where wallets post the callbacks of the signing requests the page shows for transfers
 * ({@code POST /esr-callback/<id>}, JSON; public and without CSRF token: a wallet app sends it):
 * the kit's ESR wallet has a detached {@link CallbackReceiver} whose callback URLs name this
 * route, and this route hands each callback to it. The payload is checked by the wallet plugin
 * (the transaction's id, each signature recovering a key) before the session broadcasts.
 */
@RestController
class CallbackController {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest callback read, in characters. */
    private static final int MAX_BODY = CallbackReceiver.DEFAULT_MAX_BODY_SIZE;

    private final CallbackReceiver receiver;

    CallbackController(CallbackReceiver receiver) {
        this.receiver = receiver;
    }

    /** 200 when a waiting request took it; 404 for an unknown or finished id; 400 when not a JSON object. */
    @PostMapping(WebApp.CALLBACK_PATH + "/{id}")
    Mono<ResponseEntity<String>> callback(@PathVariable("id") String id, @RequestBody(required = false) Mono<String> body) {
        return body.defaultIfEmpty("").map(text -> {
            if (text.length() > MAX_BODY) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body("callback too large");
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(text);
            } catch (IOException e) {
                payload = null;
            }
            if (payload == null || !payload.isObject()) {
                return ResponseEntity.badRequest().body("the callback's body is not a JSON object");
            }
            return receiver.deliver(id, payload) ? ResponseEntity.ok("delivered")
                    : ResponseEntity.status(HttpStatus.NOT_FOUND).body("no request waits for callback " + id);
        });
    }
}
