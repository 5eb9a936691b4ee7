package io.antelopekit.mvstore;

import io.antelopekit.storage.CorruptStorageException;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.storage.StorageException;
import io.antelopekit.test.AtomicUpdateAllContract;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MVStore store: the storage contracts, what it keeps across a close, how it lists keys, and
 * how it refuses a locked or corrupt file. Every operation is subscribed from a parallel
 * (non-blocking) thread with BlockHound on, so any file I/O outside the bounded elastic scheduler
 * fails the test.
 */
@ExtendWith(BlockHoundSupport.class)
class MvStoreSessionStorageTest implements AtomicUpdateAllContract {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private int files;

    /** The stores a test opened, closed after it. */
    private final List<MvStoreSessionStorage> opened = new CopyOnWriteArrayList<>();

    MvStoreSessionStorage track(MvStoreSessionStorage storage) {
        opened.add(storage);
        return storage;
    }

    MvStoreSessionStorage open(Path file) {
        return track(MvStoreSessionStorage.open(file));
    }

    @AfterEach
    void closeStores() {
        for (MvStoreSessionStorage s : opened) {
            s.close().block(TIMEOUT);
        }
    }

    @Override
    public ReactiveSessionStorage newStorage() {
        return open(dir.resolve("contract-" + ++files + ".mv.db"));
    }

    /**
     * One instance, twice: a process opens an MVStore file once (a second opener gets a
     * {@link MvStoreLockedException}, see below) and shares that instance among its subscribers.
     */
    @Override
    public ReactiveSessionStorage[] twoInstancesOnNewData() {
        ReactiveSessionStorage storage = newStorage();
        return new ReactiveSessionStorage[] {storage, storage};
    }

    /** The contracts again on a store in memory. */
    @Nested
    class InMemory implements AtomicUpdateAllContract {

        @Override
        public ReactiveSessionStorage newStorage() {
            return track(MvStoreSessionStorage.builder().inMemory().build());
        }

        @Override
        public ReactiveSessionStorage[] twoInstancesOnNewData() {
            ReactiveSessionStorage storage = newStorage();
            return new ReactiveSessionStorage[] {storage, storage};
        }
    }

    /** The contracts again with {@link MvStoreSessionStorage.Durability#WRITE}. */
    @Nested
    class WithoutSync implements AtomicUpdateAllContract {

        @Override
        public ReactiveSessionStorage newStorage() {
            return track(MvStoreSessionStorage.builder().file(dir.resolve("write-" + ++files + ".mv.db"))
                    .durability(MvStoreSessionStorage.Durability.WRITE).build());
        }

        @Override
        public ReactiveSessionStorage[] twoInstancesOnNewData() {
            ReactiveSessionStorage storage = newStorage();
            return new ReactiveSessionStorage[] {storage, storage};
        }
    }

    /** Subscribes on a non-blocking thread: BlockHound fails the test if the store blocks there. */
    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    static <T> T await(Mono<T> mono) {
        return onEventLoop(mono).block(TIMEOUT);
    }

    static List<String> keys(ReactiveSessionStorage storage, String prefix) {
        return storage.keys(prefix).subscribeOn(Schedulers.parallel()).collectList().block(TIMEOUT);
    }

    @Test
    void writesReadsReplacesAndRemoves() {
        ReactiveSessionStorage storage = open(dir.resolve("sessions.mv.db"));
        StepVerifier.create(onEventLoop(storage.read("session"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "{\"actor\":\"alice\"}").then(storage.read("session"))))
                .expectNext("{\"actor\":\"alice\"}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "{}").then(storage.read("session"))))
                .expectNext("{}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("session").then(storage.read("session"))))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("absent"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("n", old -> old == null ? "1" : old + "1")))
                .expectNext("1").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("n", old -> null))).expectComplete().verify(TIMEOUT);
        assertThat(await(storage.read("n"))).isNull();
    }

    @Test
    void anyTextRoundTripsInKeysAndValuesAndAcrossAReopen() {
        Path file = dir.resolve("sessions.mv.db");
        MvStoreSessionStorage storage = MvStoreSessionStorage.open(file);
        List<String> values = List.of("", "plain", "quote \" backslash \\ slash /", "lines\n\r\ttab",
                "control \u0000\u0001\u001f\u007f", "unicode äöü 漢字 \uD83D\uDE00", "separators \u2028\u2029",
                "lone surrogates \uD800 and \uDC00 end\uD83D", "[{\"nested\":\"json\"}]", "x".repeat(100_000));
        for (int i = 0; i < values.size(); i++) {
            await(storage.write("k" + i + values.get(i), values.get(i)));
        }
        storage.close().block(TIMEOUT);
        MvStoreSessionStorage reopened = open(file);
        for (int i = 0; i < values.size(); i++) {
            assertThat(await(reopened.read("k" + i + values.get(i)))).as("value %d", i).isEqualTo(values.get(i));
        }
    }

