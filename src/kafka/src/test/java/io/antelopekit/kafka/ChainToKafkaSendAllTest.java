package io.antelopekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.kafka.internal.TransactionalSender;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.EmbeddedKafkaExtension;
import io.antelopekit.test.BlockHoundSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * The batched sends under {@link ChainToKafka}: {@link TransactionalSender#sendAll} sends a
 * transaction's records back to back and completes once all are acknowledged, each partition
 * keeping their order; a record the broker cannot take fails it, and the transaction is aborted.
 */
@ExtendWith(BlockHoundSupport.class)
class ChainToKafkaSendAllTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static EmbeddedKafka broker;

    @BeforeAll
    static void start() {
        broker = KAFKA.kafka();
    }

    static Map<String, Object> producerConfig(String id) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    static void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed values of {@code topic}'s partition, in order, up to {@code count} of them. */
    static List<String> read(String topic, int partition, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition p = new TopicPartition(topic, partition);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }

    @Test
    void aBatchSentBackToBackIsAcknowledgedWholeAndKeepsItsOrderPerPartition() {
        String topic = "send-all";
        createTopic(topic, 2);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(new ProducerRecord<>(topic, i % 2, "k", Integer.toString(i)));
        }
        StepVerifier.create(TransactionalSender.create(producerConfig("send-all"), "send-all-test")
                        .flatMap(sender -> sender.beginTransaction()
                                .then(sender.sendAll(records))
                                .then(sender.sendAll(List.of()))
                                .then(sender.commitTransaction())
                                .then(sender.close())))
                .expectComplete().verify(TIMEOUT);
        for (int partition = 0; partition < 2; partition++) {
            int p = partition;
            List<String> expected = IntStream.range(0, 300).filter(i -> i % 2 == p).mapToObj(Integer::toString)
                    .collect(Collectors.toList());
            assertThat(read(topic, p, expected.size())).as("partition " + p).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aRecordTheBrokerCannotTakeFailsTheBatchAndItsTransactionIsAborted() {
        String topic = "send-all-failing";
        createTopic(topic, 1);
        List<ProducerRecord<String, String>> records = List.of(
                new ProducerRecord<>(topic, 0, "k", "before"),
                new ProducerRecord<>(topic, 7, "k", "to a partition the topic has not"),
                new ProducerRecord<>(topic, 0, "k", "after"));
        Map<String, Object> config = producerConfig("send-all-failing");
        // the producer waits this long for the partition to appear in the metadata, then fails the send
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        TransactionalSender sender = TransactionalSender.create(config, "send-all-failing-test").block(TIMEOUT);
        try {
            StepVerifier.create(sender.beginTransaction().then(sender.sendAll(records)))
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("7"))
                    .verify(TIMEOUT);
            StepVerifier.create(sender.abortTransaction()).expectComplete().verify(TIMEOUT);
            // the same producer writes the next transaction; the aborted one is not read_committed
            StepVerifier.create(sender.beginTransaction()
                            .then(sender.sendAll(List.of(new ProducerRecord<>(topic, 0, "k", "next"))))
                            .then(sender.commitTransaction()))
                    .expectComplete().verify(TIMEOUT);
        } finally {
            sender.close().block(TIMEOUT);
        }
        assertThat(read(topic, 0, 1)).containsExactly("next");
    }
}
