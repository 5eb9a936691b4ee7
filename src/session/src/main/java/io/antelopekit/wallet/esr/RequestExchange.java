package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One round trip with the user's wallet: registers a callback, puts it into the request as its
 * background callback (and signs the request as the app, when configured), shows the request
 * through the user interface as a QR code, a link and a countdown, and waits for whichever comes
 * first: the wallet's callback, the timeout, or the end of the prompt with an error (the user
 * closing it). On every end the prompt's subscription is disposed and the registration removed.
 */
final class RequestExchange {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The request as sent and the wallet's callback payload. */
    record Answer(SigningRequest request, JsonNode payload) {
    }

    /** The texts of a prompt, each with its translation key. */
    record Texts(String key, String title, String body, String qrLabel, String linkLabel, String waitLabel) {
    }

    private final CallbackReceiver receiver;
    private final Name requestSigner;
    private final PrivateKey requestKey;

    RequestExchange(CallbackReceiver receiver, Name requestSigner, PrivateKey requestKey) {
        this.receiver = receiver;
        this.requestSigner = requestSigner;
        this.requestKey = requestKey;
    }

    /**
     * Shows {@code base} (its callback replaced by a new registration's) and waits for a callback
     * that {@code accepts} takes as an answer to the request shown (CPU checks only: it runs on
     * the delivering thread); others are refused and the wait goes on.
     *
     * @return the answer; a {@link CallbackTimeoutException} after {@code timeout}; the prompt's
     *     error when it ends with one (a {@link io.antelopekit.plugin.CancelledException} when the
     *     user closed it); a {@link io.antelopekit.plugin.CancelledException} when the receiver closed
     */
    Mono<Answer> run(SigningRequest base, UserInterface ui, Duration timeout, Texts texts,
            java.util.function.BiPredicate<SigningRequest, JsonNode> accepts) {
        return Mono.defer(() -> {
            java.util.concurrent.atomic.AtomicReference<SigningRequest> shown = new java.util.concurrent.atomic.AtomicReference<>();
            // a callback that does not answer the request shown is refused and the wait goes on
            CallbackReceiver.Pending pending = receiver.register(payload -> shown.get() != null
                    && accepts.test(shown.get(), payload));
            SigningRequest request;
            PromptArgs args;
            try {
                request = base.withCallback(pending.url(), true);
                if (requestKey != null) {
                    request = request.sign(requestSigner, requestKey);
                }
                args = prompt(ui, request.encode(true, false), Instant.now().plus(timeout), texts);
            } catch (RuntimeException e) {
                pending.cancel();
                return Mono.error(e);
            }
            SigningRequest sent = request;
            shown.set(sent);
            // the prompt's value (a UI that answers at once) does not end the wait; its error does
            Mono<JsonNode> prompt = Mono.defer(() -> Objects.requireNonNull(ui.prompt(args),
                    "the user interface's prompt returned null instead of a Mono")).then(Mono.never());
            return Mono.firstWithSignal(pending.await(timeout), prompt)
                    .map(payload -> new Answer(sent, payload))
                    .doFinally(signal -> pending.cancel());
        });
    }

    private static PromptArgs prompt(UserInterface ui, String link, Instant end, Texts t) {
        String k = "esr." + t.key() + ".";
        String qrLabel = ui.translate(k + "qr", t.qrLabel());
        String linkLabel = ui.translate(k + "link", t.linkLabel());
        String waitLabel = ui.translate(k + "await", t.waitLabel());
        ObjectNode linkData = NODES.objectNode().put("href", link).put("label", linkLabel).put("variant", "primary");
        ObjectNode countdown = NODES.objectNode().put("label", waitLabel)
                .put("end", end.truncatedTo(ChronoUnit.MILLIS).toString());
        return new PromptArgs(ui.translate(k + "title", t.title()), ui.translate(k + "body", t.body()), List.of(
                new PromptArgs.Element("qr", qrLabel, NODES.textNode(link)),
                new PromptArgs.Element("link", linkLabel, linkData),
                new PromptArgs.Element("countdown", waitLabel, countdown)));
    }
}
