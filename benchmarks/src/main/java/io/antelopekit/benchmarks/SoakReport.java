package io.antelopekit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.antelopekit.chain.Checksum256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one {@link Soak} run, the checks that decide its exit status, and their text,
 * JSON and Markdown forms.
 */
final class SoakReport {

    static final String START = "<!-- soak:start -->";
    static final String END = "<!-- soak:end -->";
    static final String HEADING = "## Load and soak";

    private final Soak.Options o;
    private final Soak.Run run;
    private final String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    private final double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    /** The 1-minute load average during the run: at the start, its mean (every 5 s) and highest. */
    private final double loadStart;
    private final double loadMean;
    private final double loadMax;
    private final int cores = Runtime.getRuntime().availableProcessors();

    final long firstBlock;
    final long lastBlock;
    final long lib;
    final double runSeconds;
    final double wallSeconds;
    final double irreversibleScanSeconds;
    final long heapBefore;
    final long heapAfter;
    /** The heap used after the devnet and the client were closed (set by {@code Soak.main}). */
    long heapClosed;
    final Map<String, Double> meters;
    final double stopAskedAt;
    final double stoppedAt;
    final double startAskedAt;
    final double startedAt;

    long submitted;
    long executed;
    long failed;
    long unknown;
    long noOutcome;
    long transactions;
    long duplicates;
    long missing;
    long failedLanded;
    long unknownLanded;
    long wrongTransaction;
    long exactlyOnce;
    long notSeenInHead;
    long seenTwiceInHead;
    double maxScheduleLag;
    Latency inBlock;
    Latency toOutcome;
    Latency streamDelay;
    Latency chainSide;
    final Map<String, Latency> phases = new LinkedHashMap<>();
    /** Latency to IN_BLOCK by the second of the run the actions were submitted in. */
    final List<Latency> perSecond = new ArrayList<>();
    final Map<String, Long> errorKinds = new TreeMap<>();
    final List<String> problems = new ArrayList<>();

    /** p50, p99 and max in seconds of some latencies, and how many. */
    record Latency(int count, double p50, double p99, double max) {
        static Latency of(long[] nanos, int n) {
            if (n == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            return new Latency(n, at(sorted, 0.50), at(sorted, 0.99), sorted[n - 1] / 1e9);
        }

        private static double at(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e9;
        }

        String text() {
            return count == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f s / %.3f s / %.3f s", p50, p99, max);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("p50Seconds", count == 0 ? null : p50);
            m.put("p99Seconds", count == 0 ? null : p99);
            m.put("maxSeconds", count == 0 ? null : max);
            return m;
        }
    }

    SoakReport(Soak.Options o, Soak.Run run, long firstBlock, long lastBlock, long lib, long runStart, long runEnd,
            long heapBefore, long heapAfter, Map<String, Double> meters, boolean botHung, Throwable irreversibleError,
            double irreversibleScanSeconds, double wallSeconds) {
        this.o = o;
        this.run = run;
        List<Double> loads;
        synchronized (run.loadAverages) {
            loads = List.copyOf(run.loadAverages);
        }
        this.loadStart = loads.isEmpty() ? Double.NaN : loads.get(0);
        this.loadMean = loads.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        this.loadMax = loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        this.firstBlock = firstBlock;
        this.lastBlock = lastBlock;
        this.lib = lib;
        this.runSeconds = (runEnd - runStart) / 1e9;
        this.wallSeconds = wallSeconds;
        this.irreversibleScanSeconds = irreversibleScanSeconds;
        this.heapBefore = heapBefore;
        this.heapAfter = heapAfter;
        this.meters = meters;
        long stop = run.stoppedAt.get();
        long start = run.startedAt.get();
        this.stopAskedAt = since(run.stopAskedAt.get(), runStart);
        this.stoppedAt = since(stop, runStart);
        this.startAskedAt = since(run.startAskedAt.get(), runStart);
        this.startedAt = since(start, runStart);
        compute(runStart, stop, start);
        check(botHung, irreversibleError);
    }

