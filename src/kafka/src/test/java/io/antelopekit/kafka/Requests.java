package io.antelopekit.kafka;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** What the KafkaToChain tests share: topics, requests, reading what committed, and the transfers on chain. */
final class Requests {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Requests() {
    }

    /** alice's session on the devnet at {@code url}, its transactions expiring after {@code expireSeconds}. */
    static Session alice(ChainClient client, Checksum256 chainId, String url, int expireSeconds) {
        return Session.builder().chain(ChainDefinition.of(chainId, url)).client(client).actor("alice").permission("active")
                .expireSeconds(expireSeconds)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
    }

    /** A transfer of 0.0001 EOS from alice to bob whose memo is the request's id. */
    static ActionRequest transfer(String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", "alice");
        data.put("to", "bob");
        data.put("quantity", "0.0001 EOS");
        data.put("memo", id);
        return ActionRequest.of(id, "eosio.token", "transfer", data);
    }

    static void createTopic(String servers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("creating " + topic, e);
        }
    }

    /** Writes {@code records} (key, value) to {@code topic} and waits for the broker's acknowledgements. */
    static void produce(String servers, String topic, List<Map.Entry<String, String>> records) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, String> r : records) {
                p.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            p.flush();
        }
    }

    /** The requests {@code ids} as records keyed by one of {@code keys} accounts, round robin. */
    static List<Map.Entry<String, String>> transfers(List<String> ids, int keys) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            records.add(Map.entry("k" + (i % keys), transfer(ids.get(i)).toJson()));
        }
        return records;
    }

    /** Every record of {@code topic} a {@code read_committed} reader sees (see {@link #read}). */
    static List<ConsumerRecord<String, String>> readCommitted(String servers, String topic) {
        return read(servers, topic, "read_committed");
    }

    /**
     * Every record of {@code topic} a reader with this isolation level sees, from the start of each
     * partition to its end, once no transaction on it is open (its last stable offsets reach its
     * high watermarks: a commit's markers are written after it returns, and a crashed producer's
     * transaction is aborted by the broker when it times out).
     */
    static List<ConsumerRecord<String, String>> read(String servers, String topic, String isolation) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ends(admin, latest, IsolationLevel.READ_COMMITTED).equals(ends(admin, latest, IsolationLevel.READ_UNCOMMITTED))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a transaction on " + topic + " stayed open for " + TIMEOUT);
                }
                Thread.sleep(20);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
            throws Exception {
        return admin.listOffsets(latest, new ListOffsetsOptions(level)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Whether the group's member of this KafkaToChain instance id has partitions assigned. */
    static boolean hasPartitions(String servers, String group, String instanceId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .anyMatch(m -> m.clientId().equals("antelopekit-" + group + "-" + instanceId)
                            && !m.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcomes on {@code topic} as read_committed sees them. */
    static List<RequestOutcome> outcomes(String servers, String topic) {
        return readCommitted(servers, topic).stream().map(r -> RequestOutcome.parse(r.value())).collect(Collectors.toList());
    }

    /**
     * How often each memo starting with {@code prefix} of alice's transfers to bob is in the
     * irreversible blocks from {@code from} up to the last irreversible block once it has reached
     * {@code until}.
     */
    static Map<String, Integer> memosOnChain(ChainClient client, String prefix, long from, long until) {
        long lib;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while ((lib = client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum()) < until) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("block " + until + " did not become irreversible");
            }
            Thread.onSpinWait();
        }
        Map<String, Integer> counts = new HashMap<>();
        BlockStream.builder(client).follow(Follow.IRREVERSIBLE).from(from).until(lib).build()
                .actions(ActionFilter.transfersTo("bob").contract("eosio.token"))
                .filter(e -> e.data().path("from").asText().equals("alice") && e.data().path("memo").asText().startsWith(prefix))
                .doOnNext(e -> counts.merge(e.data().path("memo").asText(), 1, Integer::sum))
                .blockLast(TIMEOUT);
        return counts;
    }
}
