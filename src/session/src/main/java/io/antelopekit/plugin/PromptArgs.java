package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * A question a plugin asks the user through the {@link UserInterface}.
 *
 * @param title the title
 * @param body the text
 * @param elements what the prompt shows: {@code accept}, {@code asset}, {@code button},
 *     {@code close}, {@code countdown}, {@code link}, {@code qr}, {@code textarea}
 */
public record PromptArgs(String title, String body, List<Element> elements) {

    public PromptArgs {
        Objects.requireNonNull(title, "title");
        elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
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
