package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One detail of a {@link ChainError}. Nodes configured to hide their sources send only the
 * message.
 *
 * @param message what went wrong
 * @param file the source file, or {@code null}
 * @param lineNumber the source line, or {@code null}
 * @param method the function, or {@code null}
 */
public record ChainErrorDetail(String message, String file, @JsonProperty("line_number") Long lineNumber, String method) {
}
