package io.antelopekit.kafkatest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What tests do with topics of string records, against any brokers ({@code bootstrap.servers}):
 * create one, write records, and read a topic to its end as a {@code read_committed} reader sees
 * it. Every call blocks: call them from a test's thread, not from a Reactor or Netty thread.
 */
public final class KafkaTopics {

    /** How long a read waits for the transactions open on the topic to end. */
    public static final Duration TIMEOUT = Duration.ofMinutes(2);

    private KafkaTopics() {
    }

    /** Creates {@code topic} with {@code partitions} partitions of one replica. */
    public static void create(String servers, String topic, int partitions) {
        try (Admin admin = admin(servers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("creating " + topic + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes {@code records} (key, value) to {@code topic} in order and waits until the brokers have them all. */
    public static void write(String servers, String topic, List<Map.Entry<String, String>> records) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /** Every record of {@code topic} a {@code read_committed} reader sees (see {@link #read}). */
    public static List<ConsumerRecord<String, String>> readCommitted(String servers, String topic) {
        return read(servers, topic, "read_committed");
    }

    /**
     * Every record of {@code topic} a reader with this {@code isolation.level} sees, from the start
     * of each partition to its end, in each partition's order; first waits until no transaction is
     * open on the topic (its last stable offsets reach its high watermarks: a commit's markers are
     * written after the commit returns, and a crashed producer's transaction is aborted by the
     * broker once it times out).
     *
     * @throws IllegalStateException if a transaction stays open longer than {@link #TIMEOUT}
     */
    public static List<ConsumerRecord<String, String>> read(String servers, String topic, String isolation) {
        try (Admin admin = admin(servers)) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ends(admin, latest, IsolationLevel.READ_COMMITTED).equals(ends(admin, latest, IsolationLevel.READ_UNCOMMITTED))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a transaction on " + topic + " stayed open for " + TIMEOUT);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    records.add(r);
                }
            }
            return records;
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Map<TopicPartition, OffsetSpec> latest, IsolationLevel level)
            throws InterruptedException, ExecutionException {
        return admin.listOffsets(latest, new ListOffsetsOptions(level)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Admin admin(String servers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }
}
