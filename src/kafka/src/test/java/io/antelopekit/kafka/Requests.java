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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

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



    /** The requests {@code ids} as records keyed by one of {@code keys} accounts, round robin. */
    static List<Map.Entry<String, String>> transfers(List<String> ids, int keys) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            records.add(Map.entry("k" + (i % keys), transfer(ids.get(i)).toJson()));
        }
        return records;
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

    /** Waits until {@code condition} holds; fails after {@link #TIMEOUT}, saying what did not come and {@code more}. */
    static void await(BooleanSupplier condition, String what, Supplier<String> more) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + TIMEOUT + more.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The outcomes on {@code topic} once {@code count} distinct requests have one (read_committed), or after twice {@link #TIMEOUT}. */
    static List<RequestOutcome> awaitOutcomes(String servers, String topic, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos() * 2;
        while (true) {
            List<RequestOutcome> all = outcomes(servers, topic);
            if (all.stream().map(RequestOutcome::id).distinct().count() >= count || System.nanoTime() > deadline) {
                return all;
            }
        }
    }

    /** The outcomes on {@code topic} as read_committed sees them. */
    static List<RequestOutcome> outcomes(String servers, String topic) {
        return KafkaTopics.readCommitted(servers, topic).stream().map(r -> RequestOutcome.parse(r.value())).collect(Collectors.toList());
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
