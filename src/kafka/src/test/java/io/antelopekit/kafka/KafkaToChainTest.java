package io.antelopekit.kafka;

import static io.antelopekit.kafka.Requests.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.EmbeddedKafkaExtension;
import io.antelopekit.kafkatest.KafkaTopics;
import io.antelopekit.session.BatchOptions;
import io.antelopekit.session.Session;
import io.antelopekit.test.BlockHoundSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * {@link KafkaToChain} between a real broker and the devnet: requests land once with their
 * outcomes committed, malformed records go to the dead-letter topic while the partition flows on,
 * refusals are outcomes, and instances that join and leave mid-run hand partitions over cleanly.
 */
@ExtendWith(BlockHoundSupport.class)
class KafkaToChainTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(200)).irreversibleDistance(2));

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static EmbeddedKafka broker;
    static Devnet devnet;
    static ChainClient client;
    static Session alice;

    @BeforeAll
    static void start() {
        broker = KAFKA.kafka();
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        alice = Requests.alice(client, devnet.chainId(), devnet.url(), 60);   // chain seconds: 200 ms blocks of 500 ms each run 2.5x the clock
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
                .kafkaProperty("session.timeout.ms", 6000).kafkaProperty("heartbeat.interval.ms", 500);
    }

    static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    @Test
    void everyRequestLandsOnceAndItsOutcomeIsCommittedWithItsOffset() {
        long from = client.getInfo().block(TIMEOUT).headBlockNum();
        KafkaTopics.create(broker.bootstrapServers(), "basic", 3);
        List<String> ids = ids("basic", 0, 300);
        KafkaTopics.write(broker.bootstrapServers(), "basic", Requests.transfers(ids, 16));

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<RequestOutcome> emitted = instance("basic", "a").meterRegistry(meters).build().run().take(ids.size())
                .collectList().block(TIMEOUT);

        assertThat(emitted).extracting(RequestOutcome::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(emitted).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(RequestOutcome.Status.EXECUTED);
            assertThat(o.recovered()).isFalse();
            assertThat(o.blockNum()).isGreaterThan(from);
        });
        List<RequestOutcome> onTopic = Requests.outcomes(broker.bootstrapServers(), "basic.outcomes");
        assertThat(onTopic).extracting(RequestOutcome::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(onTopic).containsExactlyInAnyOrderElementsOf(emitted);
        // each partition's outcomes in its requests' order
        Map<Integer, List<Long>> offsets = onTopic.stream().collect(Collectors.groupingBy(RequestOutcome::partition,
                Collectors.mapping(RequestOutcome::offset, Collectors.toList())));
        offsets.values().forEach(o -> assertThat(o).isSorted());
        assertThat(committed("basic-senders").values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(ids.size());
        assertThat(meters.get("antelopekit.kafka.requests").tags("group", "basic-senders", "instance", "a", "status", "EXECUTED",
                "recovered", "false").counter().count()).isEqualTo(ids.size());
        assertThat(meters.get("antelopekit.kafka.commit").tag("outcome", "success").timer().count()).isPositive();
        assertThat(meters.get("antelopekit.kafka.dead.letters").counter().count()).isZero();

        long last = emitted.stream().mapToLong(RequestOutcome::blockNum).max().orElseThrow();
        Map<String, Integer> onChain = Requests.memosOnChain(client, "basic-", from, last);
        assertThat(onChain.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(onChain.values()).containsOnly(1);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndThePartitionFlowsOn() throws Exception {
        KafkaTopics.create(broker.bootstrapServers(), "mixed", 1);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        records.add(Map.entry("k", Requests.transfer("mixed-0").toJson()));
        records.add(Map.entry("k", "{not json"));
        records.add(Map.entry("k", "{\"id\":\"mixed-2\",\"action\":\"transfer\",\"data\":{}}"));
        records.add(Map.entry("k", ActionRequest.of("mixed-3", "eosio.token", "transfer", Map.of("from", "alice")).toJson()));
        records.add(Map.entry("k", ActionRequest.of("mixed-4", "eosio.token", "nosuchaction", Map.of()).toJson()));
        records.add(Map.entry("k", ActionRequest.of("mixed-5", "eosio.token", "transfer",
                Map.of("from", "alice", "to", "bob", "quantity", "100000000.0000 EOS", "memo", "too much")).toJson()));
        records.add(Map.entry("k", Requests.transfer("mixed-6").toJson()));
        KafkaTopics.write(broker.bootstrapServers(), "mixed", records);

        StepVerifier.create(instance("mixed", "a").build().run().take(3))
                .assertNext(o -> assertThat(o).extracting(RequestOutcome::id, RequestOutcome::status, RequestOutcome::offset)
                        .containsExactly("mixed-0", RequestOutcome.Status.EXECUTED, 0L))
                .assertNext(o -> {
                    assertThat(o).extracting(RequestOutcome::id, RequestOutcome::status, RequestOutcome::offset)
                            .containsExactly("mixed-5", RequestOutcome.Status.FAILED, 5L);
                    assertThat(o.errorName()).isEqualTo("eosio_assert_message_exception");
                    assertThat(o.errorMessage()).contains("overdrawn balance");
                    assertThat(o.transactionId()).isNotNull();
                })
                .assertNext(o -> assertThat(o).extracting(RequestOutcome::id, RequestOutcome::status, RequestOutcome::offset)
                        .containsExactly("mixed-6", RequestOutcome.Status.EXECUTED, 6L))
                .expectComplete()
                .verify(TIMEOUT);

        List<JsonNode> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaTopics.readCommitted(broker.bootstrapServers(), "mixed.dead-letters")) {
            dead.add(JSON.readTree(r.value()));
        }
        assertThat(dead).extracting(d -> d.path("offset").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(dead.get(0).path("reason").asText()).startsWith("not JSON");
        assertThat(dead.get(0).path("value").asText()).isEqualTo("{not json");
        assertThat(dead.get(1).path("reason").asText()).isEqualTo("\"contract\" is missing");
        assertThat(dead.get(2).path("reason").asText()).contains("mixed-3").contains("does not encode");
        assertThat(dead.get(3).path("reason").asText()).contains("mixed-4").contains("nosuchaction");
        assertThat(dead).allSatisfy(d -> assertThat(d.path("topic").asText()).isEqualTo("mixed"));
        assertThat(committed("mixed-senders")).containsOnlyKeys(new TopicPartition("mixed", 0));
        assertThat(committed("mixed-senders").get(new TopicPartition("mixed", 0)).offset()).isEqualTo(7L);
    }

    @Test
    void aBroadcastWithoutAnAnswerIsLookedUpOnChainOnceItCanNoLongerLand() {
        long from = client.getInfo().block(TIMEOUT).headBlockNum();
        KafkaTopics.create(broker.bootstrapServers(), "unanswered", 1);
        List<String> ids = ids("unanswered", 0, 10);
        KafkaTopics.write(broker.bootstrapServers(), "unanswered", Requests.transfers(ids, 1));
        try (LossyProxy proxy = new LossyProxy(devnet.url())) {
            // the first transaction's answer is lost after the node took it, the second's before
            proxy.lose(LossyProxy.Loss.AFTER_FORWARD, LossyProxy.Loss.BEFORE_FORWARD);
            ChainClient via = ChainClient.builder().endpoint(proxy.url()).broadcastRetry(RetryPolicy.none()).build();
            try {
                KafkaToChain sender = instance("unanswered", "a").session(Requests.alice(via, devnet.chainId(), proxy.url(), 20))
                        .batchOptions(BatchOptions.builder().maxActions(5).maxWait(Duration.ofSeconds(30)).build())
                        .build();
                List<RequestOutcome> outcomes = sender.run().take(ids.size()).collectList().block(TIMEOUT);

                assertThat(outcomes).extracting(RequestOutcome::id).containsExactlyElementsOf(ids);
                assertThat(outcomes.subList(0, 5)).allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(RequestOutcome.Status.EXECUTED);
                    assertThat(o.blockNum()).isGreaterThan(from);
                    assertThat(o.transactionId()).isEqualTo(outcomes.get(0).transactionId());
                });
                assertThat(outcomes.subList(5, 10)).allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(RequestOutcome.Status.FAILED);
                    assertThat(o.errorName()).isEqualTo(RequestOutcome.EXPIRED_UNANSWERED);
                    assertThat(o.errorMessage()).contains("expired without landing");
                    assertThat(o.transactionId()).isEqualTo(outcomes.get(5).transactionId()).isNotEqualTo(outcomes.get(0).transactionId());
                });
                Map<String, Integer> onChain = Requests.memosOnChain(client, "unanswered-", from, outcomes.get(0).blockNum());
                assertThat(onChain).containsOnlyKeys(ids.subList(0, 5));
                assertThat(onChain.values()).containsOnly(1);
                assertThat(client.getBlock(outcomes.get(0).blockNum()).block(TIMEOUT).transactions())
                        .anyMatch(t -> t.trx().id().equals(outcomes.get(0).transactionId()));
            } finally {
                via.dispose();
            }
        }
    }

    @Test
    void withoutDemandItReadsNoMoreRequests() throws Exception {
        KafkaTopics.create(broker.bootstrapServers(), "demand", 1);
        List<String> ids = ids("demand", 0, 400);
        KafkaTopics.write(broker.bootstrapServers(), "demand", Requests.transfers(ids, 4));
        KafkaToChain slow = instance("demand", "a").maxPending(20).kafkaProperty("max.poll.records", 20).build();
        TopicPartition p = new TopicPartition("demand", 0);

        StepVerifier.create(slow.run(), 5)
                .expectNextCount(5)
                .then(() -> {
                    // asked for 5: it holds at most maxPending records, plus one poll, and commits no further
                    for (int i = 0; i < 20; i++) {
                        OffsetAndMetadata c = committed("demand-senders").get(p);
                        assertThat(c == null ? 0 : c.offset()).isLessThanOrEqualTo(5 + 20 + 20);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                })
                .thenRequest(ids.size() - 5)
                .expectNextCount(ids.size() - 5)
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(committed("demand-senders").get(p).offset()).isEqualTo(ids.size());
    }

    @Test
    void instancesJoiningAndLeavingMidRunHandPartitionsOverCleanly() throws Exception {
        long from = client.getInfo().block(TIMEOUT).headBlockNum();
        KafkaTopics.create(broker.bootstrapServers(), "shared", 4);
        List<String> first = ids("shared", 0, 1000);
        List<String> second = ids("shared", 1000, 2000);
        KafkaTopics.write(broker.bootstrapServers(), "shared", Requests.transfers(first, 32));

        Set<RequestOutcome> byA = ConcurrentHashMap.newKeySet();
        Set<RequestOutcome> byB = ConcurrentHashMap.newKeySet();
        Disposable a = instance("shared", "a").build().run().subscribe(byA::add);
        Disposable b = null;
        try {
            Requests.await(() -> byA.size() >= 100, "a's first 100 outcomes", () -> "");
            b = instance("shared", "b").build().run().subscribe(byB::add);
            // once b holds partitions, the second half is spread over both instances' partitions
            Requests.await(() -> Requests.hasPartitions(broker.bootstrapServers(), "shared-senders", "b"), "partitions for b", () -> "");
            KafkaTopics.write(broker.bootstrapServers(), "shared", Requests.transfers(second, 32));
            Requests.await(() -> byB.size() >= 200, "b's first 200 outcomes", () -> "");
            b.dispose();                                  // b leaves mid-run: its partitions go back to a
            List<RequestOutcome> all = Requests.awaitOutcomes(broker.bootstrapServers(), "shared.outcomes", first.size() + second.size());
            List<String> ids = new ArrayList<>(first);
            ids.addAll(second);
            assertThat(all).extracting(RequestOutcome::id).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(all).allSatisfy(o -> {
                assertThat(o.status()).isEqualTo(RequestOutcome.Status.EXECUTED);
                assertThat(o.recovered()).as("a handed-over partition needs no scan").isFalse();
            });
            assertThat(byA).doesNotContainAnyElementsOf(byB);

            long last = all.stream().mapToLong(RequestOutcome::blockNum).max().orElseThrow();
            Map<String, Integer> onChain = Requests.memosOnChain(client, "shared-", from, last);
            assertThat(onChain.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(onChain.values()).containsOnly(1);
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }



    static Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
