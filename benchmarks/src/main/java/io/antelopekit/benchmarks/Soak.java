package io.antelopekit.benchmarks;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.session.BatchOptions;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The load and soak run: a bot sends token transfers at a set rate for a set time through
 * {@code Session.transactAll}, against an embedded devnet that serves one chain on two endpoints,
 * while endpoint 0 is stopped and started again; a {@link BlockStream} following the head records
 * when each transfer is first seen in a block, and after the run a stream of the irreversible
 * blocks counts every transfer on chain, to check that each executed action landed exactly once.
 * A plain {@code main}, not JMH: the unit is the whole run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.Soak \
 *     [--duration 60s] [--rate 1000] [--warm-up 10s] [--stop-at 20s] [--start-at 40s] [--senders 4] \
 *     [--json FILE] [--markdown docs/performance.md]
 * </pre>
 *
 * <p>Exit status 0 when every action was executed and landed exactly once, the streams rode
 * through the restart and nothing hung; 1 otherwise (the report says what broke); 2 for bad
 * arguments.
 */
public final class Soak {

    static final Name TOKEN = Name.from("eosio.token");
    static final List<String> ACCOUNTS = List.of("alice", "bob", "carol", "dave");
    /** The bot's pacing tick. */
    static final Duration TICK = Duration.ofMillis(10);
    /** How long the streams and the bot may take beyond the run before the harness calls it a hang. */
    static final Duration GRACE = Duration.ofSeconds(120);
    /** How long after the run the head stream may take to see every executed action (it returns as soon as it has). */
    static final Duration HEAD_STREAM_GRACE = Duration.ofSeconds(60);

    /** Outcome codes in {@link Run#status}. */
    static final int NONE = 0;
    static final int EXECUTED = 1;
    static final int FAILED = 2;
    static final int UNKNOWN = 3;

    private Soak() {
    }

