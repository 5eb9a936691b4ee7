package io.antelopekit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.kafka.ActionRequest;
import io.antelopekit.kafka.ChainToKafka;
import io.antelopekit.kafka.KafkaToChain;
import io.antelopekit.kafka.RequestOutcome;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.KafkaTopics;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import reactor.core.Disposable;

/**
 * The Kafka module's throughput, end to end, in one JVM: a KRaft broker ({@link EmbeddedKafka}) and
 * the embedded devnet at its defaults (500 ms blocks, irreversible 3 blocks behind the head, its
 * state history on), all on 127.0.0.1. A plain harness (not JMH).
 * <ol>
 *   <li><b>topic to chain</b> ({@link KafkaToChain}, its defaults: {@code transactAll} batches of up
 *       to 50 actions, 4 transactions in flight per partition): {@code N} transfer requests (alice
 *       to bob, a memo of their own each) written beforehand to a topic of 4 partitions (keyed by
 *       64 keys), then sent by one instance, or by two instances of one group (each with its own
 *       session, both on one {@code ChainClient}). Each run has a topic of its own; after a warm-up
 *       run of N/10 requests they go one instance, two, two, one, and the rates of each kind are
 *       averaged. Timed from the instances' start until every outcome is committed (an instance
 *       emits it once committed), and until the block of the last outcome is irreversible. Each
 *       run is checked: N outcomes on the outcome topic (read_committed), all executed, and each
 *       memo exactly once in the irreversible blocks.</li>
 *   <li><b>chain to topic</b> ({@link ChainToKafka}, {@code ActionFilter.all()}, one partition,
 *       batches of 500): the blocks the first one-instance run filled, read over HTTP
 *       ({@code get_block}) and over the state history (SHiP), each after a warm-up pass over the
 *       warm-up run's blocks; events a second = the action records on the topic (read_committed,
 *       checked against a plain read of the same range from the same source) / the time from
 *       {@code run()} to its end.</li>
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.KafkaThroughput [requests]
 * </pre>
 */
