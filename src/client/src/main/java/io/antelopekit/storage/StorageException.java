package io.antelopekit.storage;

import io.antelopekit.AntelopeException;

import java.nio.file.Path;

/**
 * A session store could not be read or written: an I/O failure (permissions, disk full) or, as
 * the subtype {@link CorruptStorageException}, a file that is not a valid store. The message
 * names the file.
 *
 * <pre>{@code
 * storage.read("session").onErrorResume(StorageException.class, e -> {
 *     log("cannot read " + e.file() + ": " + e.getMessage());
 *     return Mono.empty();
 * });
 * }</pre>
 */
public class StorageException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * A failure of the store kept in {@code file}.
     *
     * @param file the store's file
     * @param message what went wrong, naming the file
     * @param cause the underlying failure, or {@code null}
     */
    public StorageException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = String.valueOf(file);
    }

    /** The store's file. */
    public Path file() {
        return Path.of(file);
    }
}
