package io.antelopekit.mvstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost of a change does not grow with the size of the store, counted in bytes written to the
 * file (not in time): a write to a store of 100,000 keys writes about as much as a write to a
 * store of 10 (the few B-tree pages on the key's path, whose depth grows by one or two), where the
 * JSON file store rewrites every key.
 */
class MvStoreScaleTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String VALUE = "v".repeat(200);
    static final int WRITES = 101;

    @TempDir
    Path dir;

    static String key(int i) {
        return String.format("session-%08d", i);
    }

    /** The median of the bytes written by one write of a present key, {@link #WRITES} writes, with {@code present} keys. */
    long bytesPerWrite(int present) {
        MvStoreSessionStorage storage = MvStoreSessionStorage.open(dir.resolve("scale-" + present + ".mv.db"));
        try {
            for (int from = 0; from < present; from += 1000) {
                Set<String> keys = IntStream.range(from, Math.min(present, from + 1000)).mapToObj(MvStoreScaleTest::key)
                        .collect(Collectors.toSet());
                storage.updateAll(keys, v -> keys.stream().collect(Collectors.toMap(Function.identity(), k -> VALUE)))
                        .block(TIMEOUT);
            }
            Random random = new Random(present);
            long[] written = new long[WRITES];
            for (int i = 0; i < WRITES; i++) {
                long before = storage.bytesWritten();
                storage.write(key(random.nextInt(present)), VALUE + i).block(TIMEOUT);
                written[i] = storage.bytesWritten() - before;
            }
            assertThat(storage.keys("session-").count().block(TIMEOUT)).isEqualTo(present);
            Arrays.sort(written);
            return written[WRITES / 2];
        } finally {
            storage.close().block(TIMEOUT);
        }
    }

    @Test
    void aWriteWritesAboutAsManyBytesWith100000KeysPresentAsWith10() {
        long small = bytesPerWrite(10);
        long large = bytesPerWrite(100_000);
        long data = 100_000L * (VALUE.length() + key(0).length());
        System.out.println("MvStoreScaleTest: median bytes written per write: " + small + " with 10 keys, " + large
                + " with 100,000 keys (ratio " + String.format("%.2f", (double) large / small) + "); the data is "
                + data + " bytes");
        assertThat(small).as("bytes per write with 10 keys").isPositive();
        assertThat(large).as("bytes per write with 100,000 keys, against %d with 10", small).isLessThanOrEqualTo(3 * small);
        // the JSON file store would rewrite all of it on each write
        assertThat(large).as("bytes per write with 100,000 keys, against %d bytes of data", data).isLessThan(data / 100);
    }
}