public final class KafkaThroughput {

    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final int PARTITIONS = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    private KafkaThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("kafka-throughput");
        System.out.printf(Locale.ROOT, "%d cores, Java %s; devnet: 500 ms blocks, irreversible distance %d, state history on%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Devnet.DEFAULT_IRREVERSIBLE_DISTANCE);
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir);
             Devnet devnet = Devnet.builder().host("127.0.0.1").stateHistory(true).start()) {
            ChainClient client = ChainClient.builder().endpoint(devnet.url()).responseTimeout(Duration.ofSeconds(60)).build();
            String servers = broker.bootstrapServers();
            Result warm = toChain(servers, devnet, client, "warmup", Math.max(100, requests / 10), 1);
            // ABBA: one instance, two, two, one, so that a drift of the machine (JIT, GC, the devnet's
            // growing state, other processes) weighs on both alike
            Result one = toChain(servers, devnet, client, "one-a", requests, 1);
            Result two = toChain(servers, devnet, client, "two-a", requests, 2);
            Result two2 = toChain(servers, devnet, client, "two-b", requests, 2);
            Result one2 = toChain(servers, devnet, client, "one-b", requests, 1);
            double oneIrr = (one.irreversiblePerSecond() + one2.irreversiblePerSecond()) / 2;
            double twoIrr = (two.irreversiblePerSecond() + two2.irreversiblePerSecond()) / 2;
            double oneCom = (one.committedPerSecond() + one2.committedPerSecond()) / 2;
            double twoCom = (two.committedPerSecond() + two2.committedPerSecond()) / 2;
            System.out.printf(Locale.ROOT, "topic -> chain, %d requests, mean of 2 runs each: 1 instance %.0f actions/s to irreversible"
                            + " (%.0f committed), 2 instances %.0f (%.0f); 2 / 1 = %.2f (irreversible), %.2f (committed)%n",
                    requests, oneIrr, oneCom, twoIrr, twoCom, twoIrr / oneIrr, twoCom / oneCom);

            // chain -> topic over the blocks the first run filled (its requests' transfers), warm-up
            // passes over the warm-up run's blocks
            toTopic(servers, client, "c2k-warmup-http", BlockStream.builder(client), warm.from(), warm.last());
            toTopic(servers, client, "c2k-warmup-ship", BlockStream.builder(client).stateHistory(devnet.stateHistoryUrl()),
                    warm.from(), warm.last());
            toTopic(servers, client, "c2k-http", BlockStream.builder(client), one.from(), one.last());
            toTopic(servers, client, "c2k-ship", BlockStream.builder(client).stateHistory(devnet.stateHistoryUrl()),
                    one.from(), one.last());
            client.dispose();
        }
    }

    /** A run's requests, its times, and the blocks its transfers are in ({@code from..last}). */
    record Result(int requests, double committedSeconds, double irreversibleSeconds, long from, long last) {
        double committedPerSecond() {
            return requests / committedSeconds;
        }

        double irreversiblePerSecond() {
            return requests / irreversibleSeconds;
        }
    }

    /** N requests through {@code instances} KafkaToChain instances; timed and checked. */
    static Result toChain(String servers, Devnet devnet, ChainClient client, String name, int n, int instances)
            throws InterruptedException {
        String topic = "requests-" + name;
        KafkaTopics.create(servers, topic, PARTITIONS);
        List<String> ids = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = name + "-" + i;
            ids.add(id);
            records.add(Map.entry("k" + (i % 64), transfer(id).toJson()));
        }
        KafkaTopics.write(servers, topic, records);
        long from = client.getInfo().block(TIMEOUT).headBlockNum();

        Set<String> done = ConcurrentHashMap.newKeySet();
        Map<String, Long> blocks = new ConcurrentHashMap<>();
        List<Disposable> running = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < instances; i++) {
            Session session = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                    .actor("alice").permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
            Consumer<RequestOutcome> onOutcome = o -> {
                done.add(o.id());
                blocks.put(o.id(), o.blockNum());
            };
            running.add(KafkaToChain.builder().session(session).bootstrapServers(servers).groupId(topic + "-senders")
                    .requestTopic(topic).instanceId(name + "-" + i).build().run()
                    .subscribe(onOutcome::accept, e -> e.printStackTrace()));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (done.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": " + done.size() + " outcomes of " + n + " within " + TIMEOUT);
            }
            Thread.sleep(5);
        }
        double committed = (System.nanoTime() - t0) / 1e9;
        long last = blocks.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long lib;
        while ((lib = client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum()) < last) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": block " + last + " did not become irreversible");
            }
            Thread.sleep(5);
        }
        double irreversible = (System.nanoTime() - t0) / 1e9;
        running.forEach(Disposable::dispose);

        // the checks: every outcome once on the topic, executed; every memo once on the irreversible blocks
        List<RequestOutcome> outcomes = KafkaTopics.readCommitted(servers, topic + ".outcomes").stream()
                .map(r -> RequestOutcome.parse(r.value())).collect(Collectors.toList());
        Set<String> outcomeIds = outcomes.stream().map(RequestOutcome::id).collect(Collectors.toSet());
        long notExecuted = outcomes.stream().filter(o -> o.status() != RequestOutcome.Status.EXECUTED).count();
        Map<String, Integer> memos = new HashMap<>();
        BlockStream.builder(client).follow(Follow.IRREVERSIBLE).from(from).until(lib).build()
                .actions(ActionFilter.transfersTo("bob").contract("eosio.token"))
                .filter(e -> e.data().path("memo").asText().startsWith(name + "-"))
                .doOnNext(e -> memos.merge(e.data().path("memo").asText(), 1, Integer::sum))
                .blockLast(TIMEOUT);
        boolean once = outcomes.size() == n && outcomeIds.equals(Set.copyOf(ids)) && notExecuted == 0
                && memos.keySet().equals(Set.copyOf(ids)) && memos.values().stream().allMatch(c -> c == 1);
        System.out.printf(Locale.ROOT, "topic -> chain %-6s %d instance(s): %d requests; all outcomes committed in %.2f s"
                        + " (%.0f actions/s), all irreversible in %.2f s (%.0f actions/s; blocks %d..%d); outcomes on the topic %d"
                        + " (%d distinct, %d not executed), memos on chain %d distinct, max count %d: exactly once %s%n",
                name, instances, n, committed, n / committed, irreversible, n / irreversible, from + 1, last, outcomes.size(),
                outcomeIds.size(), notExecuted, memos.size(), memos.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                once ? "yes" : "NO");
        if (!once) {
            throw new IllegalStateException(name + ": not exactly once");
        }
        return new Result(n, committed, irreversible, from + 1, last);
    }

    /** ChainToKafka over blocks {@code from..until}; timed and checked against a plain read of the range. */
    static void toTopic(String servers, ChainClient client, String name, BlockStream.Builder stream, long from, long until) {
        String topic = name + "-actions";
        long expected = stream.from(from).until(until).build().actions(ActionFilter.all()).count().block(TIMEOUT);
        ChainToKafka pipeline = ChainToKafka.builder().name(name).bootstrapServers(servers).topic(topic)
                .stream(stream.from(from).until(until)).filter(ActionFilter.all()).build();   // the default batches
        long t0 = System.nanoTime();
        long batches = pipeline.run().count().block(TIMEOUT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long written = KafkaTopics.readCommitted(servers, topic).stream().filter(r -> {
            try {
                return JSON.readTree(r.value()).path("type").asText().equals("action");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).count();
        System.out.printf(Locale.ROOT, "chain -> topic %-15s blocks %d..%d (%d): %d events in %d batches in %.2f s = %.0f events/s;"
                        + " read_committed %d, a plain read of the range %d: %s%n",
                name, from, until, until - from + 1, written, batches, seconds, written / seconds, written, expected,
                written == expected ? "equal" : "NOT EQUAL");
        if (written != expected) {
            throw new IllegalStateException(name + ": " + written + " events on the topic, " + expected + " expected");
        }
    }

    static ActionRequest transfer(String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", "alice");
        data.put("to", "bob");
        data.put("quantity", "0.0001 EOS");
        data.put("memo", id);
        return ActionRequest.of(id, "eosio.token", "transfer", data);
    }
}
