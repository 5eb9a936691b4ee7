package io.antelopekit.storage;

import io.antelopekit.storage.internal.ChangeQueue;
import io.antelopekit.storage.internal.QueuedChange;
import io.antelopekit.storage.internal.KeyedChange;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One store file in this JVM, shared by every {@link FileSessionStorage} opened on it (found by
 * its real path): reads it, and applies changes to it one at a time.
 *
 * <p>Changes queue without blocking the submitter: a lock-free queue and a count of pending
 * changes decide who schedules the next batch on {@link Schedulers#boundedElastic()} (the
 * submitter that finds the file idle, then each batch as it finishes). A batch takes every change
 * queued so far, holds the cross-process lock, reads the file once, applies the changes in order
 * (each sees the ones before it: that is what makes {@code update} atomic), writes the file once
 * (so the keys one change sets, and everything the batch sets, land in one atomic replacement)
 * and only then completes them: many concurrent logins cost one write, not one each. Results are
 * delivered after the next batch was scheduled, so a subscriber's code never runs inside the
 * file's critical section (waiting there for another change of the file cannot deadlock it).
 */
final class StoreFile {

    private static final ConcurrentHashMap<Path, StoreFile> BY_FILE = new ConcurrentHashMap<>();

    /** At most this many changes share one write, so a steady stream still gets answers. */
    private static final int MAX_BATCH = 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    // the file may hold secrets a wallet was allowed to persist: no content in messages
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(0).maxRawContentLength(0).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<OpenOption> LOCK_OPEN = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    private final Path file;
    private final Path directory;
    private final String fileName;
    private final ChangeQueue queue;

    private StoreFile(Path file) {
        this.file = file;
        this.directory = file.getParent();
        this.fileName = file.getFileName().toString();
        this.queue = new ChangeQueue(Schedulers.boundedElastic(), MAX_BATCH, this::apply,
                (c, t) -> c.error = t,
                (c, e) -> c.error = new StorageException(file, "cannot change " + file
                        + ": the bounded elastic scheduler refused the work (" + e.getMessage() + ")", e),
                c -> false);
    }

    /** The store of {@code file}, an absolute path whose directory exists and has no links. */
    static StoreFile of(Path file) {
        return BY_FILE.computeIfAbsent(file, StoreFile::new);
    }

    Path file() {
        return file;
    }

    /** Never expires. */
    static final long NEVER = Long.MAX_VALUE;

    /**
     * A stored value and the epoch millisecond it expires at ({@link #NEVER}: none); in the file,
     * a value without expiry is a JSON string, one with an expiry is
     * {@code {"value": "...", "expiresAt": <epoch ms>}}.
     */
    record Stored(String value, long expiresAt) {
        boolean liveAt(long now) {
            return expiresAt > now;
        }
    }

    /**
     * Applies {@code change} to the values of {@code keys} after every change submitted before it
     * (see {@link ReactiveSessionStorage#updateAll}); a subscriber that cancels before its batch
     * started skips it. The keys of {@code ttl} left present expire that many ms later on
     * {@code clock}, which also decides which values have expired.
     *
     * @return the new values of {@code keys}
     */
    Mono<Map<String, String>> change(String label, SortedSet<String> keys, UnaryOperator<Map<String, String>> change,
            Map<String, Long> ttl, Clock clock) {
        return Mono.create(sink -> {
            QueuedChange c = new QueuedChange(label, keys, change, ttl, clock, sink);
            sink.onCancel(c::cancel);
            queue.submit(c);
        });
    }

    private void apply(List<QueuedChange> batch) throws IOException {
        if (batch.stream().allMatch(QueuedChange::cancelled)) {
            return;
        }
        try (FileChannel lockChannel = FileChannel.open(directory.resolve(fileName + ".lock"), LOCK_OPEN,
                ownerOnly(directory, "rw-------"))) {
            lockChannel.lock(); // other processes wait here; released when the channel closes
            applyLocked(batch);
        } catch (IOException e) {
            throw new StorageException(file, "cannot change " + file + ": " + e, e);
        }
    }

