package io.antelopekit.kafka;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.kafkatest.KafkaTopics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
        KafkaTopics.create(servers, topic, partitions);
    }

    /** Writes {@code records} (key, value) to {@code topic} and waits for the broker's acknowledgements. */
    static void produce(String servers, String topic, List<Map.Entry<String, String>> records) {
        KafkaTopics.write(servers, topic, records);
    }

    /** The requests {@code ids} as records keyed by one of {@code keys} accounts, round robin. */
    static List<Map.Entry<String, String>> transfers(List<String> ids, int keys) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            records.add(Map.entry("k" + (i % keys), transfer(ids.get(i)).toJson()));
        }
        return records;
    }

    /** Every record of {@code topic} a {@code read_committed} reader sees (see {@link KafkaTopics#read}). */
    static List<ConsumerRecord<String, String>> readCommitted(String servers, String topic) {
        return KafkaTopics.readCommitted(servers, topic);
    }

    /** Every record of {@code topic} a reader with this isolation level sees (see {@link KafkaTopics#read}). */
    static List<ConsumerRecord<String, String>> read(String servers, String topic, String isolation) {
        return KafkaTopics.read(servers, topic, isolation);
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
