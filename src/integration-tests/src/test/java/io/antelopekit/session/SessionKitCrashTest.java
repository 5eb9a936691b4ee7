package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.mvstore.MvStoreSessionStorage;
import io.antelopekit.redis.RedisSessionStorage;
import io.antelopekit.test.RedisProcess;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session store after a crash in the middle of many concurrent logins: a child JVM logs in
 * 200 accounts concurrently (on two chains, most of them becoming their chain's default) and prints
 * each login the kit acknowledged; the test kills it with SIGKILL after a different number of
 * acknowledged logins in each run. A new kit over the same store must then read it, list every
 * acknowledged login, and its current session ({@code session}) must be one of the listed
 * sessions, flagged as its chain's default, with at most one default per chain.
 *
 * <p>The kill point is chosen by what the child printed, never by time; where the child stands
 * in its other, unacknowledged logins at that point varies from run to run.
 */
class SessionKitCrashTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final int LOGINS = 200;
    static final int RUNS = 10;
    static final int REDIS_RUNS = 4;
    static final int MVSTORE_RUNS = 4;
    static final String APP = "crashtest";

    static final ChainDefinition CHAIN_A = new ChainDefinition(
            Checksum256.hash("antelopekit crash test chain A".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:9"), "Crash A", null, "4,EOS");
    static final ChainDefinition CHAIN_B = new ChainDefinition(
            Checksum256.hash("antelopekit crash test chain B".getBytes(StandardCharsets.UTF_8)),
            List.of("http://127.0.0.1:9"), "Crash B", null, "4,EOS");

    @TempDir
    Path dir;

    /** The kit of both the child and the test: no network is needed to log in with a given chain and permission. */
    static SessionKit kit(ReactiveSessionStorage storage) {
        return SessionKit.builder().appName(APP).chains(CHAIN_A, CHAIN_B).ui(HeadlessUserInterface.create())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .storage(storage).build();
    }

    /** An account name of index {@code i}: "useraa", "userab", ... */
    static String actor(int i) {
        return "user" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
    }

    static ChainDefinition chain(int i) {
        return i % 2 == 0 ? CHAIN_A : CHAIN_B;
    }

    /** The store the child is told to open: {@code file:<path>}, {@code mvstore:<path>} or {@code redis:<uri>}. */
    static ReactiveSessionStorage open(String store) {
        if (store.startsWith("file:")) {
            return ReactiveSessionStorage.file(Path.of(store.substring("file:".length())));
        }
        if (store.startsWith("mvstore:")) {
            return MvStoreSessionStorage.open(Path.of(store.substring("mvstore:".length())));
        }
        return RedisSessionStorage.builder().uri(store.substring("redis:".length())).application(APP).build();
    }

    /**
     * The child JVM: logs in {@link #LOGINS} accounts into the store named by {@code args[0]},
     * {@code args[1]} at a time, and prints {@code OK <chain> <actor>} once each login is
     * acknowledged.
     */
    public static final class Child {
        public static void main(String[] args) {
            PrintStream out = System.out;
            SessionKit kit = kit(open(args[0]));
            int concurrency = Integer.parseInt(args[1]);
            out.println("READY");
            out.flush();
            Flux.range(0, LOGINS)
                    .flatMap(i -> kit.login(LoginOptions.builder().chain(chain(i)).permissionLevel(actor(i) + "@active")
                                    .setAsDefault(i % 5 != 0).build())
                            .subscribeOn(Schedulers.parallel())
                            .doOnNext(r -> {
                                synchronized (out) {
                                    out.println("OK " + chain(i).id() + " " + actor(i));
                                    out.flush();
                                }
                            }), concurrency)
                    .blockLast(Duration.ofSeconds(60));
            out.println("DONE");
            out.flush();
            System.exit(0);
        }
    }

    @Test
    void aFileStoreKilledDuringConcurrentLoginsKeepsEveryAcknowledgedLoginAndAConsistentDefault() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path file = dir.resolve("run-" + run).resolve("sessions.json");
            failures.addAll(crashAndCheck(run, "file:" + file, () -> ReactiveSessionStorage.file(file)));
        }
        assertThat(failures).as("inconsistencies found after the kills").isEmpty();
    }

    @Test
    void anMvStoreKilledDuringConcurrentLoginsKeepsEveryAcknowledgedLoginAndAConsistentDefault() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < MVSTORE_RUNS; run++) {
            Path file = dir.resolve("mvstore-" + run).resolve("sessions.mv.db");
            failures.addAll(crashAndCheck(run, "mvstore:" + file, () -> MvStoreSessionStorage.open(file)));
        }
        assertThat(failures).as("inconsistencies found after the kills").isEmpty();
    }

    @Test
    void aRedisStoreKeepsEveryAcknowledgedLoginAndAConsistentDefaultWhenItsClientIsKilled() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir)) {
            List<String> failures = new ArrayList<>();
            for (int run = 0; run < REDIS_RUNS; run++) {
                String application = APP;
                RedisSessionStorage cleaner = RedisSessionStorage.builder().uri(redis.uri()).application(application).build();
                try {
                    cleaner.remove(SessionKit.SESSION_KEY).then(cleaner.remove(SessionKit.SESSIONS_KEY)).block(TIMEOUT);
                } finally {
                    cleaner.close().block(TIMEOUT);
                }
                failures.addAll(crashAndCheck(run, "redis:" + redis.uri(), () -> RedisSessionStorage.builder()
                        .uri(redis.uri()).application(application).build()));
            }
            assertThat(failures).as("inconsistencies found after the kills").isEmpty();
        }
    }

    /**
     * How many logins the child of run {@code run} runs at once: all of them in even runs (the
     * burst of the finding), 16 in odd runs (acknowledgements then come a few at a time, so the
     * kill lands among logins still being stored more often).
     */
    static int concurrency(int run) {
        return run % 2 == 0 ? LOGINS : 16;
    }

    /** Where run {@code run} kills the child: after 1, 14, 27, ... acknowledged logins (most land in the first half). */
    static int killAfter(int run) {
        return 1 + run * 13;
    }

    /**
     * Starts the child on {@code store}, kills it after {@link #killAfter} acknowledged logins,
     * and checks what a new kit finds.
     *
     * @return the inconsistencies found (empty when none)
     */
    List<String> crashAndCheck(int run, String store, java.util.function.Supplier<ReactiveSessionStorage> reopen)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = dir.resolve("child-" + run + "-" + System.nanoTime() + ".log");
        // a quick start matters more than peak speed in a child that lives a few seconds
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), store,
                String.valueOf(concurrency(run)))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        Set<String> acknowledged = new HashSet<>();
        int killAt = killAfter(run);
        boolean done = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("OK ")) {
                    acknowledged.add(line.substring(3));
                    if (acknowledged.size() == killAt) {
                        // SIGKILL on Linux: no shutdown hook, no flush; it also closes our end of its output
                        child.destroyForcibly();
                        break;
                    }
                } else if (line.equals("DONE")) {
                    done = true;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("the child's acknowledged logins (its log: %s)", Files.exists(log)
                ? Files.readString(log) : "none").hasSizeGreaterThanOrEqualTo(Math.min(killAt, LOGINS));

        List<String> failures = new ArrayList<>();
        String where = "run " + run + " (" + concurrency(run) + " at once, killed after " + killAt + " acknowledged logins" + (done ? ", all done" : "")
                + ", " + acknowledged.size() + " acknowledged)";
        ReactiveSessionStorage storage = reopen.get();
        SessionKit kit = kit(storage);
        try {
            List<SerializedSession> listed = kit.getSessions().collectList().block(TIMEOUT);
            Set<String> keys = new HashSet<>();
            Set<String> defaultChains = new HashSet<>();
            for (SerializedSession s : listed) {
                keys.add(s.chain() + " " + s.actor());
                if (Boolean.TRUE.equals(s.isDefault()) && !defaultChains.add(s.chain())) {
                    failures.add(where + ": two default sessions on chain " + s.chain());
                }
            }
            for (String a : acknowledged) {
                if (!keys.contains(a)) {
                    failures.add(where + ": the acknowledged login " + a + " is not listed");
                }
            }
            String current = storage.read(SessionKit.SESSION_KEY).block(TIMEOUT);
            if (current != null) {
                JsonNode c = JSON.readTree(current);
                String key = c.path("chain").asText() + " " + c.path("actor").asText();
                SerializedSession match = listed.stream().filter(s -> (s.chain() + " " + s.actor()).equals(key)
                        && s.permission().equals(c.path("permission").asText())).findFirst().orElse(null);
                if (match == null) {
                    failures.add(where + ": the current session " + key + " is not listed");
                } else if (!Boolean.TRUE.equals(match.isDefault())) {
                    failures.add(where + ": the current session " + key + " is listed but not as its chain's default");
                }
                Session restored = kit.restore().block(TIMEOUT);
                if (restored == null || !(restored.chain().id() + " " + restored.actor()).equals(key)) {
                    failures.add(where + ": restore() gave " + (restored == null ? "nothing"
                            : restored.chain().id() + " " + restored.actor()) + " for the current session " + key);
                }
            } else if (!acknowledged.isEmpty() && listed.stream().anyMatch(s -> Boolean.TRUE.equals(s.isDefault()))) {
                failures.add(where + ": no current session, though the list has defaults");
            }
            System.out.println("SessionKitCrashTest " + store.substring(0, store.indexOf(':')) + " " + where + ": "
                    + listed.size() + " listed, " + failures.size() + " inconsistencies");
        } finally {
            kit.dispose();
            if (storage instanceof RedisSessionStorage r) {
                r.close().block(TIMEOUT);
            } else if (storage instanceof MvStoreSessionStorage m) {
                m.close().block(TIMEOUT);
            }
        }
        return failures;
    }
}
