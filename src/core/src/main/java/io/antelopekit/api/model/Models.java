package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small helpers shared by the models. */
final class Models {

    private Models() {
    }

    /** An unmodifiable copy, or {@code null} when the node sent no list. Null elements are kept. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** {@code null} for a JSON null, so an absent optional object reads the same as a null one. */
    static JsonNode node(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
