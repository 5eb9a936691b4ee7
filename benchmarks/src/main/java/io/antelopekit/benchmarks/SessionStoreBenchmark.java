package io.antelopekit.benchmarks;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.redis.RedisSessionStorage;
import io.antelopekit.session.LoginOptions;
import io.antelopekit.session.RestoreArgs;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.StorageLayout;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;

/**
 * What a login, a restore and a logout cost through a {@link SessionKit} with 10, 1,000 and
 * 100,000 sessions already stored: the per-session layout ({@link StorageLayout#PER_SESSION}) on
 * each store named, and, for contrast, WharfKit's layout (one array of every session) at the sizes
 * it can bear. One operation at a time, on the calling thread, each timed alone; the figures are
 * the mean, the median and the 99th percentile in microseconds, and the ratios of the largest
 * size's to the smallest's. Memory: the heap used after a full GC beside the store (the in-memory store, or
 * anything kept in this JVM), or Redis's {@code used_memory}, each minus the same figure empty.
 *
 * <p>A login is of a user already stored (signing in again: the number of sessions stays as it
 * is), as its chain's default; a restore names the chain, actor and permission; a logout names the
 * session, and its user logs in again afterwards, untimed. Users rotate over every stored session.
 * Besides the wall-clock time of each operation, the CPU time of the operations divided by their
 * number: the calling thread's (where an in-memory store does all its work) plus, with Redis, the
 * server's; not the collector's, nor the Redis client's threads (work that does not grow with the
 * sessions stored). It is the figure that other load on the machine disturbs least.
 * Every case (store, layout, size) is filled first, then each is warmed up, then all are measured
 * in rounds that alternate between them, so that other load on the machine weighs on each alike.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.SessionStoreBenchmark
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.SessionStoreBenchmark \
 *     --stores memory,redis --sizes 10,1000,100000 --wharfkit-sizes 10,1000 --ops 3000 --warmup 2000 --rounds 3 [--ttl 30d]
 * </pre>
 *
 * <p><b>Stores.</b> {@code --stores} names factories: {@code memory}, {@code file} (one JSON file,
 * every change rewrites it: not for the large sizes), {@code redis} (a {@code redis-server} this
 * benchmark starts on a free port of 127.0.0.1, without persistence; skipped with a message when
 * the program is not installed), {@code mvstore} (the embedded local store of
 * {@code antelopekit-mvstore}, one file, each change forced to the disk), or the class name of a
 * {@link StoreFactory} on the class path.
 */
public final class SessionStoreBenchmark {

    /** Opens a store for one measurement; a benchmark case gets a new, empty one each. */
    public interface StoreFactory extends AutoCloseable {

        /** A new, empty store whose files (if any) go in {@code dir}. */
        ReactiveSessionStorage open(Path dir) throws Exception;

        /**
         * The memory the store holds outside this JVM's heap, in bytes, or -1 when it holds none
         * (then the heap is measured).
         */
        default long externalMemory() throws Exception {
            return -1;
        }

        /**
         * The CPU time the store has used outside this JVM so far, in µs (a server's), or -1 when
         * it runs in this JVM (whose process CPU time is measured anyway).
         */
        default long externalCpuMicros() throws Exception {
            return -1;
        }

        /** Closes {@code storage} once its case is measured. */
        default void close(ReactiveSessionStorage storage) throws Exception {
        }

        @Override
        default void close() throws Exception {
        }
    }

