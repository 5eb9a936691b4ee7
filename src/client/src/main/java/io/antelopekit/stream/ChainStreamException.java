package io.antelopekit.stream;

import io.antelopekit.AntelopeException;

/**
 * A {@link BlockStream} cannot go on without breaking its promise of each block once and in
 * order: the endpoints disagree about irreversible history, a checkpoint names a block the chain
 * does not have, a fork reaches deeper than the blocks the stream remembers, or the checkpoint
 * store holds something that is not a checkpoint.
 */
public class ChainStreamException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, with the block numbers and ids involved
     */
    public ChainStreamException(String message) {
        super(message);
    }

    /**
     * @param message what happened
     * @param cause   the underlying failure
     */
    public ChainStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
