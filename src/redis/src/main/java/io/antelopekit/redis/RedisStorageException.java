package io.antelopekit.redis;

import io.antelopekit.storage.StorageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A failure of {@link RedisSessionStorage}, caught as a {@link StorageException}: its message
 * names the operation and the Redis key (never the stored value), and {@link #isTransient()} says
 * whether retrying may help (Redis unreachable, a timeout, a server busy loading or failing over,
 * an update that kept meeting concurrent changes) or not (refused by the server, the store
 * closed). {@link StorageException#file()} holds the Redis key as a path of one name, where the
 * platform allows it.
 */
final class RedisStorageException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    RedisStorageException(String key, String message, boolean transientFailure, Throwable cause) {
        super(keyAsPath(key), message, cause);
        this.transientFailure = transientFailure;
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }

    /** The key as a {@link Path}, for {@link StorageException#file()}; {@code null} where no path can hold it. */
    static Path keyAsPath(String key) {
        try {
            return Path.of(key);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
