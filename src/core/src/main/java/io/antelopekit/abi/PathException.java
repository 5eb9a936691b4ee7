package io.antelopekit.abi;

import java.util.ArrayDeque;

/**
 * Internal carrier of an encode/decode failure while it unwinds through the codec tree; each
 * composite codec prepends its path segment, and {@link AbiType} turns it into an
 * {@link AbiSerializationException} at the top. Path strings are only built on failure.
 */
final class PathException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ArrayDeque<String> segments = new ArrayDeque<>(8);

    PathException(String problem) {
        super(problem, null, false, false);
    }

    PathException(String problem, Throwable cause) {
        super(problem, cause, false, false);
    }

    /** Prepends a path segment such as {@code .quantity}, {@code [2]} or {@code <uint8>}. */
    PathException at(String segment) {
        segments.addFirst(segment);
        return this;
    }

    String problem() {
        return getMessage();
    }

    String path(String root) {
        StringBuilder sb = new StringBuilder(root);
        for (String s : segments) {
            sb.append(s);
        }
        return sb.toString();
    }
}
