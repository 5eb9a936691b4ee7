package io.antelopekit.mvstore;

import io.antelopekit.storage.CorruptStorageException;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.storage.StorageException;
import io.antelopekit.storage.internal.KeyedChange;
import io.antelopekit.storage.internal.ChangeQueue;
import io.antelopekit.storage.internal.QueuedChange;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.StringDataType;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link ReactiveSessionStorage} in one local file, on H2's MVStore: every key is an entry of a
 * B-tree (one map of the store), so a read, a write or an {@code updateAll} reads and writes a few
 * pages whatever the number of keys, where {@link io.antelopekit.storage.FileSessionStorage}
 * rewrites its whole JSON file on every change. It suits a process that keeps many sessions (a
 * service, a bot of many accounts) or a {@code BlockStream} checkpoint beside them.
 *
 * <pre>{@code
 * MvStoreSessionStorage storage = MvStoreSessionStorage.open(Path.of("data", "sessions.mv.db"));
 * SessionKit kit = SessionKit.builder()...storage(storage).build();
 * ...
 * storage.close().subscribe();                   // at shutdown (e.g. in a lifecycle hook): releases the file
 * }</pre>
 *
 * <p><b>Safety.</b> Changes ({@code write}, {@code remove}, {@code update}, {@code updateAll}) are
 * applied by one writer at a time, in the order they were subscribed; each {@code change} sees
 * every change before it, so {@code update} and {@code updateAll} are atomic and concurrent
 * logins lose nothing. The changes queued while one is committed are committed together in the
 * next MVStore commit (many concurrent logins cost a few commits, not one each). A commit is
 * MVStore's atomic unit on disk, and this store never lets MVStore commit on its own (no
 * background auto-commit, no commit when its write buffer fills), so a crash at any point
 * leaves every {@code updateAll} either whole or absent. Readers never see part of a commit:
 * the writer puts a batch's values into the map under a short lock that reads take too.
 *
 * <p><b>Durability.</b> A change's {@code Mono} completes once the change is committed to the
 * file and, with {@link Durability#SYNC} (the default), forced to the disk; see
 * {@link Durability}. A read may see a change that is being committed, a moment before the
 * change's own {@code Mono} completes.
 *
 * <p><b>The file's size.</b> Commits are appended to the file (MVStore's reuse of the space of
 * dead chunks is turned off: with it, a process killed after a commit could reopen an older
 * version). When the file has grown to four times its size after the last rewrite (and past
 * 8 MiB), the writer copies the live entries into {@code <file>.rewrite}, forces it to the disk
 * and renames it over the file in one atomic step; operations wait while it runs. A crash
 * leaves either file whole. The rewrite copies the store, but comes only after the file has
 * grown by several times the store's size, so its cost per change does not grow with the store.
 *
 * <p><b>One process at a time.</b> The store holds an operating system lock on
 * {@code <file>.lock} (and MVStore one on the file) while it is open: a second opener, in
 * another process or in this one, is refused at once with a {@link MvStoreLockedException}
 * naming the file. Share one instance within a process (it is safe for any number of
 * concurrent subscribers), and {@link #close()} it to release the file. For sessions shared by
 * several processes or machines, use {@code RedisSessionStorage}.
 *
 * <p><b>A file that is not an MVStore store</b>, or a damaged one, is refused when opened with a
 * {@link CorruptStorageException} naming the file, and is not changed. A new file, its lock file
 * and its directory are created readable and writable by the owner only where the file system
 * has POSIX permissions; an empty file counts as a new store.
 *
 * <p><b>Threads.</b> Every operation is cold and does its file I/O on
 * {@link Schedulers#boundedElastic()}; nothing blocks the subscribing thread, and results are
 * delivered on {@link Schedulers#parallel()}. Only {@link #open(Path)} and
 * {@link Builder#build()} block (they open the file): call them at start-up, not on an event
 * loop. {@link #keys(String)} lists keys by the map's ordered cursor from the prefix, a page at
 * a time: its cost is that of the matching keys.
 *
 * <p>The store keeps its entries in the map {@code antelopekit.storage} of the MVStore file
 * (keys and values as strings; any Java string round-trips); give it a file of its own.
 */
public final class MvStoreSessionStorage implements ReactiveSessionStorage, Disposable {

    /** When a change is durable, relative to the completion of its {@code Mono}. */
    public enum Durability {
        /**
         * Committed to the file and forced to the disk ({@code fsync}) before the change's
         * {@code Mono} completes: a completed change survives a crash of the process, of the
         * operating system, and a power failure. The default.
         */
        SYNC,
        /**
         * Committed to the file (written to the operating system) before the change's
         * {@code Mono} completes, without forcing it to the disk: a completed change survives the
         * process being killed, but not always a crash of the operating system or a power
         * failure, which may lose the last changes (never part of one). Faster where a disk sync
         * is slow.
         */
        WRITE
    }

    /** The name of the store's map in the MVStore file. */
    static final String MAP_NAME = "antelopekit.storage";

    /** What exceptions of a store in memory name as its file. */
    static final Path IN_MEMORY = Path.of(":memory:");

    /** At most this many changes share one commit, so a steady stream still gets answers. */
    private static final int MAX_BATCH = 1024;

    /** Keys read per step of {@link #keys(String)}. */
    static final int KEYS_PAGE = 256;

    /** The file is rewritten when it is larger than this many times its size after the last rewrite. */
    static final int GROWTH = 4;

    /** ... and larger than this. */
    static final long MIN_REWRITE_SIZE = 8L << 20;

    /** Entries copied into a rewritten file between two commits of the copy. */
    private static final int COPY_COMMIT_EVERY = 10_000;

    private final Path file;
    private final Path named;
    private final Durability durability;
    private final long minRewriteSize;

    /** The lock on {@code <file>.lock}, held while the store is open (null in memory). */
    private final FileChannel lockChannel;

    /** The store and its map: replaced when the file is rewritten, under the write lock. */
    private MVStore store;
    private MVMap<String, String> map;

    /** Taken by reads and listings; the writer takes it exclusively while it changes the map. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final ChangeQueue queue;

    /** {@link #close()} was called: new changes are refused. */
    private volatile boolean closing;

    /** The store is closed; written under the write lock. */
    private boolean closed;

    /** Why the store closed itself, if it did; written under the write lock. */
    private Throwable broken;

    /** The file is rewritten once it is larger than this; the writer's own. */
    private long rewriteAbove;

    /** Bytes written to the files replaced by rewrites (for tests); written under the write lock. */
    private long bytesWrittenBefore;

    private MvStoreSessionStorage(Path file, Durability durability, long minRewriteSize) {
        this.file = file;
        this.named = file == null ? IN_MEMORY : file;
        this.durability = durability;
        this.minRewriteSize = minRewriteSize;
        this.queue = new ChangeQueue(Schedulers.boundedElastic(), MAX_BATCH, this::apply,
                (c, t) -> {
                    c.value = null;
                    c.error = failure("change", t);
                },
                (c, e) -> c.error = new StorageException(this.named, "cannot " + c.label + " the session store "
                        + this.named + ": the bounded elastic scheduler refused the work (" + e.getMessage() + ")", e),
                c -> c.keys == null); // a close ends the batch it is in
        if (file == null) {
            this.lockChannel = null;
            try {
                store = openStore(null);
                map = openMap(store);
            } catch (RuntimeException e) {
                throw failure("open", e);
            }
            return;
        }
        prepare(file);
        this.lockChannel = lockFile(file);
        try {
            store = openStore(file);
            map = openMap(store);
            if (store.hasUnsavedChanges()) {
                commitAndSync(); // a new file: its map exists on the disk before any change
            }
            Files.deleteIfExists(rewritten(file)); // left by a crash during a rewrite: never the store
            rewriteAbove = rewriteThreshold();
        } catch (RuntimeException | IOException e) {
            if (store != null) {
                store.closeImmediately();
            }
            releaseLock();
            throw failure("open", e);
        }
    }

    /**
     * An MVStore that commits only when this class says so: a commit at any other moment could
     * persist part of an updateAll (no background commit, none when a buffer fills). Commits
     * are appended to the file, never written into the space of older chunks: with MVStore's
     * reuse of free space, a process killed after a commit could reopen an older version (MVStore
     * 2.5.252 then names the previous chunk in the file header, so recovery misses the newest
     * chunks); {@link #rewriteIfGrown()} keeps the file's size in check instead.
     */
    private static MVStore openStore(Path path) {
        MVStore.Builder builder = new MVStore.Builder().autoCommitDisabled().autoCommitBufferSize(0);
        if (path == null) {
            return builder.open();
        }
        MVStore opened = builder.fileName(path.toString()).open();
        opened.setReuseSpace(false);
        return opened;
    }

    private static MVMap<String, String> openMap(MVStore store) {
        return store.openMap(MAP_NAME, new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    /**
     * A store kept in {@code file}, with {@link Durability#SYNC}: opens (or creates) the file
     * now, and so blocks for a moment; call it at start-up, not on an event loop.
     *
     * @param file the store's file (conventionally {@code *.mv.db}); its directory is created
     *     when missing; a relative path is resolved against the working directory now
     * @return the open store; {@link #close()} releases the file
     * @throws MvStoreLockedException when another process (or another open store of this one)
     *     has the file open
     * @throws CorruptStorageException when the file is not an MVStore file or is damaged
     * @throws StorageException when the file cannot be created, read or written
     */
    public static MvStoreSessionStorage open(Path file) {
        return builder().file(file).build();
    }

    /** A builder: {@link Builder#file(Path)} or {@link Builder#inMemory()}, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The store's file, absolute; empty for a store in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** When a change is durable. */
    public Durability durability() {
        return durability;
    }

    @Override
    public Mono<String> read(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromCallable(() -> underReadLock("read", () -> map.get(key)))
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(Schedulers.parallel());
    }

    @Override
    public Mono<Void> write(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return change("write", KeyedChange.keys(Set.of(key)), KeyedChange.set(key, value)).then();
    }

    @Override
    public Mono<Void> remove(String key) {
        Objects.requireNonNull(key, "key");
        return change("remove", KeyedChange.keys(Set.of(key)), KeyedChange.set(key, null)).then();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here {@code change} runs once, on a bounded elastic thread, while no other change of the
     * store runs; nothing is committed when the value stays as it was.
     */
    @Override
    public Mono<String> update(String key, UnaryOperator<String> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        return change("update", KeyedChange.keys(Set.of(key)), KeyedChange.ofOne(key, change))
                .flatMap(values -> Mono.justOrEmpty(values.get(key)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here {@code change} runs once, on a bounded elastic thread, while no other change of the
     * store runs; the new values are committed together, and nothing is committed when no value
     * changes.
     */
    @Override
    public Mono<Map<String, String>> updateAll(Set<String> keys, UnaryOperator<Map<String, String>> change) {
        SortedSet<String> checked = KeyedChange.keys(keys);
        Objects.requireNonNull(change, "change");
        return change("update", checked, change);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the keys come in ascending order ({@link String#compareTo}), read from the map's
     * ordered cursor from {@code prefix} in pages of a few hundred keys: the cost is that of the
     * matching keys, whatever the size of the store.
     */
    @Override
    public Flux<String> keys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return Flux.<List<String>, String[]>generate(() -> new String[1], (after, sink) -> {
                    List<String> page = underReadLock("list the keys of", () -> page(prefix, after[0]));
                    if (!page.isEmpty()) {
                        after[0] = page.get(page.size() - 1);
                        sink.next(page);
                    }
                    if (page.size() < KEYS_PAGE) {
                        sink.complete();
                    }
                    return after;
                })
                .subscribeOn(Schedulers.boundedElastic()) // later requests too run the cursor there
                .concatMapIterable(page -> page)
                .publishOn(Schedulers.parallel());
    }

    /** {@code true}. */
    @Override
    public boolean canListKeys() {
        return true;
    }

    /**
     * Closes the store once the changes subscribed before have completed, and releases the file.
     * Operations afterwards fail with a {@link StorageException}; closing again does nothing.
     *
     * @return completes when the file is closed
     */
    public Mono<Void> close() {
        return Mono.<Map<String, String>>create(sink -> {
                    closing = true;
                    submit(new QueuedChange("close", null, null, sink));
                })
                .publishOn(Schedulers.parallel())
                .then();
    }

    /** Starts {@link #close()} without waiting for it. */
    @Override
    public void dispose() {
        close().subscribe();
    }

    /** Whether {@link #close()} was called. */
    @Override
    public boolean isDisposed() {
        return closing;
    }

    @Override
    public String toString() {
        return "MvStoreSessionStorage[" + named + "]";
    }

    /** The bytes written to the store's files since it was opened (for tests). */
    long bytesWritten() {
        lock.readLock().lock();
        try {
            return bytesWrittenBefore + bytesWritten(store);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static long bytesWritten(MVStore store) {
        Map<String, String> info = new HashMap<>();
        store.populateInfo(info::put);
        return Long.parseLong(info.getOrDefault("info.FILE_WRITE_BYTES", "0"));
    }

    // ---------------------------------------------------------------------------------------------
    // reads

    private <T> T underReadLock(String what, Supplier<T> read) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw closedError(what);
            }
            return read.get();
        } catch (RuntimeException e) {
            throw failure(what, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Up to {@link #KEYS_PAGE} keys that start with {@code prefix}, after {@code after} (from the first when null). */
    private List<String> page(String prefix, String after) {
        List<String> page = new ArrayList<>();
        Iterator<String> it = map.keyIterator(after == null ? prefix : after);
        while (page.size() < KEYS_PAGE && it.hasNext()) {
            String key = it.next();
            if (key.equals(after)) {
                continue;
            }
            if (!key.startsWith(prefix)) {
                break; // keys are ordered: every key with the prefix comes before this one
            }
            page.add(key);
        }
        return page;
    }

    // ---------------------------------------------------------------------------------------------
    // changes: one writer at a time, on the bounded elastic scheduler

    private Mono<Map<String, String>> change(String label, SortedSet<String> keys,
            UnaryOperator<Map<String, String>> change) {
        return Mono.<Map<String, String>>create(sink -> {
                    QueuedChange c = new QueuedChange(label, keys, change, sink);
                    sink.onCancel(c::cancel);
                    if (closing) {
                        c.error = closedError(label);
                        c.emit();
                        return;
                    }
                    submit(c);
                })
                .publishOn(Schedulers.parallel());
    }

    /** Queues {@code c} for the one writer (see {@link ChangeQueue}: a batch applies and commits its changes, then completes them). */
    private void submit(QueuedChange c) {
        queue.submit(c);
    }

    private void apply(List<QueuedChange> batch) {
        QueuedChange last = batch.get(batch.size() - 1);
        List<QueuedChange> updates = last.keys == null ? batch.subList(0, batch.size() - 1) : batch;
        if (!updates.isEmpty()) {
            if (closed) {
                for (QueuedChange u : updates) {
                    u.error = closedError(u.label);
                }
            } else {
                applyAndCommit(updates);
            }
        }
        if (last.keys == null) {
            closeNow();
        }
    }

    /**
     * Runs each change on the values left by the ones before it (without touching the map), then
     * puts every new value into the map at once and commits.
     */
    private void applyAndCommit(List<QueuedChange> updates) {
        Map<String, Optional<String>> written = new LinkedHashMap<>();
        for (QueuedChange c : updates) {
            if (c.cancelled()) {
                continue;
            }
            Map<String, String> current = new HashMap<>();
            for (String key : c.keys) {
                Optional<String> pendingValue = written.get(key);
                String value = pendingValue != null ? pendingValue.orElse(null) : map.get(key);
                if (value != null) {
                    current.put(key, value);
                }
            }
            Map<String, String> next;
            try {
                next = KeyedChange.apply(c.keys, current, c.change);
            } catch (Throwable t) {
                Exceptions.throwIfJvmFatal(t);
                c.error = t; // this change fails alone; its keys stay as they were
                continue;
            }
            c.value = next;
            for (String key : c.keys) {
                String value = next.get(key);
                if (!Objects.equals(current.get(key), value)) {
                    written.put(key, Optional.ofNullable(value));
                }
            }
        }
        if (written.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (Map.Entry<String, Optional<String>> e : written.entrySet()) {
                if (e.getValue().isPresent()) {
                    map.put(e.getKey(), e.getValue().get());
                } else {
                    map.remove(e.getKey());
                }
            }
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
        try {
            commitAndSync();
        } catch (RuntimeException e) {
            lock.writeLock().lock();
            try {
                if (store.isClosed()) {
                    closed = true; // MVStore closes itself when it cannot write
                } else {
                    rollback(e);
                }
            } finally {
                lock.writeLock().unlock();
            }
            throw e;
        }
        rewriteIfGrown();
    }

    private void commitAndSync() {
        store.commit();
        if (file != null && durability == Durability.SYNC) {
            try {
                store.sync();
            } catch (RuntimeException e) {
                // what reached the disk is unknown: refuse to go on as if it had
                store.closeImmediately();
                throw e;
            }
        }
    }

    /** Undoes the uncommitted changes of the map (the writer holds the write lock). */
    private void rollback(RuntimeException cause) {
        try {
            store.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            store.closeImmediately();
            closed = true;
        }
    }

    /** The size above which the file is rewritten, from its present size. */
    private long rewriteThreshold() throws IOException {
        return Math.max(minRewriteSize, GROWTH * Files.size(file));
    }

    /**
     * Rewrites the file when it has grown to {@link #GROWTH} times its size after the last
     * rewrite (and at least {@link #MIN_REWRITE_SIZE}): commits are only ever appended, so
     * the file grows with every commit. The live entries are copied into a new file
     * ({@code <file>.rewrite}), which is forced to the disk, closed, and moved over the store's
     * file in one atomic rename; then the store reopens. A crash at any point leaves either the
     * old file or the complete new one. Each rewrite copies the whole store, but the next comes
     * only after the file has grown by several times the store's size again, so its cost per
     * commit stays the same whatever the size. Operations wait while it runs; the other
     * processes stay out by the lock file, held throughout.
     *
     * <p>MVStore's own ways of reclaiming space are not used: they shrink the file by writing new
     * chunks into the space of dead ones, and with that reuse a process killed right after a
     * commit reopened an older version in this class's crash tests (H2 2.5.252 names the
     * previous chunk in the file header when a chunk lands elsewhere than predicted, so recovery
     * does not find the newest chunks).
     */
    private void rewriteIfGrown() {
        if (file == null) {
            return;
        }
        try {
            if (Files.size(file) <= rewriteAbove) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        Path copyPath = rewritten(file);
        lock.writeLock().lock();
        try {
            try {
                copyInto(copyPath);
            } catch (RuntimeException | IOException e) {
                deleteQuietly(copyPath);
                rewriteAbove = rewriteThreshold(); // try again once the file has grown as much again
                return;
            }
            long written = bytesWritten(store);
            try {
                store.close();
            } catch (RuntimeException e) {
                // the copy holds every committed entry: go on with it
            }
            try {
                Files.move(copyPath, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(file.getParent());
            } catch (IOException e) {
                deleteQuietly(copyPath); // the old file is intact: reopen it
            }
            try {
                store = openStore(file);
                map = openMap(store);
            } catch (RuntimeException e) {
                closed = true;
                broken = e;
                releaseLock();
                return;
            }
            bytesWrittenBefore += written;
            rewriteAbove = rewriteThreshold();
        } catch (IOException e) {
            rewriteAbove = Long.MAX_VALUE; // cannot tell the size: rewrite no more
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Copies every entry into a new store at {@code copyPath}, forced to the disk and closed. */
    private void copyInto(Path copyPath) throws IOException {
        Files.deleteIfExists(copyPath);
        Files.createFile(copyPath, ownerOnly(copyPath.getParent(), "rw-------"));
        MVStore copy = openStore(copyPath);
        try {
            MVMap<String, String> target = openMap(copy);
            Cursor<String, String> cursor = map.cursor(null);
            int n = 0;
            while (cursor.hasNext()) {
                String key = cursor.next();
                target.put(key, cursor.getValue());
                if (++n % COPY_COMMIT_EVERY == 0) {
                    copy.commit();
                }
            }
            copy.commit();
            copy.sync();
            copy.close(); // writes the clean shutdown mark and syncs again
        } catch (RuntimeException e) {
            copy.closeImmediately();
            throw e;
        }
    }

    static Path rewritten(Path file) {
        return file.resolveSibling(file.getFileName() + ".rewrite");
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // deleted when the store is opened next
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform syncs a directory; the rename itself is atomic
        }
    }

    private void closeNow() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    if (!store.isClosed()) {
                        store.close();
                    }
                } finally {
                    releaseLock();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes the lock on {@code <file>.lock}, or fails with a {@link MvStoreLockedException}. */
    private static FileChannel lockFile(Path file) {
        Path lockPath = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = Files.exists(lockPath)
                    ? FileChannel.open(lockPath, StandardOpenOption.WRITE)
                    : FileChannel.open(lockPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            ownerOnly(file.getParent(), "rw-------"));
            FileLock taken = channel.tryLock();
            if (taken == null) {
                throw locked(file, null);
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(file, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException(file, "cannot open the session store " + file + ": cannot lock " + lockPath
                    + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private void releaseLock() {
        closeQuietly(lockChannel); // releases the lock
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // failures

    private StorageException closedError(String what) {
        return closedError(what, null);
    }

    /** The store is closed; {@code closedBy} is the error that said so, if any. */
    private StorageException closedError(String what, Throwable closedBy) {
        Throwable failure = broken != null ? broken : store == null ? null : store.getPanicException();
        return new StorageException(named, "cannot " + what + " the session store " + named + ": it is closed"
                + (failure == null ? "" : " after a failure (" + failure.getMessage() + ")"),
                failure != null ? failure : closedBy);
    }

    private static MvStoreLockedException locked(Path file, Throwable cause) {
        return new MvStoreLockedException(file, "cannot open the session store " + file
                + ": the file is locked, open in another process (or in another MvStoreSessionStorage"
                + " of this one); a store file is opened by one process at a time", cause);
    }

    /** {@code e} as a {@link StorageException} naming the file (a typed one where it tells more). */
    private StorageException failure(String what, Throwable e) {
        if (e instanceof StorageException s) {
            return s;
        }
        if (e instanceof MVStoreException m) {
            switch (m.getErrorCode()) {
                case DataUtils.ERROR_FILE_LOCKED:
                    return locked(named, m);
                case DataUtils.ERROR_FILE_CORRUPT:
                case DataUtils.ERROR_UNSUPPORTED_FORMAT:
                case DataUtils.ERROR_CHUNK_NOT_FOUND:
                case DataUtils.ERROR_BLOCK_NOT_FOUND:
                    return new CorruptStorageException(named, -1, -1, "cannot " + what + " the session store "
                            + named + ": it is not an MVStore file or it is damaged (" + m.getMessage()
                            + "); it was left unchanged: repair it or move it away", m);
                case DataUtils.ERROR_CLOSED:
                    return closedError(what, m);
                default:
                    break;
            }
        }
        return new StorageException(named, "cannot " + what + " the session store " + named + ": " + e, e);
    }

    /** Creates the directory and an empty file, owner-only, when missing (MVStore would create them world-readable). */
    private static void prepare(Path file) {
        Path directory = file.getParent();
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnly(directory, "rwx------"));
            }
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, ownerOnly(directory, "rw-------"));
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile: MVStore opens it
                }
            }
        } catch (IOException e) {
            throw new StorageException(file, "cannot create the session store " + file + ": " + e, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path near, String permissions) {
        Path existing = near;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
        }
        return new FileAttribute<?>[0];
    }

    /**
     * Opens a {@link MvStoreSessionStorage}: a file ({@link #file(Path)}) or memory
     * ({@link #inMemory()}), and when changes are durable ({@link #durability(Durability)}).
     *
     * <pre>{@code
     * MvStoreSessionStorage storage = MvStoreSessionStorage.builder()
     *         .file(Path.of("sessions.mv.db"))
     *         .durability(MvStoreSessionStorage.Durability.WRITE)
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private Path file;
        private boolean inMemory;
        private Durability durability = Durability.SYNC;
        private long minRewriteSize = MIN_REWRITE_SIZE;

        private Builder() {
        }

        /**
         * Keeps the store in {@code file}, created with its directory when missing.
         *
         * @param file the store's file; a relative path is resolved against the working directory
         *     when the store is built
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            this.inMemory = false;
            return this;
        }

        /**
         * Keeps the store in memory (lost with the process or when closed), with the same
         * behaviour as a file otherwise: for tests, or a process that needs no persistence.
         *
         * @return this builder
         */
        public Builder inMemory() {
            this.inMemory = true;
            this.file = null;
            return this;
        }

        /**
         * When a change is durable; {@link Durability#SYNC} unless set. Ignored in memory.
         *
         * @param durability the policy
         * @return this builder
         */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** The smallest file that is rewritten (tests rewrite small files). */
        Builder minRewriteSize(long bytes) {
            this.minRewriteSize = bytes;
            return this;
        }

        /**
         * Opens the store: blocks while the file is opened or created.
         *
         * @return the open store
         * @throws IllegalStateException when neither a file nor memory was chosen
         * @throws IllegalArgumentException when the file names no file (a root)
         * @throws MvStoreLockedException when another process (or another open store of this one)
         *     has the file open
         * @throws CorruptStorageException when the file is not an MVStore file or is damaged
         * @throws StorageException when the file cannot be created, read or written
         */
        public MvStoreSessionStorage build() {
            if (inMemory) {
                return new MvStoreSessionStorage(null, durability, minRewriteSize);
            }
            if (file == null) {
                throw new IllegalStateException("choose file(path) or inMemory()");
            }
            Path absolute = file.toAbsolutePath().normalize();
            if (absolute.getFileName() == null) {
                throw new IllegalArgumentException("file " + file + " names no file (a root directory?)");
            }
            return new MvStoreSessionStorage(absolute, durability, minRewriteSize);
        }
    }
}
