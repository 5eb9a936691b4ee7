package io.antelopekit.api;

import java.net.URI;

/**
 * The connection to a node failed: refused, reset, closed before the whole answer arrived, or
 * an answer larger than the client accepts. Transient: another try, or another node, may
 * succeed.
 *
 * <pre>{@code
 * client.getInfo().retryWhen(Retry.max(3).filter(ChainTransportException.class::isInstance));
 * }</pre>
 */
public class ChainTransportException extends ChainClientException {

    private static final long serialVersionUID = 1L;

    ChainTransportException(URI endpoint, String message, Throwable cause) {
        super(endpoint, message, cause);
    }

    /** @return {@code true}: the same request may succeed when tried again */
    @Override
    public boolean isTransient() {
        return true;
    }
}
