package io.antelopekit.codegen;

import io.antelopekit.AntelopeException;

/**
 * Code generation failed: the ABI is invalid, two of its names become one Java name (the
 * message names both), a name clashes with a generated member, a table has an index type the
 * generator does not know, or an ABI could not be read or fetched. Not transient, except when
 * fetching from a node failed on the way ({@link #isTransient()}).
 */
public class CodegenException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * A failure that the same input would repeat.
     *
     * @param message what went wrong, naming the ABI element
     */
    public CodegenException(String message) {
        this(message, null, false);
    }

    /**
     * A failure with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CodegenException(String message, Throwable cause) {
        this(message, cause, false);
    }

    CodegenException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }
}