    private void applyLocked(List<QueuedChange> batch) throws IOException {
        Map<String, Stored> entries = load(file, file);
        boolean changed = false;
        long now = 0;
        for (QueuedChange c : batch) {
            if (c.cancelled()) {
                continue;
            }
            now = c.clock.millis();
            Map<String, String> live = live(entries, c.keys, now);
            Map<String, String> next;
            try {
                next = KeyedChange.apply(c.keys, live, c.change);
            } catch (Throwable t) {
                Exceptions.throwIfJvmFatal(t);
                c.error = t; // this change fails alone; its keys stay as they were
                continue;
            }
            c.value = next;
            for (String key : c.keys) {
                String value = next.get(key);
                Long life = c.ttl.get(key);
                if (value == null) {
                    changed |= entries.remove(key) != null;
                } else if (life != null || !value.equals(live.get(key))) {
                    changed = true;
                    entries.put(key, new Stored(value, life == null ? NEVER : now + life));
                }
            }
        }
        if (changed) {
            long at = now;
            entries.values().removeIf(e -> !e.liveAt(at)); // expired values go with this write
            store(entries);
        }
    }

    /** The values of {@code keys} in {@code entries} that have not expired at {@code now}. */
    private static Map<String, String> live(Map<String, Stored> entries, SortedSet<String> keys, long now) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            Stored e = entries.get(key);
            if (e != null && e.liveAt(now)) {
                out.put(key, e.value);
            }
        }
        return out;
    }

    /** The entries of {@code path}, in file order, expired ones included; empty when the file is missing or blank. */
    static Map<String, Stored> load(Path path, Path named) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new StorageException(named, "cannot read " + named + ": " + e, e);
        }
        if (isBlank(bytes)) {
            return new LinkedHashMap<>();
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? -1 : at.getLineNr();
            int column = at == null ? -1 : at.getColumnNr();
            throw corrupt(named, line, column, "is not valid JSON at line " + line + ", column " + column
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StorageException(named, "cannot read " + named + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(named, 1, 1, "holds " + (root == null ? "nothing" : "a JSON " + root.getNodeType())
                    + " where a JSON object is expected", null);
        }
        Map<String, Stored> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            JsonNode v = member.getValue();
            if (v.isTextual()) {
                entries.put(member.getKey(), new Stored(v.textValue(), NEVER));
            } else if (v.isObject() && v.size() == 2 && v.path("value").isTextual()
                    && v.path("expiresAt").canConvertToExactIntegral() && v.path("expiresAt").canConvertToLong()) {
                entries.put(member.getKey(), new Stored(v.get("value").textValue(), v.get("expiresAt").longValue()));
            } else {
                throw corrupt(named, -1, -1, "holds a JSON " + v.getNodeType() + " under key \"" + member.getKey()
                        + "\" where a string (or {\"value\": string, \"expiresAt\": epoch ms}) is expected", null);
            }
        }
        return entries;
    }

    private static CorruptStorageException corrupt(Path named, int line, int column, String what, Throwable cause) {
        return new CorruptStorageException(named, line, column, "session store " + named + " " + what
                + "; it was left unchanged and no change is written to it: repair it or move it away", cause);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Replaces the file with {@code entries}: temporary file, fsync, atomic rename, directory fsync. */
    private void store(Map<String, Stored> entries) throws IOException {
        byte[] bytes = encode(entries);
        Path temp = Files.createTempFile(directory, "." + fileName + ".", ".tmp", ownerOnly(directory, "rw-------"));
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // a file system without atomic rename within a directory: the best it offers
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory();
    }

    /** Makes the rename durable where the platform can force a directory (Linux can). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible here (e.g. Windows): the rename is still atomic, only less durable
        }
    }

    static FileAttribute<?>[] ownerOnly(Path onFileSystemOf, String permissions) {
        if (onFileSystemOf.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
        }
        return new FileAttribute<?>[0];
    }

    /** The file's bytes: one member per line, in order; values escaped so any Java string round-trips. */
    static byte[] encode(Map<String, Stored> entries) {
        StringBuilder out = new StringBuilder(64 + entries.size() * 64);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Stored> e : entries.entrySet()) {
            out.append(first ? "\n  " : ",\n  ");
            first = false;
            quote(out, e.getKey());
            out.append(": ");
            Stored v = e.getValue();
            if (v.expiresAt == NEVER) {
                quote(out, v.value);
            } else {
                out.append("{\"value\": ");
                quote(out, v.value);
                out.append(", \"expiresAt\": ").append(v.expiresAt).append('}');
            }
        }
        out.append(first ? "}\n" : "\n}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string: quotes, backslashes, control characters and unpaired surrogates escaped. */
    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        escape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        escape(out, c); // unpaired: UTF-8 cannot carry it, the escape can
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
            out.append('0');
        }
        out.append(hex);
    }

    @Override
    public String toString() {
        return "StoreFile[" + file + ", pending " + queue.pending() + "]";
    }

}
