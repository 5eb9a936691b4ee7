package io.antelopekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.kafka.internal.Receiver;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.EmbeddedKafkaExtension;
import io.antelopekit.kafkatest.KafkaTopics;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link ChainToKafka} between the embedded devnet and a real broker: the events of the transfers
 * land on the topic exactly once as {@code read_committed} reads them, also when the pipeline is
 * cancelled and started again under its name, and a batch whose transaction is aborted leaves
 * nothing a {@code read_committed} reader sees (and no checkpoint); the checkpoint advances over
 * blocks without matching events.
 */
@ExtendWith(BlockHoundSupport.class)
class ChainToKafkaTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Name TOKEN = Name.from("eosio.token");
    static final int TRANSFERS = 8;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(2));

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

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
        Abi abi = client.abi(TOKEN).block(TIMEOUT);
        Session alice = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        from = devnet.headBlockNum().block(TIMEOUT) + 1;
        for (int i = 0; i < TRANSFERS; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", "alice");
            data.put("to", "bob");
            data.put("quantity", "0.0001 EOS");
            data.put("memo", "kafka-" + i);
            alice.transact(List.of(Action.of(TOKEN, "transfer", PermissionLevel.from("alice@active"), data, abi))).block(TIMEOUT);
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

    static ChainToKafka.Builder pipeline(String name) {
        return ChainToKafka.builder().name(name).bootstrapServers(broker.bootstrapServers()).topic(name + "-actions")
                .stream(BlockStream.builder(client).from(from).until(until).pollInterval(Duration.ofMillis(20)))
                .filter(ActionFilter.all()).batch(3, Duration.ofMillis(100));
    }

    static List<String> expectedMemos() {
        return IntStream.range(0, TRANSFERS).mapToObj(i -> "kafka-" + i).collect(Collectors.toList());
    }

    /** Every record of {@code topic} as JSON, as a reader with this isolation level sees them (see {@link Requests#read}). */
    static List<JsonNode> readAll(String topic, String isolation) {
        return KafkaTopics.read(broker.bootstrapServers(), topic, isolation).stream().map(ChainToKafkaTest::json)
                .collect(Collectors.toList());
    }

    static JsonNode json(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> memos(List<JsonNode> records) {
        return records.stream().filter(r -> r.path("type").asText().equals("action"))
                .map(r -> r.path("data").path("memo").asText()).filter(m -> m.startsWith("kafka-"))
                .collect(Collectors.toList());
    }

    @Test
    void theTransfersLandOnTheTopicExactlyOnceWithTheLastCheckpoint() {
        ChainToKafka pipeline = pipeline("once").build();
        List<Checkpoint> committed = pipeline.run().collectList().block(TIMEOUT);
        assertThat(committed).isNotEmpty().isSorted();

        List<JsonNode> records = readAll("once-actions", "read_committed");
        assertThat(memos(records)).containsExactlyElementsOf(expectedMemos());
        JsonNode first = records.get(0);
        assertThat(first.path("contract").asText()).isEqualTo("eosio.token");
        assertThat(first.path("action").asText()).isEqualTo("transfer");
        assertThat(first.path("receiver").asText()).isEqualTo("eosio.token");
        assertThat(first.path("block_num").asLong()).isBetween(from, until);
        assertThat(first.path("authorization").get(0).path("actor").asText()).isEqualTo("alice");
        assertThat(first.path("data").path("quantity").asText()).isEqualTo("0.0001 EOS");
        assertThat(first.path("hex_data").asText()).isNotEmpty();
        assertThat(pipeline.checkpoint().block(TIMEOUT)).contains(committed.get(committed.size() - 1));

        // the adapter's consumer reads the same records, polled on its own thread, on demand
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "once-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        StepVerifier.create(Receiver.receive(config, List.of("once-actions"), "once-reader").take(records.size()).count())
                .expectNext((long) records.size()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aPipelineCancelledAndStartedAgainUnderItsNameWritesEveryEventOnce() {
        Optional<Checkpoint> afterFirst = pipeline("restart").build().run().take(1).next().blockOptional(TIMEOUT);
        assertThat(afterFirst).isPresent();
        assertThat(memos(readAll("restart-actions", "read_committed"))).hasSizeLessThan(TRANSFERS);
        assertThat(pipeline("restart").build().checkpoint().block(TIMEOUT)).isEqualTo(afterFirst);

        List<Checkpoint> second = pipeline("restart").build().run().collectList().block(TIMEOUT);
        assertThat(second).isNotEmpty().allSatisfy(cp -> assertThat(cp).isGreaterThan(afterFirst.get()));
        assertThat(memos(readAll("restart-actions", "read_committed"))).containsExactlyElementsOf(expectedMemos());
    }

    /** The memos of a batch's transfers. */
    static List<String> eventMemos(List<ActionEvent> batch) {
        return batch.stream().map(e -> e.data().path("memo").asText()).filter(m -> m.startsWith("kafka-"))
                .collect(Collectors.toList());
    }

    @Test
    void batchesThatFillWhileTheOneBeforeCommitsWaitForIt() {
        // blocks trickle in, each commit takes far longer than the batch timeout: a batch that
        // fills (or times out) meanwhile waits for the commit instead of overflowing
        long first = devnet.headBlockNum().block(TIMEOUT) + 1;
        long last = first + 29;
        ChainToKafka slow = ChainToKafka.builder().name("slow").bootstrapServers(broker.bootstrapServers()).topic("slow-actions")
                .stream(BlockStream.builder(client).follow(Follow.HEAD).from(first).until(last).pollInterval(Duration.ofMillis(5)))
                .batch(500, Duration.ofMillis(10))
                .beforeCommit(batch -> Mono.delay(Duration.ofMillis(100)).then())
                .build();
        Flux<Long> blocks = Flux.range(0, 30).concatMap(i -> devnet.produceBlock().subscribeOn(Schedulers.boundedElastic())
                .delayElement(Duration.ofMillis(15)));
        List<Checkpoint> committed = slow.run().mergeWith(blocks.then(Mono.empty())).collectList().block(TIMEOUT);
        assertThat(committed).hasSizeGreaterThan(1).isSorted();
        assertThat(committed.get(committed.size() - 1).blockNum()).isEqualTo(last);
    }

    @Test
    void anAbortedBatchLeavesNothingThatReadCommittedSees() {
        AtomicInteger batches = new AtomicInteger();
        List<List<String>> sent = new CopyOnWriteArrayList<>();
        ChainToKafka failing = pipeline("aborted")
                .beforeCommit(batch -> {
                    sent.add(eventMemos(batch));
                    return batches.incrementAndGet() == 2
                            ? Mono.error(new IllegalStateException("killed mid-batch")) : Mono.empty();
                })
                .build();
        StepVerifier.create(failing.run())
                .expectNextCount(1)
                .expectErrorMessage("killed mid-batch").verify(TIMEOUT);

        // the second batch's records were sent, then aborted: only a read_uncommitted reader sees them
        assertThat(sent).hasSize(2);
        List<String> both = new ArrayList<>(sent.get(0));
        both.addAll(sent.get(1));
        assertThat(sent.get(0)).as("the first batch's transfers").isNotEmpty();
        assertThat(both).isEqualTo(expectedMemos().subList(0, both.size()));
        assertThat(memos(readAll("aborted-actions", "read_committed"))).containsExactlyElementsOf(sent.get(0));
        assertThat(memos(readAll("aborted-actions", "read_uncommitted"))).containsExactlyElementsOf(both);
        Checkpoint kept = failing.checkpoint().block(TIMEOUT).orElseThrow();

        // started again, it writes the aborted batch's events and the rest once
        List<Checkpoint> after = pipeline("aborted").build().run().collectList().block(TIMEOUT);
        assertThat(after).allSatisfy(cp -> assertThat(cp).isGreaterThan(kept));
        assertThat(memos(readAll("aborted-actions", "read_committed"))).containsExactlyElementsOf(expectedMemos());
    }

    @Test
    void theCheckpointAdvancesOverBlocksWithoutMatchingEvents() {
        List<Integer> eventsPerBatch = new CopyOnWriteArrayList<>();
        ChainToKafka pipeline = pipeline("sparse")
                .filter(ActionFilter.all().contract("eosio.token").where(e -> e.data().path("memo").asText().equals("kafka-0")))
                .batch(2, Duration.ofMillis(100))
                .beforeCommit(batch -> {
                    eventsPerBatch.add(batch.size());
                    return Mono.empty();
                })
                .build();
        List<Checkpoint> committed = pipeline.run().collectList().block(TIMEOUT);

        List<JsonNode> records = readAll("sparse-actions", "read_committed");
        assertThat(memos(records)).containsExactly("kafka-0");
        long eventBlock = records.get(0).path("block_num").asLong();
        assertThat(eventBlock).isLessThan(until);
        // every block end counts: the last checkpoint is after the last block, far past the event
        Checkpoint last = Checkpoint.afterBlock(until, client.getBlock(until).block(TIMEOUT).id());
        assertThat(committed).isSorted().endsWith(last).hasSize(eventsPerBatch.size());
        assertThat(committed.stream().filter(cp -> cp.blockNum() > eventBlock)).as("checkpoints past the event").isNotEmpty();
        // the batches without the event were written too, as transactions of only their checkpoint
        assertThat(eventsPerBatch).contains(0);
        assertThat(eventsPerBatch.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(pipeline.checkpoint().block(TIMEOUT)).contains(last);
    }
}