    private static double since(long t, long runStart) {
        return t == 0 ? Double.NaN : (t - runStart) / 1e9;
    }

    private void compute(long runStart, long stop, long start) {
        int n = (int) run.total;
        long[] inBlockNanos = new long[n];
        long[] outcomeNanos = new long[n];
        long[] delayNanos = new long[n];
        long[] chainNanos = new long[n];
        int timed = 0;
        long[][] phase = new long[3][n];
        int[] phaseCount = new int[3];
        int seen = 0;
        int outcomes = 0;
        java.util.Set<Checksum256> txs = new java.util.HashSet<>();
        long lag = 0;
        for (int i = 0; i < n; i++) {
            long sub = run.submitted.get(i);
            if (sub != 0) {
                submitted++;
            }
            lag = Math.max(lag, run.scheduleLag.get(i));
            int landed = run.landed.get(i);
            if (landed > 1) {
                duplicates++;
            }
            if (run.seenInHead.get(i) > 1) {
                seenTwiceInHead++;
            }
            String err = run.errors.get(i);
            if (err != null) {
                errorKinds.merge(err.length() > 160 ? err.substring(0, 160) + "..." : err, 1L, Long::sum);
            }
            switch (run.status.get(i)) {
                case Soak.EXECUTED -> {
                    executed++;
                    txs.add(run.outcomeTx.get(i));
                    outcomeNanos[outcomes++] = run.outcomeAt.get(i) - sub;
                    if (landed == 0) {
                        missing++;
                    } else if (landed == 1) {
                        exactlyOnce++;
                    }
                    if (landed > 0 && !run.landedTx.get(i).equals(run.outcomeTx.get(i))) {
                        wrongTransaction++;
                    }
                    if (run.seenInHead.get(i) == 0) {
                        notSeenInHead++;
                    } else {
                        long latency = run.seenAt.get(i) - sub;
                        Long produced = run.produced.get(run.seenBlock.get(i));
                        if (produced != null) {
                            chainNanos[timed] = produced - sub;
                            delayNanos[timed++] = run.seenAt.get(i) - produced;
                        }
                        inBlockNanos[seen++] = latency;
                        int p = stop == 0 || sub < stop ? 0 : start == 0 || sub < start ? 1 : 2;
                        phase[p][phaseCount[p]++] = latency;
                    }
                }
                case Soak.FAILED -> {
                    failed++;
                    if (landed > 0) {
                        failedLanded++;
                    }
                }
                case Soak.UNKNOWN -> {
                    unknown++;
                    if (landed == 1) {
                        unknownLanded++;
                    }
                }
                default -> noOutcome++;
            }
        }
        transactions = txs.size();
        maxScheduleLag = lag / 1e9;
        inBlock = Latency.of(inBlockNanos, seen);
        toOutcome = Latency.of(outcomeNanos, outcomes);
        streamDelay = Latency.of(delayNanos, timed);
        chainSide = Latency.of(chainNanos, timed);
        int seconds = (int) Math.ceil(runSeconds) + 1;
        int[] secondOf = new int[n];
        int[] bySecondCount = new int[seconds];
        for (int i = 0; i < n; i++) {
            secondOf[i] = -1;
            if (run.status.get(i) == Soak.EXECUTED && run.seenInHead.get(i) > 0 && run.submitted.get(i) != 0) {
                long sec = (run.submitted.get(i) - runStart) / 1_000_000_000L;
                secondOf[i] = (int) Math.min(seconds - 1, Math.max(0, sec));
                bySecondCount[secondOf[i]]++;
            }
        }
        long[][] bySecond = new long[seconds][];
        for (int sec = 0; sec < seconds; sec++) {
            bySecond[sec] = new long[bySecondCount[sec]];
            bySecondCount[sec] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (secondOf[i] >= 0) {
                bySecond[secondOf[i]][bySecondCount[secondOf[i]]++] = run.seenAt.get(i) - run.submitted.get(i);
            }
        }
        for (int sec = 0; sec < seconds; sec++) {
            perSecond.add(Latency.of(bySecond[sec], bySecondCount[sec]));
        }
        phases.put("before the stop", Latency.of(phase[0], phaseCount[0]));
        phases.put("while endpoint " + o.stopEndpoint() + " was stopped", Latency.of(phase[1], phaseCount[1]));
        phases.put("after the restart", Latency.of(phase[2], phaseCount[2]));
    }

