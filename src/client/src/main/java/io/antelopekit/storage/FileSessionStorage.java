package io.antelopekit.storage;

import io.antelopekit.storage.internal.KeyedChange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.UnaryOperator;

/**
 * A {@link ReactiveSessionStorage} in one JSON file: an object whose members are the keys and
 * whose values are JSON strings holding the stored text, so any text round-trips.
 *
 * <pre>{@code
 * ReactiveSessionStorage storage = ReactiveSessionStorage.file(Path.of(home, ".antelopekit", "sessions.json"));
 * SessionKit kit = SessionKit.builder()...storage(storage).build();
 * }</pre>
 *
 * <p><b>Safety.</b> Every change replaces the whole file atomically: the new content goes to a
 * temporary file in the same directory, is forced to disk, then moved over the old file with an
 * atomic rename, so a reader or a crash sees either the old or the new file, never a part. The
 * operations on one file are serialized in this JVM across all instances opened on it (a
 * per-file queue, without locks that block a caller), and across processes by an OS file lock on
 * {@code <name>.lock} beside the file, held only while a change is made; so
 * {@link #update(String, UnaryOperator)} is atomic and concurrent logins lose nothing, and
 * {@link #updateAll(Set, UnaryOperator)} changes several keys in one replacement of the file. The file
 * and the {@code .lock} file are readable and writable by the owner only where the file system
 * has POSIX permissions; a missing directory is created on the first change.
 *
 * <p><b>A corrupt file</b> (not JSON, not an object, or a value that is not a string) is reported
 * by every operation as a {@link CorruptStorageException} naming the file and the position of the
 * error, and is never overwritten or moved: a change fails and leaves it as it was, so the other
 * sessions it may hold can still be recovered by hand. (Moving it aside and starting afresh
 * would let the next login succeed, but would silently log every other session out.) An empty
 * file counts as an empty store.
 *
 * <p><b>Listing and expiry.</b> {@link #keys(String)} lists the keys of a prefix (a read of the
 * file). A key written with a time to live ({@link #updateAll(Set, UnaryOperator, Map)}) is stored
 * as {@code {"value": "...", "expiresAt": <epoch ms>}} instead of a string; once the store's
 * {@link Clock} has passed that instant the key is absent for every operation, and the next write
 * of the file leaves it out. Every change rewrites the whole file: the store suits a desktop
 * application's or a tool's few sessions, not a service's many (use Redis there).
 *
 * <p><b>Threads.</b> Every operation is cold and does its file I/O on
 * {@link Schedulers#boundedElastic()}; nothing blocks the subscribing thread. Reads run in
 * parallel with each other; changes run one at a time per file, and the changes queued while one
 * is written share the next write (many concurrent logins cost a few writes, not one each).
 */
public final class FileSessionStorage implements ReactiveSessionStorage {

    private final Path file;
    private final Clock clock;

    /** The shared store of the real file, found on the first change (which creates the directory). */
    private volatile StoreFile store;

    private FileSessionStorage(Path file, Clock clock) {
        this.clock = clock;
        this.file = file.toAbsolutePath().normalize();
        if (this.file.getFileName() == null) {
            throw new IllegalArgumentException("file " + file + " names no file (a root directory?)");
        }
    }

    /**
     * A store kept in {@code file}. Touches nothing: the file is read on the first operation and
     * its directory created on the first change.
     *
     * @param file the JSON file; a relative path is resolved against the working directory now
     * @return the store
     * @throws IllegalArgumentException when {@code file} names no file (a root)
     */
    public static FileSessionStorage open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /**
     * A store kept in {@code file} whose times to live run on {@code clock} (a test moves it
     * instead of waiting); otherwise as {@link #open(Path)}. Instances on one file may have
     * different clocks: each operation judges expiry by its own instance's.
     *
     * @param file the JSON file; a relative path is resolved against the working directory now
     * @param clock the clock of the times to live
     * @return the store
     * @throws IllegalArgumentException when {@code file} names no file (a root)
     */
    public static FileSessionStorage open(Path file, Clock clock) {
        return new FileSessionStorage(Objects.requireNonNull(file, "file"), Objects.requireNonNull(clock, "clock"));
    }

    /** The store's file, absolute. */
    public Path file() {
        return file;
    }

    @Override
    public Mono<String> read(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromCallable(() -> {
            StoreFile.Stored e = StoreFile.load(file, file).get(key);
            return e != null && e.liveAt(clock.millis()) ? e.value() : null;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> write(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return change("write", Set.of(key), KeyedChange.set(key, value)).then();
    }

    @Override
    public Mono<Void> remove(String key) {
        Objects.requireNonNull(key, "key");
        return change("remove", Set.of(key), KeyedChange.set(key, null)).then();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here {@code change} runs once, on a bounded elastic thread, while no other change of the
     * file runs; the file is rewritten only when a value changes.
     */
    @Override
    public Mono<String> update(String key, UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return change("update", Set.of(key), KeyedChange.ofOne(key, change)).flatMap(values -> Mono.justOrEmpty(values.get(key)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here {@code change} runs once, on a bounded elastic thread, while no other change of the
     * file runs (in this or another process); all the new values are written in one replacement
     * of the file, which is rewritten only when a value changes.
     */
    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change) {
        Objects.requireNonNull(change, "change");
        return change("update", keys, change);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here as {@link #updateAll(Set, UnaryOperator)}, the times running on the store's clock;
     * the file is rewritten also when only a time to live changes.
     */
    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Duration> ttl) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        return change("update", checked, change, KeyedChange.ttl(checked, ttl));
    }

    @Override
    public boolean canExpireKeys() {
        return true;
    }

    /** {@inheritDoc} Here in file order, from one read of the file. */
    @Override
    public Flux<String> keys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return Mono.fromCallable(() -> {
                    long now = clock.millis();
                    List<String> out = new ArrayList<>();
                    StoreFile.load(file, file).forEach((key, e) -> {
                        if (key.startsWith(prefix) && e.liveAt(now)) {
                            out.add(key);
                        }
                    });
                    return out;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(keys -> keys);
    }

    @Override
    public boolean canListKeys() {
        return true;
    }

    private Mono<Map<String, String>> change(String label, Set<String> keys, UnaryOperator<Map<String, String>> change) {
        return change(label, KeyedChange.keys(keys), change, Map.of());
    }

    private Mono<Map<String, String>> change(String label, SortedSet<String> checked,
            UnaryOperator<Map<String, String>> change, Map<String, Long> ttl) {
        return Mono.defer(() -> {
            StoreFile s = store;
            if (s != null) {
                return s.change(label, checked, change, ttl, clock);
            }
            return Mono.fromCallable(this::resolve).subscribeOn(Schedulers.boundedElastic())
                    .flatMap(r -> r.change(label, checked, change, ttl, clock));
        });
    }

    /** Creates the directory when missing; the store is shared by the real path (links resolved). */
    private StoreFile resolve() {
        StoreFile s = store;
        if (s != null) {
            return s;
        }
        Path directory = file.getParent();
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, StoreFile.ownerOnly(directory, "rwx------"));
            }
            s = StoreFile.of(directory.toRealPath().resolve(file.getFileName().toString()));
        } catch (IOException e) {
            throw new StorageException(file, "cannot create the directory of " + file + ": " + e, e);
        }
        store = s;
        return s;
    }

    @Override
    public String toString() {
        return "FileSessionStorage[" + file + "]";
    }
}
