package io.antelopekit.kafka;

/**
 * A record of the request topic that is not an {@link ActionRequest}: not JSON, a field missing or
 * of the wrong type, or data that do not encode with the contract's ABI. {@link KafkaToChain}
 * writes such a record to its dead-letter topic with this message as the reason, and goes on with
 * the partition.
 */
public final class MalformedRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where (a field's name) */
    public MalformedRequestException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause   the parser's or the encoder's error
     */
    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
