package io.antelopekit.abi;

import io.antelopekit.AntelopeException;

/**
 * A value could not be encoded or decoded with an ABI, or an ABI could not be compiled.
 *
 * <p>The message names the type, the field path where it went wrong
 * ({@code transfer.quantity}, {@code everything.ct.arr_s[2].id}), the offending value where
 * there is one, and what is wrong:
 *
 * <pre>{@code
 * cannot encode transfer at transfer.quantity: "1.0 eos" is not a valid asset: ...
 * }</pre>
 *
 * <p>Never transient: the same input fails the same way.
 */
public class AbiSerializationException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public AbiSerializationException(String message) {
        this(message, (String) null, null);
    }

    public AbiSerializationException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param message the full message
     * @param path the field path where the failure happened, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public AbiSerializationException(String message, String path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /**
     * The field path of the failure, e.g. {@code transfer.quantity}, or {@code null} when the
     * failure is not tied to a value (an ABI that does not compile).
     */
    public String path() {
        return path;
    }
}
