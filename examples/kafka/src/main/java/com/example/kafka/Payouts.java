package com.example.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.kafka.ActionRequest;
import io.antelopekit.kafka.ChainToKafka;
import io.antelopekit.kafka.KafkaToChain;
import io.antelopekit.kafka.RequestOutcome;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.Disposable;

/**
 * The payouts of docs/kafka.md, against a Kafka broker in this JVM and an embedded devnet: payout
 * requests (transfers of 0.0001 EOS from alice to bob, the request's id as the memo) go to a topic
 * of 4 partitions; two KafkaToChain instances of one group send them; a ChainToKafka writes the
 * irreversible transfers to bob to another topic. Once every request has its outcome, the check
 * reads the transfers back from that topic: each request landed exactly once.
 *
 * <pre>
 * mvn -B -q compile exec:java@kafka                        # 2000 requests
 * mvn -B -q compile exec:java@kafka -Dexec.args=10000
 * </pre>
 */
public final class Payouts {

    /** The longest a step waits. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final String REQUESTS = "payout-requests";
    static final String OUTCOMES = REQUESTS + ".outcomes";
    static final String DEAD_LETTERS = REQUESTS + ".dead-letters";
    static final String TRANSFERS = "transfers-to-bob";
    static final String GROUP = "payouts";
    static final List<String> INSTANCES = List.of("payouts-1", "payouts-2");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a run found.
     *
     * @param requests    how many requests were written
     * @param outcomes    the outcome of each request id, as read_committed reads the outcome topic
     * @param byInstance  how many outcomes each instance committed
     * @param onChain     each memo's transfers in the irreversible blocks, as read back from the transfers topic
     * @param seconds     from the first request written to the last outcome read
     */
    record Summary(int requests, Map<String, RequestOutcome> outcomes, Map<String, Integer> byInstance,
            Map<String, List<JsonNode>> onChain, double seconds) {

        /** The requests whose outcome is not EXECUTED, or that are not on chain exactly once, in the outcome's transaction. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = id(i);
                RequestOutcome o = outcomes.get(id);
                List<JsonNode> landed = onChain.getOrDefault(id, List.of());
                if (o == null || o.status() != RequestOutcome.Status.EXECUTED) {
                    problems.add(id + ": " + o);
                } else if (landed.size() != 1) {
                    problems.add(id + " is on chain " + landed.size() + " times");
                } else if (!landed.get(0).path("trx_id").asText().equals(o.transactionId().toString())) {
                    problems.add(id + " landed in " + landed.get(0).path("trx_id").asText() + ", not in " + o.transactionId());
                }
            }
            return problems;
        }
    }

    /**
     * Runs the payouts and prints a summary; exits with 1 if a request did not land exactly once.
     *
     * @param args the number of requests, 2000 by default
     */
    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Summary s = run(requests);
        Map<RequestOutcome.Status, Integer> statuses = new TreeMap<>();
        s.outcomes().values().forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        long recovered = s.outcomes().values().stream().filter(RequestOutcome::recovered).count();
        System.out.printf("requests: %d, outcomes: %d %s, recovered: %d%n", s.requests(), s.outcomes().size(), statuses, recovered);
        System.out.printf("outcomes per instance: %s%n", new TreeMap<>(s.byInstance()));
        System.out.printf("irreversible transfers read back from %s: %d%n", TRANSFERS,
                s.onChain().values().stream().mapToInt(List::size).sum());
        System.out.printf("%.1f s, %.0f actions/s%n", s.seconds(), s.requests() / s.seconds());
        List<String> problems = s.problems();
        problems.stream().limit(10).forEach(p -> System.out.println("not exactly once: " + p));
        System.out.println(problems.isEmpty() ? "each request landed exactly once" : problems.size() + " requests did not land exactly once");
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Starts the broker and the devnet, writes {@code requests} payouts, sends them, and reads what landed. */
    static Summary run(int requests) {
        try (EmbeddedKafka broker = EmbeddedKafka.start();             // on a temporary directory, deleted at the end
                Devnet devnet = Devnet.builder().irreversibleDistance(2).start()) {
            String servers = broker.bootstrapServers();
            ChainClient client = ChainClient.create(devnet.url());
            long firstBlock = client.getInfo().block(TIMEOUT).headBlockNum() + 1;
            createTopics(servers);

            // the chain to Kafka: the irreversible transfers to bob, keyed by who authorized them
            AtomicLong written = new AtomicLong();           // the last block ChainToKafka has committed
            Disposable toKafka = ChainToKafka.builder()
                    .name("transfers-to-bob")
                    .stream(BlockStream.builder(client).follow(Follow.IRREVERSIBLE).from(firstBlock))
                    .filter(ActionFilter.transfersTo("bob").contract("eosio.token"))
                    .keyBy(ChainToKafka.KeyBy.ACTOR)
                    .bootstrapServers(servers)
                    .topic(TRANSFERS)
                    .build()
                    .run()
                    // the last block written whole: a batch may end in the middle of a block
                    .subscribe(checkpoint -> written.set(checkpoint.isWholeBlock() ? checkpoint.blockNum() : checkpoint.blockNum() - 1));

            // Kafka to the chain: two instances of one group share the request topic's partitions
            Session alice = session(devnet, client);
            Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
            List<Disposable> instances = new ArrayList<>();
            for (String instance : INSTANCES) {
                AtomicInteger count = byInstance.computeIfAbsent(instance, i -> new AtomicInteger());
                instances.add(sender(alice, servers, instance).run().subscribe(outcome -> count.incrementAndGet()));
            }
            await(() -> INSTANCES.stream().allMatch(i -> holdsPartitions(servers, i)), "both instances hold partitions");

            long start = System.nanoTime();
            writeRequests(servers, requests);
            Map<String, RequestOutcome> outcomes = readOutcomes(servers, requests);
            double seconds = (System.nanoTime() - start) / 1e9;
            instances.forEach(Disposable::dispose);

            // every transfer ChainToKafka wrote, once it has written the last outcome's block
            long last = outcomes.values().stream().mapToLong(RequestOutcome::blockNum).max().orElse(firstBlock);
            await(() -> written.get() >= last, "block " + last + " in " + TRANSFERS);
            toKafka.dispose();
            Map<String, List<JsonNode>> onChain = new HashMap<>();
            for (JsonNode action : readActions(servers, TRANSFERS)) {
                if (action.path("data").path("from").asText().equals("alice")) {
                    onChain.computeIfAbsent(action.path("data").path("memo").asText(), m -> new ArrayList<>()).add(action);
                }
            }
            Map<String, Integer> counts = new HashMap<>();
            byInstance.forEach((instance, count) -> counts.put(instance, count.get()));
            client.dispose();
            return new Summary(requests, outcomes, counts, onChain, seconds);
        }
    }

    /** One instance: alice's session sends the requests of the partitions it is given. */
    static KafkaToChain sender(Session alice, String servers, String instance) {
        return KafkaToChain.builder()
                .session(alice)
                .bootstrapServers(servers)
                .groupId(GROUP)
                .requestTopic(REQUESTS)                     // outcomes to payout-requests.outcomes
                .instanceId(instance)                       // transactional.id antelopekit-payouts-<instance>
                .kafkaProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .kafkaProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000)
                .build();
    }

