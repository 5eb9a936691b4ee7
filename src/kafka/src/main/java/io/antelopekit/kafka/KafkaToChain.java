package io.antelopekit.kafka;

import io.antelopekit.session.BatchOptions;
import io.antelopekit.session.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Sends the {@link ActionRequest}s of a Kafka topic to the chain, exactly once, from as many
 * instances as you run: they share the topic's partitions in one consumer group, and each
 * partition's requests go, in their order, through one {@link Session#transactAll} of the
 * session. Each request's {@link RequestOutcome} goes to the outcome topic, and a record that is
 * not a request to the dead-letter topic with its reason, in the same Kafka transaction as the
 * request's offset (consume, transform, produce).
 *
 * <pre>{@code
 * KafkaToChain.builder()
 *     .session(payer)                          // its wallet signs; its permission is the default authorization
 *     .bootstrapServers("127.0.0.1:9092")
 *     .groupId("payouts")
 *     .requestTopic("payout-requests")         // outcomes to payout-requests.outcomes
 *     .build()
 *     .run()                                   // a Flux of the outcomes committed
 *     .subscribe();
 * }</pre>
 *
 * <h2>Exactly once</h2>
 * <ul>
 * <li>An outcome, a dead letter and the offset after them commit together: a request is never
 *     read again once its outcome is written, and never left without one.</li>
 * <li>The chain is not part of the Kafka transaction: an instance can stop after a transaction
 *     landed and before its outcome committed. With each offset it commits the block from which a
 *     later owner must look (the last irreversible block before the first request after that
 *     offset was read). An instance that takes a partition over, after a crash or a lost
 *     partition, first reads the blocks from there until the chain is past the expiration of any
 *     transaction sent before ({@link Session#expireSeconds()}), and does not send again a request
 *     whose action it finds there, authorized by the session's actor: its outcome says
 *     {@link RequestOutcome#recovered() recovered}, with the transaction and block found. Give each
 *     request's action something of its own (the id in a memo, say): two requests whose actions
 *     are identical, byte for byte, are told apart only by partition and order.</li>
 * <li>A partition handed over in a rebalance is drained: no new request is sent, those in flight
 *     end, their outcomes and the offset commit, marked clean, and the next owner starts at once.</li>
 * <li>Requests the chain refuses get a {@code FAILED} outcome (transactAll splits a refused batch
 *     so the others land).</li>
 * <li>A transaction sent without an answer (a timeout, a lost connection) is not sent again. The
 *     partition waits until it has landed or expired, and looks for it in the blocks: its requests
 *     get {@code EXECUTED} with the block found, or {@code FAILED} with
 *     {@link RequestOutcome#EXPIRED_UNANSWERED} when it never landed (and never will). Every
 *     outcome on the topic is final.</li>
 * </ul>
 * Run one instance per {@link Builder#instanceId instance id}: it names the instance's
 * transactional producer, and a second instance under the same id fences the first.
 */
public final class KafkaToChain {

    /** How often done requests are committed, by default. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** Records a partition holds (taken, not committed) before it is paused, by default. */
    public static final int DEFAULT_MAX_PENDING = 2000;

    private final Session session;
    private final String groupId;
    private final String requestTopic;
    private final String outcomeTopic;
    private final String deadLetterTopic;
    private final String instanceId;
    private final BatchOptions batchOptions;
    private final Duration commitInterval;
    private final Duration drainTimeout;
    private final Duration headInterval;
    private final int maxPending;
    private final Map<String, Object> kafka;
    private final Object meterRegistry;

    private KafkaToChain(Builder b) {
        this.session = b.session;
        this.groupId = b.groupId;
        this.requestTopic = b.requestTopic;
        this.outcomeTopic = b.outcomeTopic != null ? b.outcomeTopic : b.requestTopic + ".outcomes";
        this.deadLetterTopic = b.deadLetterTopic != null ? b.deadLetterTopic : b.requestTopic + ".dead-letters";
        this.instanceId = b.instanceId != null ? b.instanceId : UUID.randomUUID().toString();
        this.batchOptions = b.batchOptions.mutate().ordered(true).build();
        this.commitInterval = b.commitInterval;
        this.headInterval = b.headInterval;
        this.maxPending = b.maxPending;
        this.kafka = Map.copyOf(b.kafka);
        this.meterRegistry = b.meterRegistry;
        this.drainTimeout = b.drainTimeout != null ? b.drainTimeout : Duration.ofSeconds(expireSeconds() + 30L);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one instance: joins the group, sends the requests of the partitions it is given, and
     * emits each outcome once it is committed. Cold: nothing happens before subscription; each
     * subscription is an instance of its own. Backpressure: while the subscriber requests no more
     * outcomes, the instance reads no more requests (the partitions are paused; what it holds
     * still goes out and is committed, its outcomes kept until requested), and at most
     * {@link Builder#maxPending maxPending} records per partition are held at once. Cancelling hands its partitions back as a rebalance
     * does (in-flight transactions end and commit, within the drain timeout), then closes the
     * clients. A fenced producer or a failed pipeline ends the flux with a
     * {@link KafkaToChainException}.
     */
    public Flux<RequestOutcome> run() {
        return Flux.create(sink -> {
            RequestLoop loop = new RequestLoop(this, sink, consumerConfig(), producerConfig());
            sink.onDispose(loop::stop);
            loop.start("antelopekit-kafka-to-chain-" + instanceId);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    Session session() {
        return session;
    }

    /** The instance's meters, or {@code null} without a registry. */
    KafkaMeters meters() {
        return meterRegistry == null ? null
                : new KafkaMeters((io.micrometer.core.instrument.MeterRegistry) meterRegistry, groupId, instanceId);
    }

    String requestTopic() {
        return requestTopic;
    }

    String outcomeTopic() {
        return outcomeTopic;
    }

    String deadLetterTopic() {
        return deadLetterTopic;
    }

    BatchOptions batchOptions() {
        return batchOptions;
    }

    Duration commitInterval() {
        return commitInterval;
    }

    Duration drainTimeout() {
        return drainTimeout;
    }

    Duration headInterval() {
        return headInterval;
    }

    int maxPending() {
        return maxPending;
    }

    /** The longest a transaction this instance sends stays valid: the session's or the batches' expiration. */
    int expireSeconds() {
        Integer batch = batchOptions.transactOptions().expireSeconds();
        return Math.max(session.expireSeconds(), batch == null ? 0 : batch);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>(kafka);
        c.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a rebalance moves only the partitions that change owner: the others keep sending
        c.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "antelopekit-" + groupId + "-" + instanceId);
        c.keySet().removeIf(k -> ProducerConfig.configNames().contains(k) && !ConsumerConfig.configNames().contains(k));
        return c;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>(kafka);
        c.keySet().removeIf(k -> ConsumerConfig.configNames().contains(k) && !ProducerConfig.configNames().contains(k));
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "antelopekit-" + groupId + "-" + instanceId);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // a transaction here lasts one batch: a crashed instance's open one stops read_committed readers
        // of its partitions (the last stable offset) until the broker aborts it, 15 s rather than 60
        c.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        return c;
    }

    @Override
    public String toString() {
        return "KafkaToChain[" + requestTopic + " -> " + session.chain().id() + " as " + session.permissionLevel()
                + ", group " + groupId + ", instance " + instanceId + "]";
    }

    /**
     * Builds a {@link KafkaToChain}; the {@link #session}, {@link #bootstrapServers},
     * {@link #groupId} and {@link #requestTopic} are required.
     */
    public static final class Builder {
        private Session session;
        private String groupId;
        private String requestTopic;
        private String outcomeTopic;
        private String deadLetterTopic;
        private String instanceId;
        private BatchOptions batchOptions = BatchOptions.DEFAULT;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private Duration drainTimeout;
        private Duration headInterval = Duration.ofSeconds(1);
        private int maxPending = DEFAULT_MAX_PENDING;
        private final Map<String, Object> kafka = new HashMap<>();
        private Object meterRegistry;

        private Builder() {
        }

        /**
         * Records the instance's meters in {@code registry}, tagged {@code group} and
         * {@code instance}: {@code antelopekit.kafka.requests} (outcomes committed, tagged
         * {@code status} and {@code recovered}), {@code antelopekit.kafka.dead.letters},
         * {@code antelopekit.kafka.commit} (a timer of the Kafka transactions, tagged
         * {@code outcome} {@code success} or {@code error}) and {@code antelopekit.kafka.held}
         * (request records taken and not yet committed). Micrometer is an optional dependency.
         *
         * @param registry the registry, or {@code null} for none
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** The session that signs and sends; its permission authorizes requests that name none. */
        public Builder session(Session session) {
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        /** The brokers, {@code host:port,...}. */
        public Builder bootstrapServers(String servers) {
            kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(servers, "servers"));
            return this;
        }

        /** The consumer group the instances share. */
        public Builder groupId(String groupId) {
            this.groupId = nonBlank(groupId, "groupId");
            return this;
        }

        /** The topic of the requests. */
        public Builder requestTopic(String topic) {
            this.requestTopic = nonBlank(topic, "requestTopic");
            return this;
        }

        /** The topic of the outcomes; the request topic's name and {@code .outcomes} by default. */
        public Builder outcomeTopic(String topic) {
            this.outcomeTopic = nonBlank(topic, "outcomeTopic");
            return this;
        }

        /** The topic of the records that are not requests; the request topic's name and {@code .dead-letters} by default. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = nonBlank(topic, "deadLetterTopic");
            return this;
        }

        /**
         * This instance's stable name (a host or pod name): with the group id it makes the
         * {@code transactional.id}, so a restarted instance aborts what its predecessor left open.
         * A random one by default.
         */
        public Builder instanceId(String instanceId) {
            this.instanceId = nonBlank(instanceId, "instanceId");
            return this;
        }

        /** How each partition's transactAll packs and sends; made {@code ordered}. {@link BatchOptions#DEFAULT} by default. */
        public Builder batchOptions(BatchOptions options) {
            this.batchOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** How often done requests are committed; 100 ms by default. */
        public Builder commitInterval(Duration interval) {
            this.commitInterval = positive(interval, "commitInterval");
            return this;
        }

        /** How long a partition handed back waits for its transactions in flight; the expiration plus 30 s by default. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = positive(timeout, "drainTimeout");
            return this;
        }

        /** How often the chain's irreversible block is read (and the head, while taking a partition over); 1 s by default. */
        public Builder headInterval(Duration interval) {
            this.headInterval = positive(interval, "headInterval");
            return this;
        }

        /** Records a partition holds before it is paused; 2000 by default. */
        public Builder maxPending(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("maxPending must be positive: " + records);
            }
            this.maxPending = records;
            return this;
        }

        /**
         * A further client setting (security, timeouts) for the consumer and the producer; a
         * setting only one of them knows goes to that one.
         */
        public Builder kafkaProperty(String key, Object value) {
            kafka.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalStateException if the session, the servers, the group or the request topic is missing */
        public KafkaToChain build() {
            if (session == null || groupId == null || requestTopic == null
                    || !kafka.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalStateException("session, bootstrapServers, groupId and requestTopic are required");
            }
            KafkaToChain built = new KafkaToChain(this);
            if (built.outcomeTopic.equals(requestTopic) || built.deadLetterTopic.equals(requestTopic)) {
                throw new IllegalStateException("the outcome and dead-letter topics must not be the request topic " + requestTopic);
            }
            return built;
        }

        private static String nonBlank(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
