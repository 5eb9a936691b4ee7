package io.antelopekit.stream;

/** Which end of the chain a {@link BlockStream} follows. */
public enum Follow {
    /**
     * The last irreversible block: every block emitted is final. The default, and the one for
     * anything that must not be undone (payments, accounting).
     */
    IRREVERSIBLE,
    /**
     * The head block: blocks arrive about as soon as they are produced, and a block may later be
     * undone when the chain switches forks, which the stream reports through
     * {@link Block#undone()}.
     */
    HEAD
}
