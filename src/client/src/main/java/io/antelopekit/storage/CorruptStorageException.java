package io.antelopekit.storage;

import java.nio.file.Path;

/**
 * A store's file exists but does not hold what a store writes (a JSON object whose values are
 * strings): it was edited by hand, written by another program or damaged. The store never
 * overwrites such a file: every operation on it fails with this exception until the file is
 * repaired or moved away, so no session it may still hold is lost.
 *
 * <p>{@link #line()} and {@link #column()} point at the error (1-based), when the JSON parser
 * could tell.
 */
public final class CorruptStorageException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * A corrupt store file.
     *
     * @param file the store's file
     * @param line the line of the error (1-based), or {@code -1} when unknown
     * @param column the column of the error (1-based), or {@code -1} when unknown
     * @param message what is wrong, naming the file and the position
     * @param cause the parser's error, or {@code null}
     */
    public CorruptStorageException(Path file, int line, int column, String message, Throwable cause) {
        super(file, message, cause);
        this.line = line;
        this.column = column;
    }

    /** The line of the error (1-based), or {@code -1} when unknown. */
    public int line() {
        return line;
    }

    /** The column of the error (1-based), or {@code -1} when unknown. */
    public int column() {
        return column;
    }
}
