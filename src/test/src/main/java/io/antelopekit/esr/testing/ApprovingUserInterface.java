package io.antelopekit.esr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** {@link EsrTestWallet#userInterface()}: every prompt's {@code esr:} link goes to the wallet. */
final class ApprovingUserInterface implements UserInterface {

    private final EsrTestWallet wallet;

    ApprovingUserInterface(EsrTestWallet wallet) {
        this.wallet = wallet;
    }

    @Override
    public Mono<JsonNode> prompt(PromptArgs args) {
        Objects.requireNonNull(args, "args");
        return Mono.defer(() -> {
            String link = link(args);
            if (link == null) {
                return Mono.error(new CancelledException("prompt \"" + args.title() + "\" has no esr: link for "
                        + wallet));
            }
            return wallet.handle(link);
        });
    }

    /** The first {@code esr:} link of a {@code link} element, else of a {@code qr} element. */
    static String link(PromptArgs args) {
        for (String type : new String[] {"link", "qr"}) {
            for (PromptArgs.Element e : args.elements()) {
                if (e.type().equals(type)) {
                    String s = esr(e.data());
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static String esr(JsonNode data) {
        if (data == null || data.isNull()) {
            return null;
        }
        if (data.isTextual()) {
            return isEsr(data.asText()) ? data.asText() : null;
        }
        for (String field : new String[] {"href", "url", "link", "data"}) {
            JsonNode v = data.get(field);
            if (v != null && v.isTextual() && isEsr(v.asText())) {
                return v.asText();
            }
        }
        return null;
    }

    private static boolean isEsr(String s) {
        return s.regionMatches(true, 0, "esr:", 0, 4) || s.regionMatches(true, 0, "web+esr:", 0, 8);
    }

    @Override
    public String toString() {
        return "EsrTestWallet.userInterface[" + wallet + "]";
    }
}
