package io.antelopekit.benchmarks;

import io.antelopekit.mvstore.MvStoreSessionStorage;
import io.antelopekit.storage.ReactiveSessionStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code write}, {@code read} or {@code updateAll} (of two keys, as the session kit's login
 * does) on a local store that already holds {@code keys} keys of about 200 bytes each, one
 * operation at a time: the MVStore store ({@code mvstore-sync}: each change forced to the disk,
 * the default; {@code mvstore-write}: committed to the file without a sync) against the JSON file
 * store ({@code json-file}, which reads and rewrites its whole file). Microseconds per
 * operation; the point is the ratio between 100,000 keys and 10.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EmbeddedStoreBenchmark
 * java -jar benchmarks/target/benchmarks.jar EmbeddedStoreBenchmark -p store=mvstore-sync -wi 2 -i 3 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EmbeddedStoreBenchmark {

    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final String VALUE = "{\"chain\":\"aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906\","
            + "\"actor\":\"useraaaaaaaa\",\"permission\":\"active\",\"walletPlugin\":{\"id\":\"wallet-plugin-privatekey\"}}";

    @Param({"10", "1000", "100000"})
    public int keys;

    @Param({"mvstore-sync", "mvstore-write", "json-file"})
    public String store;

    private Path dir;
    private ReactiveSessionStorage storage;
    private final SplittableRandom random = new SplittableRandom(20);
    private long n;

    static String key(int i) {
        return String.format("session-%08d", i);
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("antelopekit-embedded-store");
        storage = switch (store) {
            case "mvstore-sync" -> MvStoreSessionStorage.open(dir.resolve("sessions.mv.db"));
            case "mvstore-write" -> MvStoreSessionStorage.builder().file(dir.resolve("sessions.mv.db"))
                    .durability(MvStoreSessionStorage.Durability.WRITE).build();
            case "json-file" -> ReactiveSessionStorage.file(dir.resolve("sessions.json"));
            default -> throw new IllegalArgumentException(store);
        };
        // at most 10,000 keys per updateAll, so the JSON file is rewritten ten times, not 100
        for (int from = 0; from < keys; from += 10_000) {
            Set<String> batch = IntStream.range(from, Math.min(keys, from + 10_000)).mapToObj(EmbeddedStoreBenchmark::key)
                    .collect(Collectors.toSet());
            storage.updateAll(batch, v -> batch.stream().collect(Collectors.toMap(Function.identity(), k -> VALUE)))
                    .block(TIMEOUT);
        }
        storage.updateAll(Set.of("session", "sessions"), v -> Map.of("session", VALUE, "sessions", "0")).block(TIMEOUT);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (storage instanceof MvStoreSessionStorage m) {
            m.close().block(TIMEOUT);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public String read() {
        return storage.read(key(random.nextInt(keys))).block(TIMEOUT);
    }

    @Benchmark
    public void write() {
        storage.write(key(random.nextInt(keys)), VALUE + ++n).block(TIMEOUT);
    }

    /** The login's change: the current session and the list, together. */
    @Benchmark
    public Map<String, String> updateAll() {
        String chosen = key(random.nextInt(keys));
        return storage.updateAll(Set.of("session", "sessions"), v -> Map.of(
                "session", chosen, "sessions", String.valueOf(Long.parseLong(v.get("sessions")) + 1))).block(TIMEOUT);
    }
}
