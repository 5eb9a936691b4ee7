package io.antelopekit.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.kafka.internal.Receiver;
import io.antelopekit.kafka.internal.Topics;
import io.antelopekit.kafka.internal.TransactionalSender;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.Block;
import io.antelopekit.stream.BlockActions;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.TableDelta;
import io.antelopekit.stream.TableFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes the actions a {@link BlockStream} reads to a Kafka topic, exactly once: each batch of
 * records and the stream's {@link Checkpoint} after them go in one Kafka transaction, the
 * checkpoint to a compacted topic under the pipeline's {@link Builder#name name}.
 * Started again, it reads that checkpoint ({@code read_committed}) and resumes the stream right
 * after it; a batch cut short (an error, a cancel, a crash) is aborted, and written again after the
 * restart. Readers see each event once with {@code isolation.level=read_committed}.
 *
 * <pre>{@code
 * ChainToKafka.builder()
 *     .name("transfers")
 *     .stream(BlockStream.builder(client).from(1))
 *     .filter(ActionFilter.all())
 *     .bootstrapServers("127.0.0.1:9092")
 *     .topic("chain-actions")
 *     .build()
 *     .run()                       // a Flux of the checkpoints committed, one per batch
 *     .subscribe();
 * }</pre>
 *
 * <h2>Records (schema 1)</h2>
 * An action, keyed by {@link KeyBy}, its value a JSON object:
 * <pre>{@code
 * {"type":"action", "schema":1, "block_num":12, "block_id":"<hex>", "timestamp":"2026-12-07T03:35:00.500",
 *  "irreversible":false, "trx_id":"<hex>", "action_index":0, "position":3, "contract":"eosio.token",
 *  "action":"transfer", "receiver":"eosio.token", "inline":false, "notification":false,
 *  "authorization":[{"actor":"alice","permission":"active"}],
 *  "data":{...} or null when not decoded, "hex_data":"<hex>"}
 * }</pre>
 * An undo record, written to every partition of the topic when the stream (following the head)
 * switched forks, before anything of the new branch: events already written with
 * {@code block_num >= from_block} are no longer on the chain.
 * <pre>{@code {"type":"undo", "schema":1, "from_block":11}}</pre>
 * Its key is the pipeline's name. It comes from the stream's own fork signal
 * ({@link Block#undone()}): {@code from_block} is the number of the first
 * block of the new branch, the first one no longer on the chain of those written before. It is
 * written for every fork switch, also one that undoes blocks without events (then a reader has
 * nothing to undo); following {@link io.antelopekit.stream.Follow#IRREVERSIBLE} there are none.
 *
 * <p>The checkpoint record: key the pipeline's name, value the checkpoint's text form
 * ({@link Checkpoint#toString()}).
 *
 * <p>With {@link Builder#blocksTopic}, a block record per block, keyed by the pipeline's name:
 * <pre>{@code
 * {"type":"block", "schema":1, "block_num":12, "block_id":"<hex>", "previous":"<hex>",
 *  "timestamp":"2026-12-07T03:35:00.500", "producer":"eosio", "irreversible":false, "transactions":3}
 * }</pre>
 * With {@link Builder#tableDeltas}, a row record per table row written or removed, keyed by
 * {@code code:scope:table:primary_key}:
 * <pre>{@code
 * {"type":"row", "schema":1, "block_num":12, "block_id":"<hex>", "timestamp":"...", "irreversible":false,
 *  "code":"eosio.token", "scope":"alice", "table":"accounts", "primary_key":"5459781",
 *  "payer":"alice", "present":true, "data":{"balance":"9.0000 EOS"} or null, "hex_data":"<hex>"}
 * }</pre>
 * Both are written at the end of their block, in the same transaction as the block's checkpoint;
 * an undo record goes to every partition of these topics too.
 *
 * <h2>Batches</h2>
 * The stream is read block by block ({@link BlockStream#blockActions(ActionFilter)}) as items: a
 * block's undo marker (after a fork switch), its events, and the end of the block. At most
 * {@link Builder#batch batch size} items, or those that came within the batch timeout, make a
 * transaction; its checkpoint is that of its last item: an event's, or at the end of a block the
 * whole block's ({@link Block#checkpoint()}). So the checkpoint advances
 * over blocks without matching events too: a batch of only block ends is a transaction holding
 * only the checkpoint record. A batch holding only an undo marker (cut off from the rest of its
 * block) holds no checkpoint record and emits none: written again after a restart, the undo
 * record is only said twice. The records of a batch are sent back to back, not one round trip
 * each; the transaction commits once the broker has acknowledged all of them.
 */
public final class ChainToKafka {

    /** Items (events, block ends, undo markers) per transaction at most, by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** How long a batch waits for more items before it is written, by default. */
    public static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofMillis(200);
    /** The compacted topic of the checkpoints, by default. */
    public static final String DEFAULT_CHECKPOINT_TOPIC = "antelopekit-checkpoints";
    /** The version of the records' JSON. */
    public static final int SCHEMA = 1;

    /** What an action's record is keyed by (and so partitioned by). */
    public enum KeyBy {
        /** The account whose code ran it (a notified account for a notification). */
        RECEIVER,
        /** The contract. */
        CONTRACT,
        /** The first authorizing actor (the contract, for an action without authorization). */
        ACTOR
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final BlockStream.Builder stream;
    private final ActionFilter filter;
    private final String topic;
    private final String checkpointTopic;
    private final KeyBy keyBy;
    private final int batchSize;
    private final Duration batchTimeout;
    private final Map<String, Object> kafka;
    private final Function<List<ActionEvent>, Mono<Void>> beforeCommit;
    private final String blocksTopic;
    private final TableFilter tables;
    private final String deltasTopic;

    private ChainToKafka(Builder b) {
        this.name = b.name;
        this.stream = b.stream;
        this.filter = b.filter;
        this.topic = b.topic;
        this.checkpointTopic = b.checkpointTopic;
        this.keyBy = b.keyBy;
        this.batchSize = b.batchSize;
        this.batchTimeout = b.batchTimeout;
        this.kafka = Map.copyOf(b.kafka);
        this.beforeCommit = b.beforeCommit;
        this.blocksTopic = b.blocksTopic;
        this.tables = b.tables;
        this.deltasTopic = b.deltasTopic;
    }

    /** A builder of a pipeline; name, stream, bootstrap servers and topic are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline: reads its checkpoint, resumes the stream after it, writes batch after
     * batch in transactions; emits each committed batch's checkpoint (none for a batch of only an
     * undo marker). Cold: nothing happens before subscription. Cancelling aborts the open
     * transaction and closes the producer; an error does the same and ends the flux with it.
     */
    public Flux<Checkpoint> run() {
        return Flux.usingWhen(createTopics().then(TransactionalSender.create(producerConfig(), "antelopekit-kafka-" + name)),
                sender -> checkpoint().flatMapMany(cp -> {
                    cp.ifPresent(stream::resumeFrom);
                    return stream.build().blockActions(filter, tables).concatMapIterable(ChainToKafka::items, 1)
                            // fair: a batch waits for demand while the one before commits (no overflow of the timer)
                            .bufferTimeout(batchSize, batchTimeout, true)
                            .concatMap(batch -> write(sender, batch), 0);
                }),
                TransactionalSender::close, (s, e) -> s.close(), TransactionalSender::close);
    }

    /**
     * The checkpoint committed last under the pipeline's name (read_committed); empty if none. A
     * commit returns before the broker has written its markers, so right after one this may still
     * give the one before; {@link #run()} reads it only once its producer's initialisation has
     * completed any transaction left open.
     */
    public Mono<Optional<Checkpoint>> checkpoint() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return Receiver.lastValue(config, checkpointTopic, name).map(v -> v.map(Checkpoint::parse));
    }

    /** What a batch is made of: a block's undo marker, its events, its end. */
    private sealed interface Item permits Undo, Event, End {
    }

    /** Events written from block {@code from} on are no longer on the chain. */
    private record Undo(long from) implements Item {
    }

    /** An event. */
    private record Event(ActionEvent event) implements Item {
    }

    /** The end of a block, whose events came before; with its table rows. */
    private record End(Block source, List<TableDelta> deltas) implements Item {
    }

    /** A block's items: its undo marker after a fork switch, its events, its end. */
    private static List<Item> items(BlockActions ba) {
        List<Item> out = new ArrayList<>(ba.actions().size() + 2);
        if (ba.source().undone() > 0) {
            // the stream went back: the new block's number is the first one no longer on the chain
            out.add(new Undo(ba.source().num()));
        }
        for (ActionEvent e : ba.actions()) {
            out.add(new Event(e));
        }
        out.add(new End(ba.source(), ba.deltas()));
        return out;
    }

    /** The checkpoint after {@code item}; {@code null} for an undo marker. */
    private static Checkpoint checkpointOf(Item item) {
        if (item instanceof Event e) {
            return e.event().checkpoint();
        }
        if (item instanceof End end) {
            return end.source().checkpoint();
        }
        return null;
    }

    private Mono<Checkpoint> write(TransactionalSender sender, List<Item> batch) {
        return Mono.defer(() -> {
            Checkpoint checkpoint = null;
            for (int i = batch.size() - 1; i >= 0 && checkpoint == null; i--) {
                checkpoint = checkpointOf(batch.get(i));
            }
            List<ActionEvent> events = new ArrayList<>();
            boolean undoes = false;
            for (Item item : batch) {
                if (item instanceof Event e) {
                    events.add(e.event());
                }
                undoes |= item instanceof Undo;
            }
            Checkpoint last = checkpoint;
            Mono<List<PartitionInfo>> partitions = undoes
                    ? Flux.fromIterable(topics()).concatMap(sender::partitionsFor).concatMapIterable(ps -> ps).collectList()
                    : Mono.just(List.of());
            return sender.beginTransaction()
                    .then(partitions)
                    .flatMap(ps -> sender.sendAll(records(batch, ps, last)))
                    .then(beforeCommit.apply(events))
                    .then(sender.commitTransaction())
                    .onErrorResume(error -> sender.abortTransaction().onErrorResume(e2 -> Mono.empty()).then(Mono.error(error)))
                    .doOnCancel(() -> sender.abortTransaction().onErrorResume(e2 -> Mono.empty()).subscribe())
                    .then(Mono.justOrEmpty(last));
        });
    }

    /** The topics written to: the actions', and the blocks' and the rows' when asked for. */
    private List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(topic));
        if (blocksTopic != null) {
            topics.add(blocksTopic);
        }
        if (deltasTopic != null) {
            topics.add(deltasTopic);
        }
        return topics;
    }

    /**
     * The batch's records in order (an undo record to each partition of each topic; at a block's
     * end its block record and its rows), then the checkpoint's if it has one.
     */
    private List<ProducerRecord<String, String>> records(List<Item> batch, List<PartitionInfo> partitions, Checkpoint checkpoint) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Item item : batch) {
            if (item instanceof Undo u) {
                String value = JSON.createObjectNode().put("type", "undo").put("schema", SCHEMA).put("from_block", u.from()).toString();
                for (PartitionInfo p : partitions) {
                    records.add(new ProducerRecord<>(p.topic(), p.partition(), name, value));
                }
            } else if (item instanceof Event e) {
                records.add(new ProducerRecord<>(topic, key(e.event()), json(e.event())));
            } else if (item instanceof End end) {
                if (blocksTopic != null) {
                    records.add(new ProducerRecord<>(blocksTopic, name, json(end.source())));
                }
                for (TableDelta d : end.deltas()) {
                    records.add(new ProducerRecord<>(deltasTopic, d.code() + ":" + d.scope() + ":" + d.table() + ":"
                            + Long.toUnsignedString(d.primaryKey()), json(d)));
                }
            }
        }
        if (checkpoint != null) {
            records.add(new ProducerRecord<>(checkpointTopic, name, checkpoint.toString()));
        }
        return records;
    }

    private String key(ActionEvent e) {
        return switch (keyBy) {
            case RECEIVER -> e.receiver().toString();
            case CONTRACT -> e.contract().toString();
            case ACTOR -> e.action().authorization().isEmpty() ? e.contract().toString()
                    : e.action().authorization().get(0).actor().toString();
        };
    }

    /** The record of an action (schema {@value #SCHEMA}, see the class's documentation). */
    static String json(ActionEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "action").put("schema", SCHEMA).put("block_num", e.blockNum()).put("block_id", e.blockId().toString())
                .put("timestamp", e.timestamp().toString()).put("irreversible", e.irreversible())
                .put("trx_id", e.transactionId().toString()).put("action_index", e.actionIndex()).put("position", e.position())
                .put("contract", e.contract().toString()).put("action", e.name().toString())
                .put("receiver", e.receiver().toString()).put("inline", e.inline()).put("notification", e.notification());
        ArrayNode auth = n.putArray("authorization");
        for (PermissionLevel p : e.action().authorization()) {
            auth.addObject().put("actor", p.actor().toString()).put("permission", p.permission().toString());
        }
        if (e.isDecoded()) {
            n.set("data", e.data());
        } else {
            n.putNull("data");
        }
        n.put("hex_data", e.action().data().toString());
        return n.toString();
    }

    /** The record of a block (schema {@value #SCHEMA}). */
    static String json(Block b) {
        return JSON.createObjectNode().put("type", "block").put("schema", SCHEMA).put("block_num", b.num())
                .put("block_id", b.id().toString()).put("previous", b.previous().toString())
                .put("timestamp", b.timestamp().toString()).put("producer", b.producer().toString())
                .put("irreversible", b.irreversible()).put("transactions", b.transactions().size()).toString();
    }

    /** The record of a table row (schema {@value #SCHEMA}). */
    static String json(TableDelta d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "row").put("schema", SCHEMA).put("block_num", d.blockNum()).put("block_id", d.blockId().toString())
                .put("timestamp", d.timestamp().toString()).put("irreversible", d.irreversible())
                .put("code", d.code().toString()).put("scope", d.scope().toString()).put("table", d.table().toString())
                .put("primary_key", Long.toUnsignedString(d.primaryKey())).put("payer", d.payer().toString())
                .put("present", d.present());
        if (d.isDecoded()) {
            n.set("data", d.value());
        } else {
            n.putNull("data");
        }
        n.put("hex_data", d.rawValue().toString());
        return n.toString();
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "antelopekit-" + name);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // a transaction here lasts one batch: a crashed instance's open one stops read_committed readers
        // of its partitions (the last stable offset) until the broker aborts it, 15 s rather than 60
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /** The event topic and the compacted checkpoint topic, if they are not there (on a thread of its own: the admin client blocks). */
    private Mono<Void> createTopics() {
        return Mono.fromRunnable(() -> {
            List<NewTopic> create = new ArrayList<>();
            topics().forEach(t -> create.add(new NewTopic(t, Optional.empty(), Optional.empty())));
            create.add(new NewTopic(checkpointTopic, Optional.empty(), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            Topics.createMissing(kafka, create);
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    @Override
    public String toString() {
        return "ChainToKafka[" + name + " -> " + topic + ", checkpoints in " + checkpointTopic + "]";
    }

    /** Builds a {@link ChainToKafka}; {@link #name}, {@link #stream}, {@link #bootstrapServers} and {@link #topic} are required. */
    public static final class Builder {
        private String name;
        private BlockStream.Builder stream;
        private ActionFilter filter = ActionFilter.all();
        private String topic;
        private String checkpointTopic = DEFAULT_CHECKPOINT_TOPIC;
        private KeyBy keyBy = KeyBy.RECEIVER;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration batchTimeout = DEFAULT_BATCH_TIMEOUT;
        private final Map<String, Object> kafka = new HashMap<>();
        private Function<List<ActionEvent>, Mono<Void>> beforeCommit = batch -> Mono.empty();
        private String blocksTopic;
        private TableFilter tables;
        private String deltasTopic;

        private Builder() {
        }

        /** The pipeline's name: its checkpoint's key and its producer's {@code transactional.id} ({@code antelopekit-<name>}). */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * The stream to follow (HTTP or state history), as a builder: each run sets
         * {@link BlockStream.Builder#resumeFrom(Checkpoint)} to the checkpoint read from Kafka.
         * Give it no {@code checkpoints(...)} store of its own: one stored there would win.
         */
        public Builder stream(BlockStream.Builder stream) {
            this.stream = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /** Which actions are written; {@link ActionFilter#all()} by default. */
        public Builder filter(ActionFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** The brokers to connect to first ({@code host:port,...}). */
        public Builder bootstrapServers(String servers) {
            kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(servers, "servers"));
            return this;
        }

        /** A further client setting for the producer and the checkpoint reader (security, timeouts). */
        public Builder kafkaProperty(String key, Object value) {
            kafka.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The topic of the actions (created with the broker's defaults if it is not there). */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /**
         * Also writes a record per block to {@code topic} (keyed by the pipeline's name, so in
         * order on one partition), at the end of the block's events; none by default.
         */
        public Builder blocksTopic(String topic) {
            this.blocksTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /**
         * Also writes the contract table rows the blocks wrote or removed that pass {@code filter}
         * to {@code topic}, a record per row keyed by {@code code:scope:table:primary_key} (so one
         * row's changes keep their order), at the end of their block; from a state history node
         * only (the stream must be built with {@code stateHistory(...)}).
         */
        public Builder tableDeltas(TableFilter filter, String topic) {
            this.tables = Objects.requireNonNull(filter, "filter");
            this.deltasTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** The compacted topic of the checkpoints; {@value #DEFAULT_CHECKPOINT_TOPIC} by default. */
        public Builder checkpointTopic(String topic) {
            this.checkpointTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** What records are keyed by; {@link KeyBy#RECEIVER} by default. */
        public Builder keyBy(KeyBy keyBy) {
            this.keyBy = Objects.requireNonNull(keyBy, "keyBy");
            return this;
        }

        /**
         * Items per transaction at most (events, block ends, undo markers), and how long a batch
         * waits to fill; 500 and 200 ms by default.
         */
        public Builder batch(int size, Duration timeout) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be positive: " + size);
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("batch timeout must be positive: " + timeout);
            }
            this.batchSize = size;
            this.batchTimeout = timeout;
            return this;
        }

        /** For the tests: runs after a batch's records are sent (given its events), before its transaction commits. */
        Builder beforeCommit(Function<List<ActionEvent>, Mono<Void>> hook) {
            this.beforeCommit = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** @throws IllegalStateException if the name, the stream, the servers or the topic is missing */
        public ChainToKafka build() {
            if (name == null || stream == null || topic == null || !kafka.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalStateException("name, stream, bootstrapServers and topic are required");
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (String t : java.util.Arrays.asList(topic, checkpointTopic, blocksTopic, deltasTopic)) {
                if (t != null && !distinct.add(t)) {
                    throw new IllegalStateException("the actions', checkpoints', blocks' and rows' topics must differ: " + t
                            + " is given twice");
                }
            }
            return new ChainToKafka(this);
        }
    }
}