    /** The command line. */
    record Options(Duration duration, int rate, Duration warmUp, Duration stopAt, Duration startAt, int senders,
            int stopEndpoint,
            int maxActions, Duration maxWait, int concurrency, Duration pollInterval, Path json, Path markdown,
            String command) {

        static final int DEFAULT_RATE = 1000;

        static Options parse(String[] args) {
            Duration duration = Duration.ofSeconds(60);
            int rate = DEFAULT_RATE;
            Duration warmUp = Duration.ofSeconds(10);
            Duration stopAt = null;
            Duration startAt = null;
            int senders = 4;
            int stopEndpoint = 0;
            int maxActions = BatchOptions.DEFAULT_MAX_ACTIONS;
            Duration maxWait = BatchOptions.DEFAULT_MAX_WAIT;
            int concurrency = BatchOptions.DEFAULT_CONCURRENCY;
            Duration poll = Duration.ofMillis(50);
            Path json = null;
            Path markdown = null;
            String command = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--duration" -> duration = duration(v, a);
                    case "--rate" -> rate = positive(v, a);
                    case "--warm-up" -> warmUp = duration(v, a);
                    case "--stop-at" -> stopAt = duration(v, a);
                    case "--start-at" -> startAt = duration(v, a);
                    case "--senders" -> senders = positive(v, a);
                    case "--stop-endpoint" -> stopEndpoint = Integer.parseInt(v);
                    case "--max-actions" -> maxActions = positive(v, a);
                    case "--max-wait" -> maxWait = duration(v, a);
                    case "--concurrency" -> concurrency = positive(v, a);
                    case "--poll" -> poll = duration(v, a);
                    case "--json" -> json = Path.of(v);
                    case "--markdown" -> markdown = Path.of(v);
                    case "--command" -> command = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (duration.compareTo(Duration.ofSeconds(3)) < 0) {
                throw new IllegalArgumentException("--duration must be at least 3s: " + duration);
            }
            if (stopAt == null) {
                stopAt = duration.dividedBy(3);
            }
            if (startAt == null) {
                startAt = duration.multipliedBy(2).dividedBy(3);
            }
            if (startAt.compareTo(stopAt) <= 0 || startAt.compareTo(duration) > 0) {
                throw new IllegalArgumentException("need --stop-at < --start-at <= --duration: " + stopAt + ", "
                        + startAt + ", " + duration);
            }
            if (senders > ACCOUNTS.size()) {
                throw new IllegalArgumentException("--senders must be 1.." + ACCOUNTS.size() + ": " + senders);
            }
            if (stopEndpoint < 0 || stopEndpoint > 1) {
                throw new IllegalArgumentException("--stop-endpoint must be 0 or 1: " + stopEndpoint);
            }
            return new Options(duration, rate, warmUp, stopAt, startAt, senders, stopEndpoint, maxActions, maxWait,
                    concurrency, poll, json, markdown, command);
        }

        long total() {
            return (long) Math.floor(rate * (duration.toMillis() / 1000.0));
        }

        private static Duration duration(String v, String option) {
            String s = v.trim().toLowerCase(Locale.ROOT);
            try {
                if (s.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
                }
                if (s.endsWith("s")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
                }
                if (s.endsWith("m")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000));
                }
                return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a duration such as 60s, 1.5m or 500ms: " + v);
            }
        }

        private static int positive(String v, String option) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new IllegalArgumentException(option + " must be positive: " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number: " + v);
            }
        }
    }

    /** What the run recorded, per action (indexed by sequence number) and overall. */
    static final class Run {
        final Options options;
        final long total;
        final String prefix;
        final AtomicLongArray submitted;
        final AtomicLongArray scheduleLag;
        final AtomicLongArray outcomeAt;
        final AtomicIntegerArray status;
        final AtomicLongArray outcomeBlock;
        final AtomicReferenceArrayOf<Checksum256> outcomeTx;
        final AtomicReferenceArrayOf<String> errors;
        final AtomicLongArray seenAt;
        /** The block the head stream saw each action in. */
        final AtomicLongArray seenBlock;
        /** When each block was produced, as seen in the JVM by polling the devnet every 2 ms (nanoTime). */
        final ConcurrentHashMap<Long, Long> produced = new ConcurrentHashMap<>();
        final AtomicLong submittedCount = new AtomicLong();
        final AtomicLong outcomeCount = new AtomicLong();
        final AtomicLong seenCount = new AtomicLong();
        final AtomicLong lastSeenBlock = new AtomicLong();
        /** The latest block in which the head stream read a token transfer (any, warm-up ones too). */
        final AtomicLong streamBlock = new AtomicLong();
        final AtomicIntegerArray seenInHead;
        final AtomicIntegerArray landed;
        final AtomicReferenceArrayOf<Checksum256> landedTx;
        final AtomicInteger signed = new AtomicInteger();
        final AtomicLong runStart = new AtomicLong();
        final AtomicLong stopAskedAt = new AtomicLong();
        final AtomicLong stoppedAt = new AtomicLong();
        final AtomicLong startAskedAt = new AtomicLong();
        final AtomicLong startedAt = new AtomicLong();
        /** The head block the restarted endpoint gave, asked on its own after the run. */
        final AtomicLong restartedHead = new AtomicLong();
        final AtomicReference<Throwable> headError = new AtomicReference<>();
        final AtomicReference<Throwable> botError = new AtomicReference<>();
        final AtomicReference<String> stopError = new AtomicReference<>();
        final List<String> notes = new ArrayList<>();
        /** The system's 1-minute load average at the start, every 5 s and at the end of the run. */
        final List<Double> loadAverages = java.util.Collections.synchronizedList(new ArrayList<>());

        Run(Options options) {
            this.options = options;
            this.total = options.total();
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many actions for one run: " + total);
            }
            int n = (int) total;
            this.prefix = "soak-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
            submitted = new AtomicLongArray(n);
            scheduleLag = new AtomicLongArray(n);
            outcomeAt = new AtomicLongArray(n);
            status = new AtomicIntegerArray(n);
            outcomeBlock = new AtomicLongArray(n);
            outcomeTx = new AtomicReferenceArrayOf<>(n);
            errors = new AtomicReferenceArrayOf<>(n);
            seenAt = new AtomicLongArray(n);
            seenBlock = new AtomicLongArray(n);
            seenInHead = new AtomicIntegerArray(n);
            landed = new AtomicIntegerArray(n);
            landedTx = new AtomicReferenceArrayOf<>(n);
        }

        /** The sequence number of a soak memo of this run, or -1. */
        int seq(String memo) {
            if (memo == null || !memo.startsWith(prefix)) {
                return -1;
            }
            try {
                long s = Long.parseLong(memo, prefix.length(), memo.length(), 10);
                return s >= 0 && s < total ? (int) s : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** A typed {@link java.util.concurrent.atomic.AtomicReferenceArray}. */
    static final class AtomicReferenceArrayOf<T> extends java.util.concurrent.atomic.AtomicReferenceArray<T> {
        private static final long serialVersionUID = 1L;

        AtomicReferenceArrayOf(int n) {
            super(n);
        }
    }

    /** Counts the transactions signed (each batch, and each half of a refused batch). */
    static final class SignedCounter implements TransactPlugin {
        private final AtomicInteger signed;

        SignedCounter(AtomicInteger signed) {
            this.signed = signed;
        }

        @Override
        public String id() {
            return "soak.signed-counter";
        }

        @Override
        public Mono<Void> afterSign(SignedTransaction transaction, TransactContext context) {
            return Mono.fromRunnable(signed::incrementAndGet);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("soak: " + e.getMessage());
            }
            System.err.println("usage: Soak [--duration 60s] [--rate " + Options.DEFAULT_RATE + "] [--stop-at D]"
                    + " [--start-at D] [--warm-up 10s] [--senders 1..4] [--stop-endpoint 0|1] [--max-actions N]"
                    + " [--max-wait D]"
                    + " [--concurrency N] [--poll D] [--json FILE] [--markdown FILE]");
            System.exit(2);
            return;
        }
        int code;
        SoakReport report = run(options);
        // what is left once the devnet (which keeps the run's blocks) and the client are gone: the
        // harness's own per-action records and whatever the SDK did not let go of; measured here,
        // out of run()'s frame, whose dead locals may still hold the devnet, after the event-loop
        // threads' quiet period of 2 s
        Thread.sleep(3000);
        report.heapClosed = usedHeapAfterGc();
        System.out.println(report.text());
        if (options.json() != null) {
            report.writeJson(options.json());
        }
        if (options.markdown() != null) {
            report.writeMarkdown(options.markdown());
            System.out.println("soak: wrote the figures into " + options.markdown());
        }
        code = report.problems().isEmpty() ? 0 : 1;
        System.exit(code);
    }

    static SoakReport run(Options o) throws InterruptedException {
        Run run = new Run(o);
        long wallStart = System.nanoTime();
        System.out.printf(Locale.ROOT, "soak: %d actions at %d/s over %s from %d senders; endpoint %d stopped at %s,"
                        + " started again at %s%n", run.total, o.rate(), o.duration(), o.senders(), o.stopEndpoint(),
                o.stopAt(), o.startAt());
        SoakReport report;
        try (Devnet devnet = Devnet.builder().endpoints(2).blockInterval(Duration.ofMillis(500)).ioThreads(1).start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ChainClient client = ChainClient.builder().endpoints(devnet.urls().toArray(String[]::new))
                    .meterRegistry(registry).build();
            try {
                report = drive(o, run, devnet, client, registry, wallStart);
            } finally {
                client.dispose();
            }
        }
        return report;
    }

    private static SoakReport drive(Options o, Run run, Devnet devnet, ChainClient client,
            SimpleMeterRegistry registry, long wallStart) throws InterruptedException {
        Abi tokenAbi = client.abi(TOKEN).block(Duration.ofSeconds(60));
        ChainDefinition chain = ChainDefinition.of(devnet.chainId(), devnet.urls().toArray(String[]::new));
        List<Session> sessions = new ArrayList<>();
        for (int j = 0; j < o.senders(); j++) {
            String account = ACCOUNTS.get(j);
            sessions.add(Session.builder().chain(chain).client(client).actor(account).permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey()))
                    .transactPlugins(new SignedCounter(run.signed)).build());
        }
        BatchOptions batch = BatchOptions.builder().maxActions(o.maxActions()).maxWait(o.maxWait())
                .concurrency(o.concurrency()).ordered(false).build();

        // when each block is produced, in this JVM (no HTTP): the chain's side of the latency
        Disposable blocks = Flux.interval(Duration.ofMillis(2)).onBackpressureDrop()
                .concatMap(t -> devnet.headBlockNum(), 1)
                .subscribe(h -> run.produced.putIfAbsent(h, System.nanoTime()));

        // the event stream: every soak transfer as the head block holding it is seen; it starts
        // before the warm-up, whose transfers it reads and filters out, so that it is warm too
        long streamFrom = devnet.headBlockNum().block(Duration.ofSeconds(30)) + 1;
        ActionFilter soakTransfers = ActionFilter.all().contract(TOKEN).action("transfer")
                .where(e -> run.seq(e.data().path("memo").asText(null)) >= 0);
        Disposable head = BlockStream.builder(client).follow(Follow.HEAD).from(streamFrom)
                .pollInterval(o.pollInterval()).build().actions(ActionFilter.all().contract(TOKEN).action("transfer")
                        .where(e -> {
                            run.streamBlock.accumulateAndGet(e.blockNum(), Math::max);
                            return run.seq(e.data().path("memo").asText(null)) >= 0;
                        }))
                .subscribe(e -> seenInHead(run, e), run.headError::set);

        long warmBlock = warmUp(sessions, tokenAbi, batch, o);
        awaitStream(run, warmBlock, Duration.ofSeconds(60));
        run.signed.set(0);
        long heapBefore = usedHeapAfterGc();
        long firstBlock = devnet.headBlockNum().block(Duration.ofSeconds(30)) + 1;

        run.runStart.set(System.nanoTime());
        long runStart = run.runStart.get();
        Duration every = Duration.ofMillis(Long.getLong("soak.progressMillis", 5000));
        run.loadAverages.add(loadAverage());
        Disposable load = Flux.interval(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .subscribe(t -> run.loadAverages.add(loadAverage()));
        Disposable progress = Flux.interval(every, every)
                .flatMap(t -> devnet.headBlockNum())
                .subscribe(h -> System.out.printf(Locale.ROOT, "soak: %5.1f s  head %d, head stream at block %d;"
                                + " handed %d, outcomes %d, seen in a block %d; load average %.1f%n",
                        (System.nanoTime() - runStart) / 1e9, h, run.lastSeenBlock.get(), run.submittedCount.get(),
                        run.outcomeCount.get(), run.seenCount.get(), loadAverage()));
        Disposable stop = Mono.delay(o.stopAt())
                .then(Mono.defer(() -> {
                    run.stopAskedAt.set(System.nanoTime());
                    return devnet.stopEndpoint(o.stopEndpoint());
                }))
                .doOnSuccess(x -> run.stoppedAt.set(System.nanoTime()))
                .then(Mono.defer(() -> Mono.delay(Duration.ofNanos(Math.max(0,
                        runStart + o.startAt().toNanos() - System.nanoTime())))))
                .then(Mono.defer(() -> {
                    run.startAskedAt.set(System.nanoTime());
                    return devnet.startEndpoint(o.stopEndpoint());
                }))
                .doOnSuccess(x -> run.startedAt.set(System.nanoTime()))
                .subscribe(x -> { }, e -> run.stopError.set(e.toString()));

        List<Flux<ActionOutcome>> bots = new ArrayList<>();
        for (int j = 0; j < o.senders(); j++) {
            int sender = j;
            bots.add(sessions.get(j).transactAll(paced(run, sender, tokenAbi, runStart), batch)
                    .doOnNext(out -> outcome(run, sender, out)));
        }
        Duration limit = o.duration().plus(GRACE);
        boolean botHung = false;
        try {
            Flux.merge(bots).then().block(limit);
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Timeout on blocking read")) {
                botHung = true;
                run.notes.add("transactAll had not completed " + limit.toSeconds() + " s after the start");
            } else {
                run.botError.set(e);
            }
        }
        long runEnd = System.nanoTime();
        load.dispose();
        run.loadAverages.add(loadAverage());
        // the endpoint must be back before the checks (a short run may end before the restart)
        awaitRestart(run, stop, o);

        restartedEndpointAnswers(run, devnet, o);
        // every executed action should be seen by the head stream within a few blocks
        awaitHeadStream(run, HEAD_STREAM_GRACE);
        head.dispose();
        progress.dispose();
        blocks.dispose();

        long lastBlock = Math.max(devnet.headBlockNum().block(Duration.ofSeconds(30)), maxOutcomeBlock(run));
        long lib = awaitIrreversible(client, lastBlock + 1, Duration.ofSeconds(60));
        long irrStart = System.nanoTime();
        Throwable irrError = null;
        try {
            BlockStream.builder(client).follow(Follow.IRREVERSIBLE).from(firstBlock).until(lib).prefetch(16).build()
                    .actions(soakTransfers).doOnNext(e -> landed(run, e)).then().block(GRACE);
        } catch (RuntimeException e) {
            irrError = e;
        }
        double irrSeconds = (System.nanoTime() - irrStart) / 1e9;

        long heapAfter = usedHeapAfterGc();
        Map<String, Double> meters = new LinkedHashMap<>();
        meters.put("failovers", sum(registry, "antelopekit.chain.client.failovers"));
        meters.put("retries", sum(registry, "antelopekit.chain.client.retries"));
        return new SoakReport(o, run, firstBlock, lastBlock, lib, runStart, runEnd, heapBefore, heapAfter, meters,
                botHung, irrError, irrSeconds, (System.nanoTime() - wallStart) / 1e9);
    }

    /**
     * The numbers {@code 0..count-1}, number {@code k} released no earlier than
     * {@code start + k / perNano} (checked every {@link #TICK}); after a stall (downstream
     * backpressure) the ones due are released at once, so the schedule is caught up with.
     */
    static Flux<Long> schedule(long count, double perNano, long start) {
        return Flux.defer(() -> {
            long[] made = {0};
            return Flux.interval(Duration.ZERO, TICK)
                    .onBackpressureBuffer()
                    .concatMapIterable(tick -> {
                        long due = Math.min(count, (long) Math.floor((System.nanoTime() - start) * perNano) + 1);
                        List<Long> out = new ArrayList<>((int) Math.max(0, due - made[0]));
                        for (; made[0] < due; made[0]++) {
                            out.add(made[0]);
                        }
                        return out;
                    }, 1)
                    .take(count);
        });
    }

    /** A transfer of the smallest amount from a sender to the next account. */
    static Action transfer(int sender, String memo, Abi tokenAbi) {
        String from = ACCOUNTS.get(sender);
        Map<String, Object> data = new LinkedHashMap<>(8);
        data.put("from", from);
        data.put("to", ACCOUNTS.get((sender + 1) % ACCOUNTS.size()));
        data.put("quantity", "0.0001 EOS");
        data.put("memo", memo);
        return Action.of(TOKEN, "transfer", PermissionLevel.from(from + "@active"), data, tokenAbi);
    }

    /** One sender's share of the actions (sequence numbers {@code k * senders + sender}) at its share of the rate. */
    static Flux<Action> paced(Run run, int sender, Abi tokenAbi, long runStart) {
        int senders = run.options.senders();
        long mine = run.total / senders + (sender < run.total % senders ? 1 : 0);
        double perNano = run.options.rate() / 1e9 / senders;
        return schedule(mine, perNano, runStart)
                .map(k -> transfer(sender, run.prefix + (k * senders + sender), tokenAbi))
                // the time the bot hands each action to transactAll (the k-th of this sender's actions)
                .index()
                .map(t -> {
                    long k = t.getT1();
                    int seq = (int) (k * senders + sender);
                    long now = System.nanoTime();
                    run.submitted.set(seq, now);
                    run.scheduleLag.set(seq, Math.max(0, now - (runStart + (long) (k / perNano))));
                    run.submittedCount.incrementAndGet();
                    return t.getT2();
                });
    }

    private static void outcome(Run run, int sender, ActionOutcome out) {
        int seq = (int) (out.index() * run.options.senders() + sender);
        run.outcomeAt.set(seq, System.nanoTime());
        run.outcomeCount.incrementAndGet();
        run.outcomeBlock.set(seq, out.blockNum());
        run.outcomeTx.set(seq, out.transactionId());
        run.status.set(seq, switch (out.status()) {
            case EXECUTED -> EXECUTED;
            case FAILED -> FAILED;
            case UNKNOWN -> UNKNOWN;
        });
        if (out.error() != null) {
            run.errors.set(seq, out.error().getClass().getSimpleName() + ": " + out.error().getMessage());
        }
    }

    private static void seenInHead(Run run, ActionEvent e) {
        int seq = run.seq(e.data().path("memo").asText(null));
        if (run.seenInHead.getAndIncrement(seq) == 0) {
            run.seenAt.set(seq, System.nanoTime());
            run.seenBlock.set(seq, e.blockNum());
            run.seenCount.incrementAndGet();
            run.lastSeenBlock.set(e.blockNum());
        }
    }

    private static void landed(Run run, ActionEvent e) {
        int seq = run.seq(e.data().path("memo").asText(null));
        if (run.landed.getAndIncrement(seq) == 0) {
            run.landedTx.set(seq, e.transactionId());
        }
    }

    /** Waits until the head stream has read the warm-up's last block, so that the run starts with it caught up. */
    private static void awaitStream(Run run, long block, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        while (run.streamBlock.get() < block && System.nanoTime() - t0 < timeout.toNanos()
                && run.headError.get() == null) {
            Thread.sleep(50);
        }
        System.out.printf(Locale.ROOT, "soak: the head stream read the warm-up's last block %d %.1f s after it%n",
                block, (System.nanoTime() - t0) / 1e9);
    }

    /** The bot at the run's rate for a while, with memos the streams ignore; returns the last block it used. */
    private static long warmUp(List<Session> sessions, Abi tokenAbi, BatchOptions batch, Options o) {
        long t0 = System.nanoTime();
        int senders = sessions.size();
        long each = Math.max(50, (long) (o.rate() * (o.warmUp().toMillis() / 1000.0)) / senders);
        double perNano = o.rate() / 1e9 / senders;
        List<Flux<ActionOutcome>> all = new ArrayList<>();
        for (int j = 0; j < senders; j++) {
            int sender = j;
            all.add(sessions.get(j).transactAll(schedule(each, perNano, t0)
                    .map(k -> transfer(sender, "warm-up " + k, tokenAbi)), batch));
        }
        List<ActionOutcome> outs = Flux.merge(all).collectList().block(o.warmUp().plus(GRACE));
        long ok = outs.stream().filter(ActionOutcome::isSuccess).count();
        System.out.printf(Locale.ROOT, "soak: warm-up, %d of %d transfers executed in %.1f s%n", ok,
                each * senders, (System.nanoTime() - t0) / 1e9);
        return outs.stream().mapToLong(ActionOutcome::blockNum).max().orElse(0);
    }

    private static void awaitRestart(Run run, Disposable stop, Options o) throws InterruptedException {
        long deadline = run.runStart.get() + o.startAt().toNanos() + Duration.ofSeconds(30).toNanos();
        while (run.startedAt.get() == 0 && run.stopError.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (run.startedAt.get() == 0) {
            stop.dispose();
            run.notes.add("the endpoint was not started again in time"
                    + (run.stopError.get() != null ? ": " + run.stopError.get() : ""));
        }
    }

    /**
     * The client stays on the endpoint it failed over to, so the restarted endpoint is asked
     * directly, by a client of its own, whether it serves the chain again.
     */
    private static void restartedEndpointAnswers(Run run, Devnet devnet, Options o) {
        if (run.startedAt.get() == 0) {
            return;
        }
        ChainClient alone = ChainClient.create(devnet.urls().get(o.stopEndpoint()));
        try {
            ChainInfo info = alone.getInfo().block(Duration.ofSeconds(30));
            run.restartedHead.set(info.headBlockNum());
        } catch (RuntimeException e) {
            run.notes.add("the restarted endpoint " + o.stopEndpoint() + " does not answer get_info: " + e);
        } finally {
            alone.dispose();
        }
    }

    private static void awaitHeadStream(Run run, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && run.headError.get() == null) {
            boolean all = true;
            for (int i = 0; i < run.total && all; i++) {
                all = run.status.get(i) != EXECUTED || run.seenInHead.get(i) > 0;
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static long awaitIrreversible(ChainClient client, long block, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ChainInfo info = client.getInfo().block(Duration.ofSeconds(30));
            if (info.lastIrreversibleBlockNum() >= block || System.nanoTime() > deadline) {
                return info.lastIrreversibleBlockNum();
            }
            Thread.sleep(250);
        }
    }

    private static long maxOutcomeBlock(Run run) {
        long max = 0;
        for (int i = 0; i < run.total; i++) {
            max = Math.max(max, run.outcomeBlock.get(i));
        }
        return max;
    }

    private static double sum(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
