package io.antelopekit.kafka;

import static io.antelopekit.kafka.Requests.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.EmbeddedKafkaExtension;
import io.antelopekit.kafkatest.KafkaTopics;
import io.antelopekit.session.Session;
import io.antelopekit.test.BlockHoundSupport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * Exactly once through failures: 10,000 requests through two instances, one of them a JVM of its
 * own killed (SIGKILL) mid-run, and a run during which the broker is stopped and started again.
 * Every request lands once, checked on the irreversible blocks, and has one outcome on the topic.
 */
@ExtendWith(BlockHoundSupport.class)
class KafkaToChainCrashTest {

    static final int EXPIRE_SECONDS = 60;   // chain seconds: 200 ms blocks of 500 ms each run 2.5x the clock

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(200)).irreversibleDistance(2));

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;

    static EmbeddedKafka broker;
    static Devnet devnet;
    static ChainClient client;
    static Session alice;

    @BeforeAll
    static void start() {
        broker = KAFKA.kafka();
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        alice = Requests.alice(client, devnet.chainId(), devnet.url(), EXPIRE_SECONDS);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.dispose();
        }
    }

    static KafkaToChain.Builder instance(String topic, String id) {
        return KafkaToChain.builder().session(alice).bootstrapServers(broker.bootstrapServers()).groupId(topic + "-senders")
                .requestTopic(topic).instanceId(id).headInterval(Duration.ofMillis(200))
                .kafkaProperty("session.timeout.ms", 6000).kafkaProperty("heartbeat.interval.ms", 500)
                .kafkaProperty("transaction.timeout.ms", 10000);
    }

    static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    @Test
    void tenThousandRequestsThroughTwoInstancesOneKilledLandExactlyOnce() throws Exception {
        long from = client.getInfo().block(TIMEOUT).headBlockNum();
        KafkaTopics.create(broker.bootstrapServers(), "payouts", 4);
        List<String> ids = ids("payout", 10_000);
        // 2,000 now, the other 8,000 once both instances hold partitions: the child then has a backlog when it is killed
        KafkaTopics.write(broker.bootstrapServers(), "payouts", Requests.transfers(ids.subList(0, 2_000), 64));

        Set<String> byChild = ConcurrentHashMap.newKeySet();
        Path log = dir.resolve("child.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SenderProcess.class.getName(), broker.bootstrapServers(), devnet.url(), devnet.chainId().toString(), "payouts",
                "child", String.valueOf(EXPIRE_SECONDS))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("OUT ")) {
                        byChild.add(line.substring(4));
                    }
                }
            } catch (Exception e) {
                // the child was killed
            }
        });
        reader.start();
        Set<RequestOutcome> byParent = ConcurrentHashMap.newKeySet();
        Disposable parent = null;
        try {
            Requests.await(() -> byChild.size() >= 500, "the child's first 500 outcomes", () -> childLog(log));
            // a second instance joins: the child hands some partitions over, mid-batch
            parent = instance("payouts", "parent").build().run().subscribe(byParent::add);
            Requests.await(() -> Requests.hasPartitions(broker.bootstrapServers(), "payouts-senders", "parent"), "partitions for the parent", () -> childLog(log));
            KafkaTopics.write(broker.bootstrapServers(), "payouts", Requests.transfers(ids.subList(2_000, ids.size()), 64));
            int before = byChild.size();
            Requests.await(() -> byChild.size() >= before + 1_000, "1,000 more outcomes of the child", () -> childLog(log));
            Set<Integer> parentsBefore = byParent.stream().map(RequestOutcome::partition).collect(Collectors.toSet());
            child.destroyForcibly();                 // SIGKILL: transactions in flight, outcomes not committed
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TIMEOUT.toMillis());
            Requests.await(() -> byParent.stream().anyMatch(o -> !parentsBefore.contains(o.partition())),
                    "outcome of the parent for a partition the child had", () -> childLog(log));    // the child was killed mid-run

            List<RequestOutcome> all = Requests.awaitOutcomes(broker.bootstrapServers(), "payouts.outcomes", ids.size());
            assertThat(all).extracting(RequestOutcome::id).as("one outcome per request on the topic")
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(all).allSatisfy(o -> assertThat(o.status()).isEqualTo(RequestOutcome.Status.EXECUTED));
            assertThat(byChild).isSubsetOf(ids).hasSizeGreaterThanOrEqualTo(1_500);
            // what the child sent but did not commit was found on chain by the parent, not sent again
            long recovered = all.stream().filter(RequestOutcome::recovered).count();
            System.out.println("killed after " + byChild.size() + " outcomes of the child; " + recovered
                    + " requests it had sent found on chain by the parent");
            assertThat(recovered).isLessThanOrEqualTo(ids.size() - byChild.size());

            long last = all.stream().mapToLong(RequestOutcome::blockNum).max().orElseThrow();
            Map<String, Integer> onChain = Requests.memosOnChain(client, "payout-", from, last);
            assertThat(onChain.keySet()).as("every request on the irreversible blocks").containsExactlyInAnyOrderElementsOf(ids);
            Map<String, RequestOutcome> byId = all.stream().collect(Collectors.toMap(RequestOutcome::id, o -> o, (x, y) -> x));
            assertThat(onChain.entrySet().stream().filter(e -> e.getValue() != 1).map(e -> byId.get(e.getKey()))
                    .collect(Collectors.toList()))
                    .as("outcomes of the requests on chain more than once").isEmpty();
        } finally {
            child.destroyForcibly();
            if (parent != null) {
                parent.dispose();
            }
        }
    }

    @Test
    void theBrokerStoppedAndStartedMidRunLosesAndDoublesNothing() throws Exception {
        long from = client.getInfo().block(TIMEOUT).headBlockNum();
        KafkaTopics.create(broker.bootstrapServers(), "restarts", 2);
        List<String> ids = ids("restart", 3_000);
        KafkaTopics.write(broker.bootstrapServers(), "restarts", Requests.transfers(ids, 16));

        Set<RequestOutcome> emitted = ConcurrentHashMap.newKeySet();
        Disposable running = instance("restarts", "only").build().run().subscribe(emitted::add);
        try {
            Requests.await(() -> emitted.size() >= 500, "500 outcomes", () -> "");
            broker.stopBroker();
            broker.startBroker();
            List<RequestOutcome> all = Requests.awaitOutcomes(broker.bootstrapServers(), "restarts.outcomes", ids.size());
            assertThat(all).extracting(RequestOutcome::id).as("one outcome per request on the topic")
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(all).allSatisfy(o -> assertThat(o.status()).isEqualTo(RequestOutcome.Status.EXECUTED));

            long last = all.stream().mapToLong(RequestOutcome::blockNum).max().orElseThrow();
            Map<String, Integer> onChain = Requests.memosOnChain(client, "restart-", from, last);
            assertThat(onChain.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(onChain.entrySet().stream().filter(e -> e.getValue() != 1).collect(Collectors.toList()))
                    .as("requests on chain more than once").isEmpty();
        } finally {
            running.dispose();
        }
    }



    static String childLog(Path log) {
        try {
            return Files.exists(log) ? "; the child's log:\n" + Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return "; the child's log is unreadable: " + e;
        }
    }
}