    private void check(boolean botHung, Throwable irreversibleError) {
        if (botHung) {
            problems.add("transactAll hung: it had not completed " + (o.duration().plus(Soak.GRACE)).toSeconds()
                    + " s after the start");
        }
        if (run.botError.get() != null) {
            problems.add("transactAll ended with an error: " + run.botError.get());
        }
        if (submitted != run.total) {
            problems.add("the bot handed " + submitted + " of " + run.total + " actions to transactAll");
        }
        if (noOutcome > 0) {
            problems.add(noOutcome + " actions got no outcome");
        }
        if (failed > 0) {
            problems.add(failed + " actions FAILED: " + errorKinds);
        }
        if (duplicates > 0) {
            problems.add(duplicates + " actions landed more than once");
        }
        if (missing > 0) {
            problems.add(missing + " EXECUTED actions are not in the irreversible blocks " + firstBlock + ".." + lib);
        }
        if (failedLanded > 0) {
            problems.add(failedLanded + " FAILED actions landed on chain");
        }
        if (wrongTransaction > 0) {
            problems.add(wrongTransaction + " actions landed in another transaction than their outcome names");
        }
        if (run.headError.get() != null) {
            problems.add("the head stream ended with an error: " + run.headError.get());
        }
        if (notSeenInHead > 0) {
            problems.add(notSeenInHead + " EXECUTED actions were never seen by the head stream ("
                    + Soak.HEAD_STREAM_GRACE.toSeconds() + " s after the run)");
        }
        if (seenTwiceInHead > 0) {
            problems.add(seenTwiceInHead + " actions were seen twice by the head stream");
        }
        if (irreversibleError != null) {
            problems.add("the irreversible stream failed: " + irreversibleError);
        }
        if (lib < lastBlock + 1) {
            problems.add("the last irreversible block " + lib + " did not pass the run's last block " + lastBlock);
        }
        if (run.stoppedAt.get() == 0 || run.startedAt.get() == 0) {
            problems.add("endpoint " + o.stopEndpoint() + " was not stopped and started again as planned"
                    + (run.stopError.get() != null ? ": " + run.stopError.get() : ""));
        }
        problems.addAll(run.notes);
    }

    List<String> problems() {
        return problems;
    }

