package io.antelopekit.storage;

import io.antelopekit.test.AtomicUpdateAllContract;
import io.antelopekit.test.ExpiringKeysContract;
import io.antelopekit.test.KeysContract;
import io.antelopekit.test.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The file store: what it keeps, how it survives concurrency, crashes and corrupt files. Every
 * operation is subscribed from a parallel (non-blocking) thread with BlockHound on, so any file
 * I/O outside the bounded elastic scheduler fails the test.
 */
@ExtendWith(BlockHoundSupport.class)
class FileSessionStorageTest implements AtomicUpdateAllContract, KeysContract, ExpiringKeysContract {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private int files;

    @Override
    public ReactiveSessionStorage newStorage() {
        return ReactiveSessionStorage.file(dir.resolve("contract-" + ++files + ".json"));
    }

    @Override
    public ReactiveSessionStorage newStorage(MutableClock clock) {
        return ReactiveSessionStorage.file(dir.resolve("contract-" + ++files + ".json"), clock);
    }

    /** Two instances on one new file: they share their queue in this JVM and the file lock. */
    @Override
    public ReactiveSessionStorage[] twoInstancesOnNewData() {
        Path file = dir.resolve("contract-" + ++files + ".json");
        return new ReactiveSessionStorage[] {ReactiveSessionStorage.file(file), FileSessionStorage.open(dir.resolve(".").resolve(file.getFileName()))};
    }

    /** Subscribes on a non-blocking thread: BlockHound fails the test if the store blocks there. */
    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    static <T> T await(Mono<T> mono) {
        return onEventLoop(mono).block(TIMEOUT);
    }