    @Test
    void aReopenedStoreKeepsWhatWasWrittenAndNotWhatWasRemoved() {
        Path file = dir.resolve("sessions.mv.db");
        MvStoreSessionStorage first = MvStoreSessionStorage.open(file);
        await(first.updateAll(Set.of("session", "sessions", "gone"), v -> Map.of("session", "one", "sessions", "[]", "gone", "x")));
        await(first.remove("gone"));
        await(first.close());
        assertThat(first.isDisposed()).isTrue();
        MvStoreSessionStorage reopened = open(file);
        assertThat(await(reopened.read("session"))).isEqualTo("one");
        assertThat(await(reopened.read("sessions"))).isEqualTo("[]");
        assertThat(await(reopened.read("gone"))).isNull();
        assertThat(keys(reopened, "")).containsExactly("session", "sessions");
    }

    @Test
    void closeWaitsForTheChangesBeforeItAndLaterOperationsFailNamingTheFile() {
        Path file = dir.resolve("sessions.mv.db");
        MvStoreSessionStorage storage = MvStoreSessionStorage.open(file);
        List<Mono<Void>> writes = IntStream.range(0, 50).mapToObj(i -> storage.write("k" + i, "v" + i)).toList();
        // the writes are subscribed first, then the close (in one subscription, in this order):
        // every write lands before the file closes
        StepVerifier.create(onEventLoop(Mono.when(writes).and(storage.close()))).expectComplete().verify(TIMEOUT);
        assertThat(storage.isDisposed()).isTrue();
        StepVerifier.create(onEventLoop(storage.read("k1")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StorageException.class)
                        .hasMessageContaining(file.toString()).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("k1", "again")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StorageException.class).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        StepVerifier.create(storage.keys("").subscribeOn(Schedulers.parallel()))
                .expectError(StorageException.class).verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.close())).expectComplete().verify(TIMEOUT); // again: nothing
        MvStoreSessionStorage reopened = open(file);
        for (int i = 0; i < 50; i++) {
            assertThat(await(reopened.read("k" + i))).isEqualTo("v" + i);
        }
    }

    @Test
    void canListKeys() {
        assertThat(open(dir.resolve("s.mv.db")).canListKeys()).isTrue();
    }

    @Test
    void keysListsTheKeysWithThePrefixOnlyInOrder() {
        ReactiveSessionStorage storage = open(dir.resolve("s.mv.db"));
        for (String key : List.of("session", "sessions", "session:b", "session:a", "sessio", "t", "a", "session:\uD83D\uDE00")) {
            await(storage.write(key, "v"));
        }
        assertThat(keys(storage, "session:")).containsExactly("session:a", "session:b", "session:\uD83D\uDE00");
        assertThat(keys(storage, "session")).containsExactly("session", "session:a", "session:b", "session:\uD83D\uDE00", "sessions");
        assertThat(keys(storage, "")).containsExactly("a", "sessio", "session", "session:a", "session:b",
                "session:\uD83D\uDE00", "sessions", "t");
        assertThat(keys(storage, "none")).isEmpty();
        assertThat(keys(storage, "u")).isEmpty();
        assertThat(keys(storage, "session:a")).containsExactly("session:a");
    }

    @Test
    void removedKeysAreNotListedAndAnEmptyStoreListsNothing() {
        ReactiveSessionStorage storage = open(dir.resolve("s.mv.db"));
        assertThat(keys(storage, "")).isEmpty();
        await(storage.updateAll(Set.of("p:1", "p:2", "p:3"), v -> Map.of("p:1", "a", "p:2", "b", "p:3", "c")));
        await(storage.remove("p:2"));
        await(storage.updateAll(Set.of("p:3"), v -> Map.of()));
        assertThat(keys(storage, "p:")).containsExactly("p:1");
        assertThat(keys(storage, "")).containsExactly("p:1");
    }

    /** More matching keys than one page of the cursor, among keys before and after them. */
    @Test
    void keysPagesThroughManyMatchingKeysEachOnce() {
        MvStoreSessionStorage storage = open(dir.resolve("s.mv.db"));
        int n = MvStoreSessionStorage.KEYS_PAGE * 3 + 17;
        Set<String> all = new TreeSet<>();
        for (String prefix : List.of("a:", "m:", "z:")) {
            Set<String> keys = IntStream.range(0, n).mapToObj(i -> prefix + String.format("%05d", i)).collect(Collectors.toSet());
            await(storage.updateAll(keys, v -> keys.stream().collect(Collectors.toMap(k -> k, k -> "v"))));
            all.addAll(keys);
        }
        List<String> listed = keys(storage, "m:");
        assertThat(listed).hasSize(n).doesNotHaveDuplicates().allMatch(k -> k.startsWith("m:")).isSorted();
        assertThat(keys(storage, "")).containsExactlyElementsOf(all);
        // a slow subscriber that asks for a few keys at a time gets them all too, once each
        StepVerifier.create(storage.keys("z:").subscribeOn(Schedulers.parallel()), 1)
                .thenRequest(9).expectNextCount(10).thenRequest(Long.MAX_VALUE).expectNextCount(n - 10)
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void keysIsColdAndRunsOnSubscription() {
        MvStoreSessionStorage storage = open(dir.resolve("s.mv.db"));
        Flux<String> before = storage.keys("k");
        await(storage.write("k1", "v"));
        StepVerifier.create(before.subscribeOn(Schedulers.parallel())).expectNext("k1").expectComplete().verify(TIMEOUT);
    }

    @Test
    void aSecondOpenOfTheSameFileInThisProcessIsATypedErrorNamingTheFile() {
        Path file = dir.resolve("sessions.mv.db");
        MvStoreSessionStorage first = MvStoreSessionStorage.open(file);
        await(first.write("k", "v"));
        assertThatThrownBy(() -> track(MvStoreSessionStorage.open(dir.resolve(".").resolve("sessions.mv.db"))))
                .isInstanceOf(MvStoreLockedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("locked")
                .satisfies(e -> {
                    assertThat(((StorageException) e).file()).isEqualTo(file);
                    assertThat(((StorageException) e).isTransient()).isTrue();
                });
        assertThat(await(first.read("k"))).isEqualTo("v"); // the first is unaffected
        await(first.close());
        assertThat(await(open(file).read("k"))).isEqualTo("v"); // closing released the file
    }

    @Test
    void aFileThatIsNotAnMvStoreIsATypedErrorAndIsLeftUnchanged() throws IOException {
        Path file = dir.resolve("sessions.mv.db");
        String json = "{\"session\": \"not an MVStore file\"}" + " ".repeat(10_000);
        Files.writeString(file, json);
        assertThatThrownBy(() -> track(MvStoreSessionStorage.open(file)))
                .isInstanceOf(CorruptStorageException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((StorageException) e).file()).isEqualTo(file));
        assertThat(Files.readString(file)).isEqualTo(json);
    }

    @Test
    void anEmptyFileIsANewStore() throws IOException {
        Path file = dir.resolve("sessions.mv.db");
        Files.createFile(file);
        MvStoreSessionStorage storage = open(file);
        assertThat(await(storage.read("k"))).isNull();
        await(storage.write("k", "v"));
        assertThat(await(storage.read("k"))).isEqualTo("v");
    }

    @Test
    void createsTheFileAndItsDirectoryOwnerOnly() throws IOException {
        Path file = dir.resolve("a").resolve("b").resolve("sessions.mv.db");
        MvStoreSessionStorage storage = open(file);
        assertThat(storage.file()).contains(file);
        assertThat(file).exists();
        assertThat(storage.toString()).contains(file.toString());
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void theBuilderNeedsAFileOrMemory() {
        assertThatThrownBy(() -> MvStoreSessionStorage.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MvStoreSessionStorage.builder().file(Path.of("/")).build())
                .isInstanceOf(IllegalArgumentException.class);
        MvStoreSessionStorage memory = track(MvStoreSessionStorage.builder().file(dir.resolve("x.mv.db")).inMemory().build());
        assertThat(memory.file()).isEmpty();
        assertThat(dir.resolve("x.mv.db")).doesNotExist();
        assertThat(memory.durability()).isEqualTo(MvStoreSessionStorage.Durability.SYNC);
    }

    /**
     * Commits are appended, so the file grows; once it has grown enough it is rewritten with the
     * live entries only. 200 commits of 20 kilobyte-sized values each write several megabytes;
     * the file stays far smaller, and every entry keeps its last value, also after a reopen.
     */
    @Test
    void theFileIsRewrittenWhenItHasGrownAndKeepsEveryEntry() throws IOException {
        Path file = dir.resolve("s.mv.db");
        MvStoreSessionStorage storage = MvStoreSessionStorage.builder().file(file).minRewriteSize(256 << 10).build();
        long largest = 0;
        for (int round = 0; round < 20; round++) {
            for (int group = 0; group < 10; group++) {
                int first = group * 20;
                Set<String> keys = IntStream.range(first, first + 20).mapToObj(i -> "k" + i).collect(Collectors.toSet());
                String value = round + ":" + "x".repeat(1000);
                await(storage.updateAll(keys, v -> keys.stream().collect(Collectors.toMap(k -> k, k -> value))));
                largest = Math.max(largest, Files.size(file));
            }
        }
        long written = storage.bytesWritten();
        assertThat(written).as("bytes written").isGreaterThan(4L << 20);
        assertThat(largest).as("the largest size of the file, against %d bytes written", written)
                .isLessThan(written / 4).isLessThan(2L << 20);
        assertThat(MvStoreSessionStorage.rewritten(file)).doesNotExist();
        assertThat(dir.resolve("s.mv.db.lock")).exists();
        for (int i = 0; i < 200; i++) {
            assertThat(await(storage.read("k" + i))).startsWith("19:");
        }
        await(storage.close());
        MvStoreSessionStorage reopened = open(file);
        assertThat(keys(reopened, "k")).hasSize(200);
        assertThat(await(reopened.read("k123"))).isEqualTo("19:" + "x".repeat(1000));
    }

    /**
     * 3,000 {@code updateAll}s, 32 at a time, while the file is rewritten every few commits: each
     * sets a counter in 24 keys and adds an entry holding the new count. At the end the counter
     * equals the number of entries and every count is held by one entry: no update was computed
     * from a value another had already replaced. (A first version let a batch take a change
     * before it was counted, after which two batches could run at once; the same run outside
     * the test suite lost updates about once in fifteen runs, so this test catches such a race
     * only now and then.)
     */
    @Test
    void concurrentUpdateAllsAcrossRewritesAreSerialized() {
        MvStoreSessionStorage storage = track(MvStoreSessionStorage.builder().file(dir.resolve("s.mv.db"))
                .durability(MvStoreSessionStorage.Durability.WRITE).minRewriteSize(256 << 10).build());
        Set<String> counters = IntStream.range(0, 24).mapToObj(i -> "counter-" + i).collect(Collectors.toSet());
        int n = 3000;
        String padding = "p".repeat(1000);
        Flux.range(0, n).flatMap(i -> {
            Set<String> keys = new TreeSet<>(counters);
            keys.add(String.format("entry-%05d", i));
            return onEventLoop(storage.updateAll(keys, values -> {
                int count = values.containsKey("counter-0") ? Integer.parseInt(values.get("counter-0").split(":")[0]) + 1 : 1;
                Map<String, String> next = new HashMap<>();
                counters.forEach(k -> next.put(k, count + ":" + padding));
                next.put(String.format("entry-%05d", i), String.valueOf(count));
                return next;
            }));
        }, 32).blockLast(TIMEOUT);
        Map<String, String> values = await(storage.updateAll(counters, v -> v));
        assertThat(values.values().stream().map(v -> v.split(":")[0]).collect(Collectors.toSet())).containsExactly(String.valueOf(n));
        List<String> entries = keys(storage, "entry-");
        assertThat(entries).hasSize(n);
        Set<String> counts = new TreeSet<>();
        for (String entry : entries) {
            counts.add(await(storage.read(entry)));
        }
        assertThat(counts).as("distinct counts held by the entries").hasSize(n);
    }

    /** Many concurrent changes of different keys and of one key: all land, none is lost. */
    @Test
    void concurrentWritesAndUpdatesAllLand() {
        MvStoreSessionStorage storage = open(dir.resolve("s.mv.db"));
        int n = 300;
        List<String> results = new ArrayList<>();
        Flux.range(0, n).flatMap(i -> Mono.when(onEventLoop(storage.write("k" + i, "v" + i)),
                        onEventLoop(storage.update("list", old -> old == null ? "" + i : old + "," + i)).doOnNext(r -> {
                            synchronized (results) {
                                results.add(r);
                            }
                        })), 64)
                .blockLast(TIMEOUT);
        for (int i = 0; i < n; i++) {
            assertThat(await(storage.read("k" + i))).isEqualTo("v" + i);
        }
        String list = await(storage.read("list"));
        assertThat(list.split(",")).hasSize(n).doesNotHaveDuplicates();
        assertThat(results).hasSize(n).contains(list);
        assertThat(keys(storage, "k")).hasSize(n);
    }
}
