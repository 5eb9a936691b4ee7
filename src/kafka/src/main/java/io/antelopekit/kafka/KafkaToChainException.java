package io.antelopekit.kafka;

/**
 * Why a {@link KafkaToChain} instance stopped: its transactional producer was fenced (another
 * instance runs under the same instance id), or a partition's pipeline failed.
 */
public final class KafkaToChainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public KafkaToChainException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public KafkaToChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