    static final ChainDefinition CHAIN = new ChainDefinition(
            Checksum256.hash("antelopekit session store benchmark".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:9"), "Bench", null, "4,EOS");
    static final String APP = "bench";

    record Result(String store, StorageLayout layout, int sessions, Map<String, double[]> ops,
            Map<String, Double> cpu, long memory, String memoryKind, long disk) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        List<String> stores = List.of(opts.getOrDefault("stores", "memory,redis").split(","));
        int[] sizes = ints(opts.getOrDefault("sizes", "10,1000,100000"));
        int[] wharfKitSizes = ints(opts.getOrDefault("wharfkit-sizes", "10,1000"));
        int ops = Integer.parseInt(opts.getOrDefault("ops", "3000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2000"));
        Duration ttl = opts.containsKey("ttl") ? parseDuration(opts.get("ttl")) : null;
        Path work = Files.createTempDirectory("session-store-bench");
        System.out.printf(Locale.ROOT, "SessionStoreBenchmark: stores %s, sizes %s (WharfKit %s), %d ops each after %d"
                        + " of warm-up, session ttl %s; Java %s, %d CPUs%n", stores, Arrays.toString(sizes),
                Arrays.toString(wharfKitSizes), ops, warmup, ttl == null ? "none" : ttl,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        List<Result> results = new ArrayList<>();
        for (String name : stores) {
            StoreFactory factory;
            try {
                factory = factory(name.trim(), work);
            } catch (Skipped e) {
                System.out.println("SKIPPED " + name + ": " + e.getMessage());
                continue;
            }
            try (factory) {
                // the code paths compiled before anything is measured
                Case scratch = Case.open(factory, name, StorageLayout.PER_SESSION, 100, ttl, work);
                for (String op : OPS) {
                    scratch.run(op, warmup * 2, false);
                }
                scratch.close();
                List<Case> cases = new ArrayList<>();
                for (int n : sizes) {
                    cases.add(Case.open(factory, name, StorageLayout.PER_SESSION, n, ttl, work));
                }
                for (int n : wharfKitSizes) {
                    cases.add(Case.open(factory, name, StorageLayout.WHARFKIT, n, null, work));
                }
                // every case warmed up, then measured in rounds that alternate between the cases,
                // so that what else runs on the machine weighs on every size alike
                for (Case c : cases) {
                    for (String op : OPS) {
                        c.run(op, warmup, false);
                    }
                }
                for (int r = 0; r < rounds; r++) {
                    for (Case c : cases) {
                        for (String op : OPS) {
                            c.run(op, ops / rounds, true);
                        }
                    }
                }
                for (Case c : cases) {
                    Result result = c.result();
                    System.out.printf(Locale.ROOT, "  %-8s %-11s %,7d sessions (filled in %.1f s): login %s; restore %s;"
                                    + " logout %s; CPU µs per login, restore, logout %.1f, %.1f, %.1f; memory %s%n",
                            name, c.layout, c.n, c.fillSeconds, us(result.ops.get("login")),
                            us(result.ops.get("restore")), us(result.ops.get("logout")), result.cpu.get("login"),
                            result.cpu.get("restore"), result.cpu.get("logout"), mb(result.memory));
                    results.add(result);
                    c.close();
                }
            }
        }
        report(results);
        deleteAll(work);
        System.exit(0); // the Redis client's and Reactor's threads
    }

    static final List<String> OPS = List.of("login", "restore", "logout");

    // ------------------------------------------------------------------ one case

    /** A kit over its own store, filled with {@code n} sessions, and the times measured on it. */
    static final class Case {
        final StoreFactory factory;
        final String name;
        final StorageLayout layout;
        final int n;
        final ReactiveSessionStorage storage;
        final SessionKit kit;
        final Map<String, List<Double>> samples = new LinkedHashMap<>();
        /** CPU µs spent by the measured operations (the calling thread's and the store's server's), and their number. */
        final Map<String, long[]> cpu = new LinkedHashMap<>();
        final int[] next = {0};
        final Path dir;
        double fillSeconds;
        long memory;

        private Case(StoreFactory factory, String name, StorageLayout layout, int n, ReactiveSessionStorage storage,
                SessionKit kit, Path dir) {
            this.dir = dir;
            this.factory = factory;
            this.name = name;
            this.layout = layout;
            this.n = n;
            this.storage = storage;
            this.kit = kit;
            OPS.forEach(op -> samples.put(op, new ArrayList<>()));
            OPS.forEach(op -> cpu.put(op, new long[2]));
        }

        /** A new store filled with {@code n} sessions; its memory is what the filling added. */
        static Case open(StoreFactory factory, String name, StorageLayout layout, int n, Duration ttl, Path work)
                throws Exception {
            Path dir = Files.createTempDirectory(work, name + "-" + n);
            ReactiveSessionStorage storage = factory.open(dir);
            SessionKit kit = SessionKit.builder().appName(APP).chains(CHAIN).ui(HeadlessUserInterface.create())
                    .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                    .storage(storage).storageLayout(layout).sessionTtl(ttl).build();
            Case c = new Case(factory, name, layout, n, storage, kit, dir);
            long baseline = memory(factory);
            long filling = System.nanoTime();
            fill(kit, layout, n);
            c.fillSeconds = (System.nanoTime() - filling) / 1e9;
            c.memory = memory(factory) - baseline;
            return c;
        }

        void run(String op, int count, boolean keep) throws Exception {
            long[] spent = {0};
            double[] micros = SessionStoreBenchmark.run(kit, factory, op, n, next, count, spent);
            if (keep) {
                for (double m : micros) {
                    samples.get(op).add(m);
                }
                cpu.get(op)[0] += spent[0];
                cpu.get(op)[1] += count;
            }
        }

        Result result() throws Exception {
            Map<String, double[]> ops = new LinkedHashMap<>();
            samples.forEach((op, list) -> ops.put(op, list.stream().mapToDouble(Double::doubleValue).toArray()));
            long disk;
            try (Stream<Path> files = Files.walk(dir)) {
                disk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            Map<String, Double> cpuPerOp = new LinkedHashMap<>();
            cpu.forEach((op, c) -> cpuPerOp.put(op, c[1] == 0 ? Double.NaN : (double) c[0] / c[1]));
            return new Result(name, layout, n, ops, cpuPerOp, memory,
                    factory.externalMemory() >= 0 ? "Redis used_memory" : "heap after GC", disk);
        }

        void close() throws Exception {
            kit.dispose();
            factory.close(storage);
        }
    }

    static String actor(int i) {
        // account names: "u" and five letters, one per base-26 digit
        char[] c = new char[6];
        c[0] = 'u';
        for (int k = 5; k >= 1; k--) {
            c[k] = (char) ('a' + i % 26);
            i /= 26;
        }
        return new String(c);
    }

    static LoginOptions login(int i, boolean setAsDefault) {
        return LoginOptions.builder().chain(CHAIN).permissionLevel(actor(i) + "@active").setAsDefault(setAsDefault)
                .build();
    }

    /** {@code n} sessions stored by logins (concurrently where the layout has no shared list to fight over). */
    static void fill(SessionKit kit, StorageLayout layout, int n) {
        int concurrency = layout == StorageLayout.PER_SESSION ? 64 : 1;
        Flux.range(0, n)
                .flatMap(i -> kit.login(login(i, i == 0)), concurrency)
                .then()
                .block(Duration.ofMinutes(30));
    }

    /**
     * Times {@code count} operations {@code op}, one at a time, in chunks of at most {@code n}
     * (the users rotate); the time of each in µs, and the CPU time of all ({@code cpu[0]}, µs:
     * the calling thread's and the store's server's). After each chunk of logouts its users log in again,
     * untimed and outside the CPU time, so the number of sessions stays as it is.
     */
    static double[] run(SessionKit kit, StoreFactory factory, String op, int n, int[] next, int count, long[] cpu)
            throws Exception {
        double[] micros = new double[count];
        Duration timeout = Duration.ofSeconds(60);
        String walletId = kit.walletPlugins().get(0).id();
        int k = 0;
        while (k < count) {
            int chunk = Math.min(n, count - k);
            int first = next[0];
            long caller = threadCpuMicros();
            long server = factory.externalCpuMicros();
            for (int c = 0; c < chunk; c++, k++) {
                int i = next[0]++ % n;
                long start;
                switch (op) {
                    case "login" -> {
                        start = System.nanoTime();
                        kit.login(login(i, true)).block(timeout);
                    }
                    case "restore" -> {
                        RestoreArgs args = RestoreArgs.of(CHAIN.id()).withActor(actor(i)).withPermission("active");
                        start = System.nanoTime();
                        if (kit.restore(args).block(timeout) == null) {
                            throw new IllegalStateException("session " + actor(i) + " is not stored");
                        }
                    }
                    default -> {
                        SerializedSession s = new SerializedSession(CHAIN.id().toString(), actor(i), "active",
                                new SerializedSession.WalletData(walletId, null), null, null);
                        start = System.nanoTime();
                        kit.logout(s).block(timeout);
                    }
                }
                micros[k] = (System.nanoTime() - start) / 1e3;
            }
            cpu[0] += threadCpuMicros() - caller + (server < 0 ? 0 : factory.externalCpuMicros() - server);
            if (op.equals("logout")) {
                for (int c = 0; c < chunk; c++) {
                    if (kit.login(login((first + c) % n, false)).block(timeout) == null) {
                        throw new IllegalStateException("no login");
                    }
                }
            }
        }
        return micros;
    }

    // ------------------------------------------------------------------ stores

    static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;

        Skipped(String message) {
            super(message);
        }
    }

    static StoreFactory factory(String name, Path work) throws Exception {
        switch (name) {
            case "memory":
                return dir -> ReactiveSessionStorage.inMemory();
            case "file":
                return dir -> ReactiveSessionStorage.file(dir.resolve("sessions.json"));
            case "redis":
                return RedisFactory.start(work);
            case "mvstore":
                return dir -> io.antelopekit.mvstore.MvStoreSessionStorage.open(dir.resolve("sessions.mv"));
            default:
                try {
                    return (StoreFactory) Class.forName(name).getDeclaredConstructor().newInstance();
                } catch (ClassNotFoundException e) {
                    throw new Skipped("no store factory named " + name
                            + " (memory, file, redis, mvstore, or a StoreFactory class name)");
                }
        }
    }

    /** A {@code redis-server} on a free port, flushed before each case; stores of their own application each. */
    static final class RedisFactory implements StoreFactory {
        private final Process process;
        private final int port;
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> inspector;
        private int cases;

        private RedisFactory(Process process, int port) {
            this.process = process;
            this.port = port;
            this.client = RedisClient.create("redis://127.0.0.1:" + port);
            this.inspector = client.connect();
        }

        static RedisFactory start(Path work) throws Exception {
            boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "redis-server")));
            if (!installed) {
                throw new Skipped("redis-server is not on the PATH (apt-get install redis-server)");
            }
            Path dir = Files.createTempDirectory(work, "redis");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!ping(port)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("redis-server did not start:\n"
                            + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(50); // a child process starting: nothing to wait on but its port answering
            }
            return new RedisFactory(p, port);
        }

