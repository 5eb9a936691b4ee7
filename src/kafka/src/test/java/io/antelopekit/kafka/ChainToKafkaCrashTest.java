package io.antelopekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.EmbeddedKafkaExtension;
import io.antelopekit.kafkatest.KafkaTopics;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.test.BlockHoundSupport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * {@link ChainToKafka} across a crash: a pipeline in a JVM of its own is killed (SIGKILL) in the
 * middle of its batches, with a transaction open; started again under its name here, it aborts
 * that transaction, resumes after the last committed checkpoint, and every event is on the topic
 * exactly once, in chain order, as {@code read_committed} reads it.
 */
@ExtendWith(BlockHoundSupport.class)
class ChainToKafkaCrashTest {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int TRANSFERS = 2_000;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(2));

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;

    static EmbeddedKafka broker;
    static Devnet devnet;
    static ChainClient client;
    static long from;
    static long until;

    @BeforeAll
    static void start() {
        broker = KAFKA.kafka();
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        devnet.produceBlocks(3).block(TIMEOUT);
        Session alice = Requests.alice(client, devnet.chainId(), devnet.url(), 600);
        from = devnet.headBlockNum().block(TIMEOUT) + 1;
        var token = alice.abi(Name.from("eosio.token")).block(TIMEOUT);
        for (int block = 0; block < 20; block++) {
            int first = block * (TRANSFERS / 20);
            List<Action> transfers = IntStream.range(first, first + TRANSFERS / 20)
                    .mapToObj(i -> Action.of("eosio.token", "transfer", alice.permissionLevel(),
                            Requests.transfer("c2k-" + i).data(), token))
                    .collect(Collectors.toList());
            List<ActionOutcome> outcomes = alice.transactAll(Flux.fromIterable(transfers)).collectList().block(TIMEOUT);
            assertThat(outcomes).allMatch(ActionOutcome::isSuccess);
            devnet.produceBlock().block(TIMEOUT);
        }
        devnet.produceBlocks(4).block(TIMEOUT);
        until = client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.dispose();
        }
    }

    @Test
    void aPipelineKilledMidRunAndStartedAgainWritesEveryEventOnce() throws Exception {
        Path log = dir.resolve("pipeline.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ChainToKafkaProcess.class.getName(), broker.bootstrapServers(), devnet.url(), "crash", "crash-actions",
                String.valueOf(from), String.valueOf(until), "10")
                .redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
        List<String> committed = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("CP ")) {
                    committed.add(line.substring(3));
                    if (committed.size() == 20) {
                        child.destroyForcibly();       // SIGKILL, most likely in the middle of a batch's transaction
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(committed).as("the child's committed batches (its log: %s)",
                Files.exists(log) ? Files.readString(log) : "none").hasSize(20);

        ChainToKafka again = ChainToKafka.builder().name("crash").bootstrapServers(broker.bootstrapServers()).topic("crash-actions")
                .stream(BlockStream.builder(client).from(from).until(until).pollInterval(Duration.ofMillis(20)))
                .filter(ActionFilter.all()).batch(10, Duration.ofMillis(100)).build();
        List<Checkpoint> after = again.run().collectList().block(TIMEOUT);
        Checkpoint killedAt = Checkpoint.parse(committed.get(committed.size() - 1));
        assertThat(after).as("the restarted pipeline had work left").isNotEmpty()
                .allSatisfy(cp -> assertThat(cp).isGreaterThan(killedAt));

        List<String> memos = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaTopics.readCommitted(broker.bootstrapServers(), "crash-actions")) {
            var n = ChainToKafkaTest.JSON.readTree(r.value());
            if (n.path("type").asText().equals("action") && n.path("action").asText().equals("transfer")) {
                memos.add(n.path("data").path("memo").asText());
            }
        }
        // exactly the chain's transfers, each once, in the chain's order
        List<String> onChain = BlockStream.builder(client).from(from).until(until).build()
                .actions(ActionFilter.all().contract("eosio.token")).map(e -> e.data().path("memo").asText())
                .collectList().block(TIMEOUT);
        assertThat(onChain).hasSize(TRANSFERS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, TRANSFERS).mapToObj(i -> "c2k-" + i).collect(Collectors.toList()));
        assertThat(memos).containsExactlyElementsOf(onChain);
    }
}
