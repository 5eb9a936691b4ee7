package io.antelopekit.example.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.ui.QrCode;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The user interface of one transfer, for one user's page: the session's prompts (the signing
 * request's QR code, link and countdown) and progress become events of that transfer, which the
 * page receives as server-sent events. A prompt stays open until the wallet's callback ends it
 * (the wallet plugin then cancels the prompt) or the transfer is cancelled.
 *
 * <p>Made per transfer and given to {@code session.withUserInterface(...)}: one server signs for
 * many users, each prompt reaches only its own page.
 */
final class BrowserPrompt implements UserInterface {

    /** Where the events go: name and data. */
    interface Events {
        void emit(String event, Map<String, Object> data);
    }

    private final Events events;

    BrowserPrompt(Events events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Shows a prompt's {@code esr:} link (of its {@code qr} or {@code link} element) with a QR
     * code and countdown on the page, and waits: the plugin ends the wait when the callback
     * comes. A prompt without a link is refused.
     */
    @Override
    public Mono<JsonNode> prompt(PromptArgs args) {
        return Mono.defer(() -> {
            String link = null;
            String expiresAt = null;
            for (PromptArgs.Element e : args.elements()) {
                JsonNode data = e.data();
                if (data == null) {
                    continue;
                }
                if (link == null && e.type().equals("qr") && data.isTextual()) {
                    link = data.asText();
                } else if (link == null && e.type().equals("link") && data.path("href").isTextual()) {
                    link = data.path("href").asText();
                } else if (e.type().equals("countdown") && data.path("end").isTextual()) {
                    expiresAt = data.path("end").asText();
                }
            }
            if (link == null) {
                return Mono.error(new UnsupportedOperationException("the page shows signing requests only; prompt '"
                        + args.title() + "' has no esr: link"));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("title", args.title());
            data.put("body", args.body() == null ? "" : args.body());
            data.put("link", link);
            data.put("qrSvg", QrCode.of(link).toSvg());
            data.put("expiresAt", expiresAt);
            events.emit("prompt", data);
            return Mono.<JsonNode>never().doOnCancel(() -> events.emit("prompt-closed", Map.of()));
        });
    }

    @Override
    public Mono<Void> onSign() {
        return progress("signing");
    }

    @Override
    public Mono<Void> onSignComplete() {
        return progress("signed");
    }

    @Override
    public Mono<Void> onBroadcast() {
        return progress("broadcasting");
    }

    @Override
    public Mono<Void> onBroadcastComplete() {
        return progress("broadcast");
    }

    private Mono<Void> progress(String step) {
        return Mono.fromRunnable(() -> events.emit("progress", Map.of("step", step)));
    }
}