        @Override
        public ReactiveSessionStorage open(Path dir) {
            return RedisSessionStorage.builder().uri("redis://127.0.0.1:" + port).application("bench" + ++cases).build();
        }

        @Override
        public long externalMemory() {
            for (String line : inspector.sync().info("memory").split("\r?\n")) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring("used_memory:".length()).trim());
                }
            }
            throw new IllegalStateException("INFO memory has no used_memory");
        }

        @Override
        public long externalCpuMicros() {
            double seconds = 0;
            for (String line : inspector.sync().info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return (long) (seconds * 1e6);
        }

        @Override
        public void close(ReactiveSessionStorage storage) {
            ((RedisSessionStorage) storage).close().block(Duration.ofSeconds(10));
        }

        @Override
        public void close() throws InterruptedException {
            inspector.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static boolean ping(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return "+PONG".equals(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine());
            } catch (IOException e) {
                return false;
            }
        }
    }

    // ------------------------------------------------------------------ figures

    /**
     * The calling thread's CPU time so far, in µs (to the nanosecond: the process's is counted in
     * clock ticks of 10 ms, too coarse for operations of a few µs).
     */
    static long threadCpuMicros() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1000;
    }

    /** Redis's used memory, or this JVM's heap used after a full GC. */
    static long memory(StoreFactory factory) throws Exception {
        long external = factory.externalMemory();
        if (external >= 0) {
            return external;
        }
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100); // lets the collector's concurrent work settle before reading the heap
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(Double.NaN);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    static double percentile(double[] xs, double p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.floor(p * s.length))];
    }

    static String us(double[] xs) {
        return String.format(Locale.ROOT, "mean %.1f µs, median %.1f, p99 %.1f", mean(xs), median(xs),
                percentile(xs, 0.99));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static void report(List<Result> results) {
        System.out.println();
        System.out.println("Wall-clock µs per operation, mean / median / p99; CPU µs per operation (the calling thread's,"
                + " with Redis: plus the server's)");
        System.out.println();
        System.out.println("| store | layout | sessions | login | restore | logout | CPU login / restore / logout | memory |"
                + " per session |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %.1f / %.1f / %.1f | %s (%s%s) | %,d B |%n",
                    r.store, r.layout, r.sessions, cell(r.ops.get("login")), cell(r.ops.get("restore")),
                    cell(r.ops.get("logout")), r.cpu.get("login"), r.cpu.get("restore"), r.cpu.get("logout"),
                    mb(r.memory), r.memoryKind, r.disk > 0 ? "; " + mb(r.disk) + " on disk" : "",
                    r.memory / Math.max(1, r.sessions));
        }
        System.out.println();
        System.out.println("Largest size ÷ smallest, per operation: wall-clock mean, median, p99; CPU (target for the"
                + " per-session layout: ≤ 1.5×):");
        Map<String, List<Result>> byCase = new LinkedHashMap<>();
        for (Result r : results) {
            byCase.computeIfAbsent(r.store + " " + r.layout, k -> new ArrayList<>()).add(r);
        }
        byCase.forEach((name, rs) -> {
            if (rs.size() < 2) {
                return;
            }
            Result small = rs.get(0);
            Result large = rs.get(rs.size() - 1);
            System.out.printf(Locale.ROOT, "  %s, %,d vs %,d:%n", name, large.sessions, small.sessions);
            for (String op : OPS) {
                double[] a = large.ops.get(op);
                double[] b = small.ops.get(op);
                System.out.printf(Locale.ROOT, "    %-7s mean %.2fx, median %.2fx, p99 %.2fx; CPU %.2fx%n", op,
                        mean(a) / mean(b), median(a) / median(b), percentile(a, 0.99) / percentile(b, 0.99),
                        large.cpu.get(op) / small.cpu.get(op));
            }
        });
    }

    static String cell(double[] xs) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", mean(xs), median(xs), percentile(xs, 0.99));
    }

    // ------------------------------------------------------------------ arguments

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt)
                .toArray();
    }

    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("d")) {
            return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(s);
    }

    static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private SessionStoreBenchmark() {
    }
}
