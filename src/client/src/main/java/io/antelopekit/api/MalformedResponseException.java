package io.antelopekit.api;

import java.net.URI;

/**
 * A node answered with a success status but a body that is not the JSON the endpoint returns:
 * not JSON at all, truncated JSON, or a field with a value of the wrong form. The message names
 * the endpoint, the expected type, the position or field path, and the start of the body.
 * Not transient.
 *
 * <pre>{@code
 * client.getInfo().doOnError(MalformedResponseException.class, e -> log.warn("bad node: {}", e.endpoint()));
 * }</pre>
 */
public class MalformedResponseException extends ChainClientException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    MalformedResponseException(URI endpoint, int httpStatus, String message, Throwable cause) {
        super(endpoint, message, cause);
        this.httpStatus = httpStatus;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status code, such as {@code 200}
     */
    public int httpStatus() {
        return httpStatus;
    }
}
