package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a node's error answer: {@code {code, message, error: {code, name, what, details}}}.
 *
 * <pre>{@code
 * ChainErrorBody body = ChainJson.mapper().readValue(errorBody, ChainErrorBody.class);
 * body.error().name();   // "unknown_block_exception"
 * }</pre>
 *
 * <p>Services in front of nodes (resource providers) answer in the same shape with a
 * {@code data} object in place of {@code error}; it is kept in {@link #data()}.
 *
 * @param code the HTTP status the node chose
 * @param message short description, such as {@code "Unknown Block"}
 * @param error the chain exception, or {@code null}
 * @param data a service's extra payload, or {@code null}
 */
public record ChainErrorBody(int code, String message, ChainError error, JsonNode data) {

    /** A JSON null becomes {@code null}. */
    public ChainErrorBody {
        data = Models.node(data);
    }
}