    double throughput() {
        return runSeconds > 0 ? exactlyOnce / runSeconds : 0;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "soak: %s, %d cores; load average %.1f at the start of the run, %.1f on"
                + " average, %.1f at most, %.1f at the end of the checks%n", when, cores, loadStart, loadMean, loadMax,
                loadAverage));
        for (String[] row : rows()) {
            sb.append(String.format(Locale.ROOT, "  %-64s %s%n", row[0], row[1]));
        }
        if (!errorKinds.isEmpty()) {
            sb.append("  errors:\n");
            errorKinds.forEach((k, v) -> sb.append("    ").append(v).append(" x ").append(k).append('\n'));
        }
        sb.append(problems.isEmpty() ? "soak: PASS\n" : "soak: FAIL\n");
        for (String p : problems) {
            sb.append("  - ").append(p).append('\n');
        }
        return sb.toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"actions submitted (offered rate)", count(submitted) + " (" + o.rate() + "/s)"});
        rows.add(new String[] {"executed / failed / unknown / no outcome",
                count(executed) + " / " + count(failed) + " / " + count(unknown) + " / " + count(noOutcome)});
        rows.add(new String[] {"transactions that carried them (signed in all)",
                count(transactions) + " (" + count(run.signed.get()) + ")"});
        rows.add(new String[] {"throughput, actions landed per second over the run",
                String.format(Locale.ROOT, "%.1f/s (%s s)", throughput(), fmt(runSeconds))});
        rows.add(new String[] {"bot behind its schedule, at most", fmt(maxScheduleLag) + " s"});
        rows.add(new String[] {"latency to IN_BLOCK, p50 / p99 / max", inBlock.text()});
        rows.add(new String[] {"  split: submit to the block's production (in the JVM)", chainSide.text()});
        rows.add(new String[] {"  split: the block's production to the head stream", streamDelay.text()});
        for (Map.Entry<String, Latency> e : phases.entrySet()) {
            rows.add(new String[] {"  submitted " + e.getKey() + " (" + count(e.getValue().count()) + ")",
                    e.getValue().text()});
        }
        rows.add(new String[] {"latency to the EXECUTED outcome, p50 / p99 / max", toOutcome.text()});
        rows.add(new String[] {"endpoint " + o.stopEndpoint() + " stopped at / started again at (asked at)",
                fmt(stoppedAt) + " s / " + fmt(startedAt) + " s (" + fmt(stopAskedAt) + " s / " + fmt(startAskedAt)
                        + " s)"});
        rows.add(new String[] {"restarted endpoint's head block, asked on its own after the run",
                run.restartedHead.get() == 0 ? "n/a" : String.valueOf(run.restartedHead.get())});
        rows.add(new String[] {"client failovers / retries",
                String.format(Locale.ROOT, "%.0f / %.0f", meters.get("failovers"), meters.get("retries"))});
        rows.add(new String[] {"heap used before / after / devnet and client closed (after GC)",
                mib(heapBefore) + " / " + mib(heapAfter) + " / " + mib(heapClosed)});
        rows.add(new String[] {"irreversible blocks checked", firstBlock + ".." + lib + " (scanned in "
                + fmt(irreversibleScanSeconds) + " s)"});
        rows.add(new String[] {"executed and landed exactly once", count(exactlyOnce) + " of " + count(executed)});
        rows.add(new String[] {"duplicates / missing", count(duplicates) + " / " + count(missing)});
        rows.add(new String[] {"unknown that landed (at most once each)", count(unknownLanded) + " of "
                + count(unknown)});
        rows.add(new String[] {"whole run, start to end of checks", fmt(wallSeconds) + " s"});
        return rows;
    }

    private static String fmt(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static String ms(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%,.0f ms", seconds * 1000);
    }

    private static Double nullIfNaN(double d) {
        return Double.isNaN(d) ? null : d;
    }

    void writeJson(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", when);
        m.put("cores", cores);
        m.put("loadAverage", loadAverage);
        m.put("loadAverageRunStart", nullIfNaN(loadStart));
        m.put("loadAverageRunMean", nullIfNaN(loadMean));
        m.put("loadAverageRunMax", nullIfNaN(loadMax));
        m.put("durationSeconds", o.duration().toMillis() / 1000.0);
        m.put("rate", o.rate());
        m.put("senders", o.senders());
        m.put("maxActions", o.maxActions());
        m.put("maxWaitMillis", o.maxWait().toMillis());
        m.put("concurrency", o.concurrency());
        m.put("stoppedEndpoint", o.stopEndpoint());
        m.put("stopAskedAtSeconds", nullIfNaN(stopAskedAt));
        m.put("stoppedAtSeconds", nullIfNaN(stoppedAt));
        m.put("startAskedAtSeconds", nullIfNaN(startAskedAt));
        m.put("startedAtSeconds", nullIfNaN(startedAt));
        m.put("restartedEndpointHead", run.restartedHead.get());
        m.put("submitted", submitted);
        m.put("executed", executed);
        m.put("failed", failed);
        m.put("unknown", unknown);
        m.put("noOutcome", noOutcome);
        m.put("transactions", transactions);
        m.put("transactionsSigned", run.signed.get());
        m.put("runSeconds", runSeconds);
        m.put("throughput", throughput());
        m.put("maxScheduleLagSeconds", maxScheduleLag);
        m.put("latencyInBlock", inBlock.json());
        Map<String, Object> ph = new LinkedHashMap<>();
        phases.forEach((k, v) -> ph.put(k, v.json()));
        m.put("latencyInBlockByPhase", ph);
        m.put("latencyInBlockPerSecond", perSecond.stream().map(Latency::json).toList());
        m.put("latencyToOutcome", toOutcome.json());
        m.put("submitToBlockProduced", chainSide.json());
        m.put("blockProducedToHeadStream", streamDelay.json());
        m.put("failovers", meters.get("failovers"));
        m.put("retries", meters.get("retries"));
        m.put("heapUsedBefore", heapBefore);
        m.put("heapUsedAfter", heapAfter);
        m.put("heapUsedAfterClose", heapClosed);
        m.put("firstBlock", firstBlock);
        m.put("lastBlock", lastBlock);
        m.put("lastIrreversibleBlock", lib);
        m.put("exactlyOnce", exactlyOnce);
        m.put("duplicates", duplicates);
        m.put("missing", missing);
        m.put("failedLanded", failedLanded);
        m.put("unknownLanded", unknownLanded);
        m.put("wrongTransaction", wrongTransaction);
        m.put("notSeenInHead", notSeenInHead);
        m.put("seenTwiceInHead", seenTwiceInHead);
        m.put("errors", errorKinds);
        m.put("wallSeconds", wallSeconds);
        m.put("pass", problems.isEmpty());
        m.put("problems", problems);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    String markdown() {
        String command = o.command() != null ? o.command()
                : "java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.Soak --duration "
                        + o.duration().toSeconds() + "s --rate " + o.rate();
        StringBuilder sb = new StringBuilder();
        sb.append(START).append('\n');
        sb.append(wrap(String.format(Locale.ROOT, "Measured %s on this machine (%d cores; 1-minute load average"
                        + " %.1f at the start of the run, %.1f on average during it, %.1f at most, the run's own"
                        + " threads included; Java %s) with `%s`: %s s at %d token transfers per second offered"
                        + " (after a %s s warm-up), from %d sender accounts, each through its own"
                        + " `Session.transactAll` (up to %d actions per transaction, %d ms window, %d transactions in"
                        + " flight per sender), to a devnet in the same JVM that serves one chain on two endpoints"
                        + " (500 ms blocks, one event-loop thread), through one `ChainClient` on both endpoints."
                        + " Endpoint %d, the one the client used first, was stopped %s s into the run and started"
                        + " again at %s s%s",
                when, cores, loadStart, loadMean, loadMax, System.getProperty("java.version"), command,
                fmt(o.duration().toMillis() / 1000.0), o.rate(), fmt(o.warmUp().toMillis() / 1000.0), o.senders(),
                o.maxActions(), o.maxWait().toMillis(), o.concurrency(), o.stopEndpoint(), fmt(stoppedAt),
                fmt(startedAt), problems.isEmpty()
                        ? "; the bot, the head stream and the client rode through it."
                        : "; see the result row for what broke."), 100)).append("\n\n");
        sb.append("| figure | value |\n| --- | ---: |\n");
        sb.append("| actions submitted | ").append(count(submitted)).append(" |\n");
        sb.append("| executed / failed / unknown | ").append(count(executed)).append(" / ").append(count(failed))
                .append(" / ").append(count(unknown)).append(" |\n");
        sb.append("| transactions that carried them | ").append(count(transactions)).append(" |\n");
        sb.append("| bot behind its schedule, at most | ").append(ms(maxScheduleLag)).append(" |\n");
        sb.append(String.format(Locale.ROOT, "| throughput (actions landed per second over %s s) | %.1f |%n",
                fmt(runSeconds), throughput()));
        sb.append("| latency to IN_BLOCK, p50 / p99 / max | ").append(msRow(inBlock)).append(" |\n");
        sb.append("| &nbsp;&nbsp;split: submit to the block's production | ").append(msRow(chainSide))
                .append(" |\n");
        sb.append("| &nbsp;&nbsp;split: the block's production to the head stream | ").append(msRow(streamDelay))
                .append(" |\n");
        for (Map.Entry<String, Latency> e : phases.entrySet()) {
            sb.append("| &nbsp;&nbsp;of the actions submitted ").append(e.getKey()).append(" (")
                    .append(count(e.getValue().count())).append(") | ").append(msRow(e.getValue())).append(" |\n");
        }
        sb.append("| latency to the EXECUTED outcome, p50 / p99 / max | ").append(msRow(toOutcome)).append(" |\n");
        sb.append(String.format(Locale.ROOT, "| client failovers / retries | %.0f / %.0f |%n", meters.get("failovers"),
                meters.get("retries")));
        sb.append("| heap used before / after / after closing the devnet and the client (after `System.gc()`) | ")
                .append(mib(heapBefore)).append(" / ").append(mib(heapAfter)).append(" / ").append(mib(heapClosed))
                .append(" |\n");
        sb.append("| landed exactly once (irreversible blocks ").append(firstBlock).append("..").append(lib)
                .append(") | ").append(count(exactlyOnce)).append(" of ").append(count(executed)).append(" |\n");
        sb.append("| duplicates / missing | ").append(count(duplicates)).append(" / ").append(count(missing))
                .append(" |\n");
        sb.append("| result | ").append(problems.isEmpty() ? "pass" : "**fail**: " + String.join("; ", problems))
                .append(" |\n\n");
        sb.append(wrap("""
                Latency to IN_BLOCK is the time from the bot handing an action to `transactAll` to a
                `BlockStream` following the head (polling `get_info` every %d ms when caught up) first
                seeing the block that holds it. The two split rows cut it where the block was produced, as
                seen in the same JVM by asking the devnet for its head every 2 ms: before, the batch window,
                signing, the HTTP exchange and the wait for the next block (up to 500 ms); after, the head
                stream's `get_info` and `get_block` (a split's percentiles do not add up to the whole's). The
                devnet answers every request, transactions and reads, on one event-loop thread, and shares
                the two cores with the client, so a busy machine shows up first in the head stream's delay.
                After the run a `BlockStream` of the irreversible blocks reads every block from the run's
                first to past its last and counts each soak memo: an EXECUTED action must be there exactly
                once and in the transaction its outcome names, a FAILED one never, an UNKNOWN one at most
                once. The heap after the run includes the run's blocks, which the devnet in the same JVM
                keeps (an hour of them); the last figure is taken once the devnet and the client are closed,
                with only the harness's per-action records (about 100 bytes per action) left. Re-run with
                `bash benchmarks/soak.sh [seconds] [rate]`; it replaces this section.
                """.formatted(o.pollInterval().toMillis()).strip().replace('\n', ' '), 100)).append('\n');
        sb.append(END);
        return sb.toString();
    }

    /** {@code text} broken into lines of at most {@code width} characters, at spaces outside code spans. */
    static String wrap(String text, int width) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inCode = false;
        for (String word : text.split(" ")) {
            if (token.length() > 0) {
                token.append(' ');
            }
            token.append(word);
            inCode ^= word.chars().filter(c -> c == '`').count() % 2 == 1;
            if (!inCode) {
                tokens.add(token.toString());
                token.setLength(0);
            }
        }
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String t : tokens) {
            if (out.length() > lineStart && out.length() - lineStart + 1 + t.length() > width) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(t);
        }
        return out.toString();
    }

    private static String msRow(Latency l) {
        return l.count() == 0 ? "n/a" : ms(l.p50()) + " / " + ms(l.p99()) + " / " + ms(l.max());
    }

    void writeMarkdown(Path file) {
        try {
            String doc = Files.readString(file, StandardCharsets.UTF_8);
            String section = markdown();
            int s = doc.indexOf(START);
            int e = doc.indexOf(END);
            if (s >= 0 && e > s) {
                doc = doc.substring(0, s) + section + doc.substring(e + END.length());
            } else {
                doc = doc.stripTrailing() + "\n\n" + HEADING + "\n\n" + section + "\n";
            }
            Files.writeString(file, doc, StandardCharsets.UTF_8);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot update " + file, x);
        }
    }
}
