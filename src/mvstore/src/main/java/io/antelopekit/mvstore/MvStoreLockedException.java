package io.antelopekit.mvstore;

import io.antelopekit.storage.StorageException;

import java.nio.file.Path;

/**
 * The store file of a {@link MvStoreSessionStorage} is open elsewhere: in another process, or in
 * another {@code MvStoreSessionStorage} of this one that was not closed. An MVStore file is opened
 * by one process at a time (it holds an operating system lock on the file while open), so a second
 * open is refused at once instead of waiting. The message names the file; {@link #isTransient()}
 * is {@code true}, as opening again succeeds once the other side has closed the file.
 *
 * <pre>{@code
 * try {
 *     storage = MvStoreSessionStorage.open(file);
 * } catch (MvStoreLockedException e) {
 *     System.err.println(e.file() + " is in use by another instance of the application");
 * }
 * }</pre>
 */
public final class MvStoreLockedException extends StorageException {

    private static final long serialVersionUID = 1L;

    /**
     * A store file that is locked by another opener.
     *
     * @param file the store's file
     * @param message what went wrong, naming the file
     * @param cause MVStore's error, or {@code null}
     */
    public MvStoreLockedException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }

    /** {@code true}: the file can be opened once the other opener has closed it. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
