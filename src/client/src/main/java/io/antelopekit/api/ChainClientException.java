package io.antelopekit.api;

import io.antelopekit.AntelopeException;
import java.net.URI;

/**
 * Root of the failures of a {@link ChainClient} call. Every subtype names the chain API
 * endpoint that failed ({@link #endpoint()}), such as
 * {@code https://jungle4.greymass.com/v1/chain/get_info}.
 *
 * <pre>{@code
 * client.getInfo().onErrorResume(ChainClientException.class, e -> e.isTransient() ? retryLater() : Mono.error(e));
 * }</pre>
 *
 * <p>Subtypes: {@link ChainApiException} (the node answered with an error status),
 * {@link ChainTransportException} (the connection failed), {@link ChainTimeoutException} (no
 * answer in time) and {@link MalformedResponseException} (the answer is not what the endpoint
 * returns).
 */
public class ChainClientException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    private final URI endpoint;

    ChainClientException(URI endpoint, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
    }

    /**
     * The full URL of the request that failed.
     *
     * @return the URL, such as {@code http://127.0.0.1:8888/v1/chain/get_block}
     */
    public URI endpoint() {
        return endpoint;
    }
}