    /** alice's session with her devnet key (in production: the key from the environment, see bots.md). */
    static Session session(Devnet devnet, ChainClient client) {
        return Session.builder()
                .chain(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .client(client)
                .actor("alice").permission("active")
                .expireSeconds(30)                          // a take-over after a crash waits this long
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .build();
    }

    static String id(int i) {
        return "payout-" + i;
    }

    /** The request topic with 4 partitions: at most 4 instances send at once. */
    static void createTopics(String servers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(REQUESTS, 4, (short) 1), new NewTopic(OUTCOMES, 1, (short) 1),
                    new NewTopic(DEAD_LETTERS, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("creating the topics failed", e);
        }
    }

    /** Writes the payout requests, each keyed by its id: payouts need no order among themselves. */
    static void writeRequests(String servers, int requests) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < requests; i++) {
                Map<String, Object> transfer = new LinkedHashMap<>();
                transfer.put("from", "alice");
                transfer.put("to", "bob");
                transfer.put("quantity", "0.0001 EOS");
                transfer.put("memo", id(i));                // what makes each action unique
                ActionRequest request = ActionRequest.of(id(i), "eosio.token", "transfer", transfer);
                producer.send(new ProducerRecord<>(REQUESTS, request.id(), request.toJson()));
            }
            producer.flush();
        }
    }

    /** Each request's outcome, once every one of the {@code requests} is on the outcome topic. */
    static Map<String, RequestOutcome> readOutcomes(String servers, int requests) {
        Map<String, RequestOutcome> outcomes = new HashMap<>();
        readCommitted(servers, OUTCOMES, r -> {
            RequestOutcome o = RequestOutcome.parse(r.value());
            outcomes.put(o.id(), o);
        }, () -> outcomes.size() >= requests);
        return outcomes;
    }

    /** The actions on {@code topic} once no transaction on it is open (its last stable offsets are its ends). */
    static List<JsonNode> readActions(String servers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            await(() -> ends(admin, latest, IsolationLevel.READ_COMMITTED).equals(ends(admin, latest, IsolationLevel.READ_UNCOMMITTED)),
                    "the open transactions on " + topic + " to end");
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("describing " + topic + " failed", e);
        }
        List<JsonNode> actions = new ArrayList<>();
        readCommitted(servers, topic, r -> actions.add(read(r.value())), () -> true);
        return actions;
    }

    /**
     * Reads {@code topic} from the start as {@code read_committed} does, record by record, until
     * {@code enough} and the reader is at the end of every partition.
     */
    static void readCommitted(String servers, String topic, Consumer<ConsumerRecord<String, String>> each, BooleanSupplier enough) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!enough.getAsBoolean() || consumer.endOffsets(partitions).entrySet().stream()
                    .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(each);
            }
        }
    }

    /** Each partition's end offset as a reader of {@code level} sees it. */
    static Map<TopicPartition, Long> ends(Admin admin, Map<TopicPartition, OffsetSpec> latest, IsolationLevel level) {
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(level)).all().get()
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("listing the offsets failed", e);
        }
    }

    /** Whether the group's member of this instance has partitions assigned. */
    static boolean holdsPartitions(String servers, String instance) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members().stream()
                    .anyMatch(m -> m.clientId().equals("antelopekit-" + GROUP + "-" + instance)
                            && !m.assignment().topicPartitions().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;                               // no member has joined yet
            }
            throw new IllegalStateException("describing the group failed", e);
        } catch (InterruptedException e) {
            throw new IllegalStateException("describing the group failed", e);
        }
    }

    /** Waits until {@code condition} holds, checking it again and again; fails after {@link #TIMEOUT}. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + TIMEOUT + " for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
