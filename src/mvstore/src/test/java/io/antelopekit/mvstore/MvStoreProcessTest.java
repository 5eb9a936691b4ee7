package io.antelopekit.mvstore;

import io.antelopekit.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store and other processes: a file held by a child JVM is refused with the typed error, and
 * a child killed (SIGKILL) in the middle of many concurrent {@code updateAll}s leaves every one of
 * them whole or absent, and every acknowledged one present, also when the kill lands in a rewrite
 * of the file.
 *
 * <p>Each {@code updateAll} of the child names the {@link #GROUP} keys and a new key
 * {@code entry-<i>}: it sets every group key to the same new count (with a kilobyte of padding,
 * so a commit spans several pages) and the new entry to that count. After a kill, the group keys
 * must agree, the count must equal the number of entries (no update half there), and every
 * acknowledged entry must be listed. The kill point is chosen by what the child printed, never by
 * time.
 */
class MvStoreProcessTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int GROUP = 24;
    static final int RUNS = 8;
    static final String PADDING = "p".repeat(1000);

    @TempDir
    Path dir;

    static Set<String> group() {
        return IntStream.range(0, GROUP).mapToObj(i -> String.format("group-%02d", i)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The child JVM: {@code hold <file>} opens the store, prints {@code OPEN} and keeps it open
     * until its input ends; {@code update <file> <SYNC|WRITE> <concurrency> <minRewriteSize>} runs
     * updates of the group, {@code concurrency} at a time, printing {@code OK <i>} for each
     * acknowledged one.
     */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            PrintStream out = System.out;
            MvStoreSessionStorage.Builder builder = MvStoreSessionStorage.builder().file(Path.of(args[1]));
            if (args[0].equals("update")) {
                builder.durability(MvStoreSessionStorage.Durability.valueOf(args[2])).minRewriteSize(Long.parseLong(args[4]));
            }
            MvStoreSessionStorage storage = builder.build();
            if (args[0].equals("hold")) {
                out.println("OPEN");
                out.flush();
                while (System.in.read() >= 0) {
                    // until the parent closes our input
                }
                storage.close().block(TIMEOUT);
                out.println("CLOSED");
                out.flush();
                return;
            }
            int concurrency = Integer.parseInt(args[3]);
            out.println("READY");
            out.flush();
            Flux.range(0, 100_000)
                    .flatMap(i -> {
                        Set<String> keys = new HashSet<>(group());
                        keys.add("entry-" + i);
                        return storage.updateAll(keys, values -> {
                            int count = values.containsKey("group-00") ? Integer.parseInt(values.get("group-00").split("\\|")[0]) + 1 : 1;
                            Map<String, String> next = new HashMap<>();
                            for (String k : group()) {
                                next.put(k, count + "|" + PADDING);
                            }
                            next.put("entry-" + i, String.valueOf(count));
                            return next;
                        }).subscribeOn(Schedulers.parallel()).doOnNext(v -> {
                            synchronized (out) {
                                out.println("OK " + i);
                                out.flush();
                            }
                        });
                    }, concurrency)
                    .blockLast(Duration.ofMinutes(5));
            out.println("DONE");
            out.flush();
        }
    }

    Process start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    static String log(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "none";
    }

    @Test
    void aFileHeldByAnotherProcessIsATypedErrorNamingTheFileUntilThatProcessClosesIt() throws Exception {
        Path file = dir.resolve("sessions.mv.db");
        Path log = dir.resolve("hold.log");
        Process child = start(log, "hold", file.toString());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).as("the child's first line (its log: %s)", log(log)).isEqualTo("OPEN");
            assertThatThrownBy(() -> MvStoreSessionStorage.open(file))
                    .isInstanceOf(MvStoreLockedException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("another process")
                    .satisfies(e -> assertThat(((StorageException) e).file()).isEqualTo(file));
            child.getOutputStream().close();
            assertThat(lines.readLine()).isEqualTo("CLOSED");
        } finally {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            child.destroyForcibly();
        }
        MvStoreSessionStorage storage = MvStoreSessionStorage.open(file);
        try {
            assertThat(storage.read("k").block(TIMEOUT)).isNull();
        } finally {
            storage.close().block(TIMEOUT);
        }
    }

    /** Where run {@code run} kills the child: after 1, 41, 81, ... acknowledged updates. */
    static int killAfter(int run) {
        return 1 + run * 40;
    }

    @Test
    void aChildKilledDuringConcurrentUpdateAllsLeavesEachWholeOrAbsentAndEveryAcknowledgedOne() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            failures.addAll(crashAndCheck(run));
        }
        assertThat(failures).as("inconsistencies found after the kills").isEmpty();
    }

    List<String> crashAndCheck(int run) throws Exception {
        Path file = dir.resolve("run-" + run + ".mv.db");
        Path log = dir.resolve("child-" + run + ".log");
        String durability = run % 2 == 0 ? "SYNC" : "WRITE";
        int concurrency = run % 4 < 2 ? 32 : 4;
        // in half the runs the file is rewritten every few commits, so some kills land in a rewrite
        long minRewriteSize = run % 4 == 1 || run % 4 == 2 ? 256 << 10 : MvStoreSessionStorage.MIN_REWRITE_SIZE;
        Process child = start(log, "update", file.toString(), durability, String.valueOf(concurrency),
                String.valueOf(minRewriteSize));
        Set<Integer> acknowledged = new HashSet<>();
        int killAt = killAfter(run);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("OK ")) {
                    acknowledged.add(Integer.valueOf(line.substring(3)));
                    if (acknowledged.size() == killAt) {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("the child's acknowledged updates (its log: %s)", log(log)).hasSize(killAt);

        List<String> failures = new ArrayList<>();
        String where = "run " + run + " (" + durability + ", " + concurrency + " at once, rewrites above "
                + (minRewriteSize >> 10) + " KiB, killed after " + killAt + " acknowledged)";
        MvStoreSessionStorage storage = MvStoreSessionStorage.open(file);
        try {
            Map<String, String> values = storage.updateAll(group(), v -> v).block(TIMEOUT);
            Set<String> distinct = new HashSet<>(values.values());
            if (values.size() != GROUP || distinct.size() != 1) {
                failures.add(where + ": the group keys disagree: " + values.size() + " present, "
                        + distinct.stream().map(v -> v.split("\\|")[0]).collect(Collectors.toSet()) + " counts");
            }
            int count = values.isEmpty() ? 0 : Integer.parseInt(values.values().iterator().next().split("\\|")[0]);
            List<String> entries = storage.keys("entry-").collectList().block(TIMEOUT);
            if (entries.size() != count) {
                failures.add(where + ": count " + count + " but " + entries.size() + " entries");
            }
            Set<String> counts = new TreeSet<>();
            for (String entry : entries) {
                counts.add(storage.read(entry).block(TIMEOUT));
            }
            if (counts.size() != entries.size()) {
                failures.add(where + ": " + entries.size() + " entries hold " + counts.size() + " distinct counts");
            }
            for (int i : acknowledged) {
                if (!entries.contains("entry-" + i)) {
                    failures.add(where + ": the acknowledged update " + i + " is missing");
                }
            }
            System.out.println("MvStoreProcessTest " + where + ": count " + count + ", " + entries.size() + " entries, "
                    + failures.size() + " inconsistencies");
        } finally {
            storage.close().block(TIMEOUT);
        }
        return failures;
    }
}