    @Test
    void writesReadsReplacesAndRemoves() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(dir.resolve("sessions.json"));
        StepVerifier.create(onEventLoop(storage.read("session"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "{\"actor\":\"alice\"}").then(storage.read("session"))))
                .expectNext("{\"actor\":\"alice\"}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "{}").then(storage.read("session"))))
                .expectNext("{}").expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("session").then(storage.read("session"))))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("absent"))).expectComplete().verify(TIMEOUT);
    }

    @Test
    void anyTextRoundTripsAsAJsonStringInOneObject() throws IOException {
        Path file = dir.resolve("sessions.json");
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);
        List<String> values = List.of("", "plain", "quote \" backslash \\ slash /", "lines\n\r\ttab",
                "control \u0000\u0001\u001f\u007f", "unicode äöü 漢字 \uD83D\uDE00", "separators \u2028\u2029",
                "lone surrogates \uD800 and \uDC00 end\uD83D", "[{\"nested\":\"json\"}]");
        for (int i = 0; i < values.size(); i++) {
            await(storage.write("k" + i, values.get(i)));
        }
        for (int i = 0; i < values.size(); i++) {
            assertThat(await(storage.read("k" + i))).as("value %d", i).isEqualTo(values.get(i));
        }
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        assertThat(root.isObject()).isTrue();
        assertThat(root.size()).isEqualTo(values.size());
        root.properties().forEach(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
        assertThat(root.get("k1").textValue()).isEqualTo("plain");
        assertThat(root.get("k8").textValue()).isEqualTo("[{\"nested\":\"json\"}]");
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(dir.resolve("s.json"));
        await(storage.write("wharf--session \"x\"\n", "v"));
        assertThat(await(ReactiveSessionStorage.file(dir.resolve("s.json")).read("wharf--session \"x\"\n"))).isEqualTo("v");
    }

    @Test
    void persistsAcrossInstances() {
        Path file = dir.resolve("sessions.json");
        await(ReactiveSessionStorage.file(file).write("session", "one").then(ReactiveSessionStorage.file(file).write("sessions", "[]")));
        ReactiveSessionStorage reopened = FileSessionStorage.open(file);
        assertThat(await(reopened.read("session"))).isEqualTo("one");
        assertThat(await(reopened.read("sessions"))).isEqualTo("[]");
    }

    @Test
    void createsTheDirectoryOnTheFirstChangeWithOwnerOnlyPermissions() throws IOException {
        Path file = dir.resolve("a").resolve("b").resolve("sessions.json");
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);
        StepVerifier.create(onEventLoop(storage.read("k"))).expectComplete().verify(TIMEOUT);
        assertThat(file.getParent()).doesNotExist();
        await(storage.write("k", "v"));
        assertThat(file).exists();
        assertThat(await(storage.read("k"))).isEqualTo("v");
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.resolveSibling("sessions.json.lock"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .startsWith("rwx").endsWith("------");
    }

    @Test
    void aFileWithWiderPermissionsIsReplacedByAnOwnerOnlyFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("sessions.json");
        Files.writeString(file, "{\"a\": \"1\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        await(ReactiveSessionStorage.file(file).write("b", "2"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(await(ReactiveSessionStorage.file(file).read("a"))).isEqualTo("1");
    }

    @Test
    void nothingHappensBeforeSubscription() {
        Path file = dir.resolve("new").resolve("sessions.json");
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);
        Mono<Void> write = storage.write("k", "v");
        Mono<String> update = storage.update("k", old -> { throw new AssertionError("called before subscription"); });
        Mono<Void> remove = storage.remove("k");
        Mono<String> read = storage.read("k");
        assertThat(file.getParent()).doesNotExist();
        await(write);
        assertThat(file).exists();
        assertThat(await(read)).isEqualTo("v");
        assertThat(await(remove.then(storage.read("k")))).isNull();
        StepVerifier.create(onEventLoop(update)).expectError(AssertionError.class).verify(TIMEOUT);
    }

    @Test
    void concurrentUpdatesOfOneKeyFromTwoInstancesLoseNothing() {
        Path file = dir.resolve("sessions.json");
        ReactiveSessionStorage a = ReactiveSessionStorage.file(file);
        ReactiveSessionStorage b = ReactiveSessionStorage.file(file);
        int n = 200;
        List<String> results = Flux.range(0, n)
                .flatMap(i -> onEventLoop((i % 2 == 0 ? a : b).update("sessions", old -> (old == null ? "" : old + ",") + i)), 64)
                .collectList().block(TIMEOUT);
        assertThat(results).hasSize(n);
        String list = await(a.read("sessions"));
        List<String> items = Arrays.asList(list.split(","));
        assertThat(items).hasSize(n).doesNotHaveDuplicates();
        assertThat(new HashSet<>(items)).isEqualTo(Stream.iterate(0, i -> i + 1).limit(n).map(String::valueOf).collect(Collectors.toSet()));
        // each update saw the one before it: the longest result is the final list
        assertThat(results).contains(list);
        assertThat(await(b.read("sessions"))).isEqualTo(list);
    }

    @Test
    void concurrentWritesOfDifferentKeysAllLand() {
        Path file = dir.resolve("sessions.json");
        ReactiveSessionStorage a = ReactiveSessionStorage.file(file);
        ReactiveSessionStorage b = FileSessionStorage.open(dir.resolve(".").resolve("sessions.json"));
        Flux.range(0, 100).flatMap(i -> onEventLoop((i % 2 == 0 ? a : b).write("k" + i, "v" + i)), 64)
                .blockLast(TIMEOUT);
        for (int i = 0; i < 100; i++) {
            assertThat(await(a.read("k" + i))).isEqualTo("v" + i);
        }
    }

    @Test
    void aTemporaryFileLeftByACrashDoesNotDisturbReadsOrWrites() throws IOException {
        Path file = dir.resolve("sessions.json");
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);
        await(storage.write("session", "committed"));
        // a writer that died between creating its temporary file and renaming it
        Path crashed = dir.resolve(".sessions.json.123456.tmp");
        Files.writeString(crashed, "{\"session\": \"half-writ");
        assertThat(await(storage.read("session"))).isEqualTo("committed");
        await(storage.write("other", "v"));
        assertThat(await(ReactiveSessionStorage.file(file).read("session"))).isEqualTo("committed");
        assertThat(await(ReactiveSessionStorage.file(file).read("other"))).isEqualTo("v");
        assertThat(crashed).exists();
    }

    @Test
    void writesLeaveNoTemporaryFilesBehindAndReplaceTheFileByRename() throws IOException {
        Path file = dir.resolve("sessions.json");
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);
        await(storage.write("k", "1"));
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        await(storage.write("k", "2"));
        Object after = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (before != null) {
            assertThat(after).as("a new file renamed over the old one").isNotEqualTo(before);
        }
        // an update that changes nothing does not rewrite the file
        assertThat(await(storage.update("k", old -> old))).isEqualTo("2");
        assertThat(await(storage.updateAll(Set.of("k", "j"), values -> values))).isEqualTo(java.util.Map.of("k", "2"));
        if (after != null) {
            assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(after);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("sessions.json", "sessions.json.lock"));
        }
    }

    @Test
    void aCorruptFileIsATypedErrorNamingTheFileAndPositionAndIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("sessions.json");
        String content = "{\n  \"session\": \"{\\\"actor\\\":\\\"alice\\\"}\",\n  \"sessions\": [oops\n}\n";
        Files.writeString(file, content);
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);

        StepVerifier.create(onEventLoop(storage.read("session")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CorruptStorageException.class);
                    CorruptStorageException c = (CorruptStorageException) e;
                    assertThat(c.file()).isEqualTo(file.toAbsolutePath().normalize());
                    assertThat(c.line()).isEqualTo(3);
                    assertThat(c.column()).isPositive();
                    assertThat(c.getMessage()).contains(file.toString()).contains("line 3, column " + c.column())
                            .contains("left unchanged");
                })
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.write("session", "new"))).expectError(CorruptStorageException.class).verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("sessions", old -> "[]"))).expectError(CorruptStorageException.class).verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.remove("session"))).expectError(CorruptStorageException.class).verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.updateAll(Set.of("session", "sessions"),
                values -> java.util.Map.of("session", "{}", "sessions", "[]")))).expectError(CorruptStorageException.class).verify(TIMEOUT);
        assertThat(Files.readString(file)).isEqualTo(content);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count()).isZero();
        }

        // once repaired by hand, the store works again and keeps what the file holds
        Files.writeString(file, content.replace("[oops", "\"[]\""));
        assertThat(await(storage.read("session"))).isEqualTo("{\"actor\":\"alice\"}");
        await(storage.write("other", "v"));
        assertThat(await(storage.read("sessions"))).isEqualTo("[]");
    }

    @Test
    void aTruncatedFileIsCorruptAndTheErrorShowsNoContent() throws IOException {
        Path file = dir.resolve("sessions.json");
        Files.writeString(file, "{\"session\": \"{\\\"walletPlugin\\\":{\\\"data\\\":{\\\"privateKey\\\":\\\"PVT_K1_secretmaterial");
        StepVerifier.create(onEventLoop(ReactiveSessionStorage.file(file).read("session")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CorruptStorageException.class);
                    assertThat(e.getMessage()).contains(file.toString()).doesNotContain("secret").doesNotContain("PVT_K1");
                    assertThat(String.valueOf(e.getCause())).doesNotContain("secret");
                })
                .verify(TIMEOUT);
    }

    @Test
    void jsonThatIsNotAnObjectOfStringsIsCorrupt() throws IOException {
        Path file = dir.resolve("sessions.json");
        for (String content : List.of("[]", "\"text\"", "{\"a\": 1}", "{\"a\": {\"b\": \"c\"}}", "{\"a\": \"1\"} trailing",
                "{\"a\": \"1\", \"a\": \"2\"}", "\u00ff\u00fe")) {
            Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
            StepVerifier.create(onEventLoop(ReactiveSessionStorage.file(file).read("a")))
                    .expectErrorSatisfies(e -> assertThat(e).as(content).isInstanceOf(CorruptStorageException.class)
                            .hasMessageContaining(file.toString()))
                    .verify(TIMEOUT);
            StepVerifier.create(onEventLoop(ReactiveSessionStorage.file(file).write("a", "x")))
                    .expectError(CorruptStorageException.class).verify(TIMEOUT);
            assertThat(Files.readAllBytes(file)).isEqualTo(content.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void anEmptyFileIsAnEmptyStore() throws IOException {
        Path file = dir.resolve("sessions.json");
        Files.writeString(file, " \n");
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(file);
        StepVerifier.create(onEventLoop(storage.read("a"))).expectComplete().verify(TIMEOUT);
        await(storage.write("a", "1"));
        assertThat(await(storage.read("a"))).isEqualTo("1");
    }

    @Test
    void anUpdateToNullRemovesAndAFailedUpdateKeepsTheValue() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(dir.resolve("sessions.json"));
        await(storage.write("k", "v"));
        StepVerifier.create(onEventLoop(storage.update("k", old -> { throw new IllegalStateException("no"); })))
                .expectError(IllegalStateException.class).verify(TIMEOUT);
        assertThat(await(storage.read("k"))).isEqualTo("v");
        StepVerifier.create(onEventLoop(storage.update("k", old -> null))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.read("k"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("absent", old -> old))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(storage.update("n", old -> old == null ? "first" : "again")))
                .expectNext("first").expectComplete().verify(TIMEOUT);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAStorageErrorNamingIt() throws IOException {
        Path file = dir.resolve("sessions.json");
        Files.createDirectory(file);
        StepVerifier.create(onEventLoop(ReactiveSessionStorage.file(file).read("k")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StorageException.class).hasMessageContaining(file.toString()))
                .verify(TIMEOUT);
    }

    @Test
    void aKeyWithATimeToLiveIsStoredWithItsExpiryAndLeftOutOfTheNextWriteOnceExpired() throws IOException {
        Path file = dir.resolve("expiring.json");
        MutableClock clock = ExpiringKeysContract.clock();
        ReactiveSessionStorage storage = FileSessionStorage.open(file, clock);
        await(storage.updateAll(Set.of("s", "k"), values -> java.util.Map.of("s", "short", "k", "kept"),
                java.util.Map.of("s", Duration.ofMinutes(5))));
        long expiresAt = clock.millis() + Duration.ofMinutes(5).toMillis();
        JsonNode root = JSON.readTree(file.toFile());
        assertThat(root.get("k").textValue()).isEqualTo("kept");
        assertThat(root.get("s").get("value").textValue()).isEqualTo("short");
        assertThat(root.get("s").get("expiresAt").longValue()).isEqualTo(expiresAt);
        // another instance (another process) reads it back with its expiry
        assertThat(await(FileSessionStorage.open(file, clock).read("s"))).isEqualTo("short");

        clock.advance(Duration.ofMinutes(5));
        assertThat(await(storage.read("s"))).isNull();
        assertThat(JSON.readTree(file.toFile()).has("s")).as("not written yet").isTrue();
        await(storage.write("other", "x"));
        assertThat(JSON.readTree(file.toFile()).has("s")).as("left out of the next write").isFalse();
        assertThat(await(storage.read("k"))).isEqualTo("kept");
    }

    @Test
    void anObjectThatIsNotAValueWithItsExpiryIsCorrupt() throws IOException {
        Path file = dir.resolve("sessions.json");
        for (String content : List.of("{\"a\": {\"value\": \"1\"}}", "{\"a\": {\"value\": 1, \"expiresAt\": 5}}",
                "{\"a\": {\"value\": \"1\", \"expiresAt\": \"soon\"}}",
                "{\"a\": {\"value\": \"1\", \"expiresAt\": 5, \"more\": 1}}",
                "{\"a\": {\"value\": \"1\", \"expiresAt\": 5.5}}")) {
            Files.writeString(file, content);
            StepVerifier.create(onEventLoop(ReactiveSessionStorage.file(file).read("a")))
                    .expectErrorSatisfies(e -> assertThat(e).as(content).isInstanceOf(CorruptStorageException.class)
                            .hasMessageContaining("expiresAt"))
                    .verify(TIMEOUT);
        }
        Files.writeString(file, "{\"a\": {\"value\": \"1\", \"expiresAt\": 253402300799000}}");
        assertThat(await(ReactiveSessionStorage.file(file).read("a"))).isEqualTo("1");
    }

    @Test
    void describesItself() {
        FileSessionStorage storage = FileSessionStorage.open(dir.resolve("x").resolve("..").resolve("s.json"));
        assertThat(storage.file()).isEqualTo(dir.resolve("s.json").toAbsolutePath());
        assertThat(storage).hasToString("FileSessionStorage[" + dir.resolve("s.json").toAbsolutePath() + "]");
    }
}
