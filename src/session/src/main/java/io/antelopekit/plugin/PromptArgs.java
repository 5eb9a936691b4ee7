package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * A question a plugin asks the user through the {@link UserInterface}.
 *
 * <p>An <b>optional</b> prompt, as WharfKit's {@code optional}, only informs: the plugin does not
 * wait for its answer but for something else (a wallet's callback, a popup window) and cancels
 * the prompt when that arrives. A user interface may leave it unshown (WharfKit's web renderer
 * does in its minimal mode); it then neither answers nor fails it, and the prompt ends when its
 * plugin cancels it. A plugin must therefore never wait for an optional prompt alone. When it is
 * shown and the user closes it, the prompt fails with a {@link CancelledException} as any other.
 *
 * @param title the title
 * @param body the text
 * @param elements what the prompt shows: {@code accept}, {@code asset}, {@code button},
 *     {@code close}, {@code countdown}, {@code link}, {@code qr}, {@code textarea}
 * @param optional whether the prompt only informs and may be left unshown (see above)
 */
public record PromptArgs(String title, String body, List<Element> elements, boolean optional) {

    public PromptArgs {
        Objects.requireNonNull(title, "title");
        elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    }

    /** A prompt that is not optional: the plugin waits for its answer. */
    public PromptArgs(String title, String body, List<Element> elements) {
        this(title, body, elements, false);
    }

    /** This prompt, optional or not. */
    public PromptArgs withOptional(boolean optional) {
        return new PromptArgs(title, body, elements, optional);
    }

    /**
     * One element of a prompt.
     *
     * @param type the element type
     * @param label its label, or {@code null}
     * @param data element-specific data, or {@code null}
     */
    public record Element(String type, String label, JsonNode data) {
        public Element {
            Objects.requireNonNull(type, "type");
        }
    }
}
