package io.antelopekit.kafkatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The broker: a transactional write is read back, also after a restart on the same ports and log directory. */
class EmbeddedKafkaTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path dir;

    @Test
    void aCommittedTransactionIsReadBackAfterARestartOnTheSamePortAndLogDirectory() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            write(kafka, "t", "v");
            kafka.stopBroker();
            assertThat(kafka.isRunning()).isFalse();
            kafka.startBroker();
            assertThat(readOne(kafka, "t")).isEqualTo("v");
            assertThatThrownBy(kafka::startBroker).isInstanceOf(IllegalStateException.class).hasMessageContaining("is running");
        }
        assertThat(dir.resolve("kraft")).as("a log directory given is kept").exists();
    }

    @Test
    void theExtensionsBrokerTakesTransactionsAndAStartedOneDeletesItsDirectoryOnClose() {
        write(KAFKA.kafka(), "ext", "w");
        assertThat(readOne(KAFKA.kafka(), "ext")).isEqualTo("w");
        assertThat(KAFKA.kafka().toString()).startsWith("EmbeddedKafka[127.0.0.1:");

        Path made;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            made = kafka.logDirectory().getParent();
            assertThat(made).exists();
        }
        assertThat(Files.exists(made)).isFalse();
    }

    @Test
    void topicsAreCreatedWrittenAndReadToTheirEndInOrder() {
        String servers = KAFKA.kafka().bootstrapServers();
        KafkaTopics.create(servers, "three", 3);
        List<Map.Entry<String, String>> records = List.of(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("a", "3"),
                Map.entry("c", "4"), Map.entry("a", "5"));
        KafkaTopics.write(servers, "three", records);
        var read = KafkaTopics.readCommitted(servers, "three");
        assertThat(read).hasSize(5);
        assertThat(read.stream().map(r -> r.partition()).distinct()).hasSizeLessThanOrEqualTo(3);
        // one key's records in their order
        assertThat(read.stream().filter(r -> r.key().equals("a")).map(r -> r.value())).containsExactly("1", "3", "5");
        assertThat(KafkaTopics.read(servers, "three", "read_uncommitted")).hasSize(5);
        assertThatThrownBy(() -> KafkaTopics.create(servers, "three", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("creating three failed");
    }

    static void write(EmbeddedKafka kafka, String topic, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-test-" + topic),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", value));
            producer.commitTransaction();
        }
    }

    static String readOne(EmbeddedKafka kafka, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 300; i++) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    return r.value();
                }
            }
            return null;
        }
    }
}
