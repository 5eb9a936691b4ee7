package io.antelopekit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.kafka.internal.Topics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;

/**
 * One instance of {@link KafkaToChain}: a thread of its own owns the consumer and the
 * transactional producer (both block), polls the request topic, hands each partition's records to
 * its {@link PartitionWorker}, and commits what is done, outcomes and dead letters together with
 * the offsets, in one Kafka transaction per round.
 *
 * <p>With each offset goes the block from which a later owner of the partition looks for what this
 * one may have sent beyond it ({@code {"v":1,"since":N,"clean":false}}); a partition handed over in
 * a rebalance after everything sent has its outcome is committed {@code clean}: nothing to look for.
 */
final class RequestLoop implements ConsumerRebalanceListener {

    private static final System.Logger LOG = System.getLogger(KafkaToChain.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long REFRESH_SINCE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final KafkaToChain settings;
    private final FluxSink<RequestOutcome> out;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Map<TopicPartition, PartitionWorker> workers = new HashMap<>();
    private final KafkaMeters meters;
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;
    private Disposable head;
    private volatile long lib;
    private volatile boolean stopping;
    private long lastCommit = System.nanoTime();

    RequestLoop(KafkaToChain settings, FluxSink<RequestOutcome> out, Map<String, Object> consumerConfig,
            Map<String, Object> producerConfig) {
        this.settings = settings;
        this.out = out;
        this.consumerConfig = consumerConfig;
        this.producerConfig = producerConfig;
        this.meters = settings.meters();
    }

    /** Starts the thread (and the reading of the chain's irreversible block). */
    void start(String threadName) {
        ChainClient client = settings.session().client();
        // one read at a time, the next an interval after the last ended (a slow answer never piles ticks up)
        head = client.getInfo().map(info -> info.lastIrreversibleBlockNum())
                .onErrorResume(e -> {
                    LOG.log(Level.WARNING, "reading the chain's irreversible block failed: " + e);
                    return reactor.core.publisher.Mono.empty();
                })
                .repeatWhen(ends -> ends.concatMap(x -> reactor.core.publisher.Mono.delay(settings.headInterval())))
                .subscribe(n -> lib = n);
        Thread t = new Thread(this::run, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** Asks the thread to stop: it hands back every partition as a rebalance would, then closes. */
    void stop() {
        stopping = true;
    }

    private void run() {
        Throwable failure = null;
        try {
            createTopics();
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
            producer.initTransactions();
            consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(settings.requestTopic()), this);
            while (!stopping) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    PartitionWorker w = workers.get(tp);
                    for (ConsumerRecord<String, String> r : records.records(tp)) {
                        w.offer(r, lib);
                    }
                }
                for (PartitionWorker w : workers.values()) {
                    if (w.failure() != null) {
                        throw new KafkaToChainException("the pipeline of " + w.partition + " failed: " + w.failure().getMessage(),
                                w.failure());
                    }
                }
                flow();
                if (meters != null) {
                    meters.held(workers.values().stream().mapToInt(PartitionWorker::backlog).sum());
                }
                long now = System.nanoTime();
                if (now - lastCommit >= settings.commitInterval().toNanos()) {
                    lastCommit = now;
                    commit(new ArrayList<>(workers.values()), false);
                }
            }
            handBack(new ArrayList<>(workers.keySet()));
        } catch (Throwable e) {
            failure = e;
            workers.values().forEach(PartitionWorker::cancel);
            workers.clear();
        } finally {
            head.dispose();
            closeQuietly(failure != null);
            if (failure != null) {
                out.error(failure);
            } else {
                out.complete();
            }
        }
    }

    /**
     * Pauses partitions that are recovering, waiting for their first commit, or too far behind, and
     * all of them while the subscriber asks for no more outcomes; resumes the others.
     */
    private void flow() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        boolean noDemand = out.requestedFromDownstream() <= 0;
        for (PartitionWorker w : workers.values()) {
            w.emitWaiting();
            boolean hold = noDemand || !w.ready() || w.backlog() >= settings.maxPending();
            (hold ? pause : resume).add(w.partition);
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        resume.retainAll(consumer.paused());
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /**
     * Commits, in one transaction, what the partitions have done at their head, with the offsets
     * after it. A partition with nothing done is included when its first offset must be committed,
     * when {@code clean}, or when its since block has not been refreshed for a while.
     *
     * @return whether the transaction committed (or there was nothing to commit)
     */
    private boolean commit(Collection<PartitionWorker> parts, boolean clean) {
        long libNow = lib;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<PartitionWorker, PartitionWorker.Prefix> prefixes = new HashMap<>();
        long now = System.nanoTime();
        for (PartitionWorker w : parts) {
            PartitionWorker.Prefix p = w.donePrefix();
            if (!w.isRecovered()) {
                continue;                        // what the earlier owner sent is not known yet: keep its since
            }
            boolean refresh = now - w.lastCommitNanos >= REFRESH_SINCE_NANOS && w.ready();
            if (p.entries().isEmpty() && !w.needsFirstCommit && !clean && !refresh) {
                continue;
            }
            if (w.needsFirstCommit && libNow == 0) {
                continue;                        // the chain's block is not known yet
            }
            boolean isClean = clean && w.nothingInFlight();
            String meta = JSON.createObjectNode().put("v", 1).put("since", w.sinceAfter(p, libNow)).put("clean", isClean).toString();
            offsets.put(w.partition, new OffsetAndMetadata(p.nextOffset(), meta));
            prefixes.put(w, p);
        }
        if (offsets.isEmpty()) {
            return true;
        }
        long started = System.nanoTime();
        try {
            producer.beginTransaction();
            for (PartitionWorker.Prefix p : prefixes.values()) {
                for (PartitionWorker.Entry e : p.entries()) {
                    producer.send(e.result.record());
                }
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException
                | InvalidProducerEpochException fatal) {
            throw new KafkaToChainException("the transactional producer " + producerConfig.get("transactional.id")
                    + " can no longer commit: " + fatal.getMessage(), fatal);
        } catch (KafkaException e) {
            if (meters != null) {
                meters.commit(System.nanoTime() - started, false);
            }
            LOG.log(Level.WARNING, "committing " + offsets.keySet() + " failed, trying again: " + e.getMessage());
            renewProducer();
            return false;
        }
        if (meters != null) {
            meters.commit(System.nanoTime() - started, true);
        }
        for (Map.Entry<PartitionWorker, PartitionWorker.Prefix> c : prefixes.entrySet()) {
            c.getKey().committed(c.getValue());
            c.getKey().needsFirstCommit = false;
            for (PartitionWorker.Entry e : c.getValue().entries()) {
                RequestOutcome o = e.result.outcome();
                if (meters != null) {
                    if (o != null) {
                        meters.outcome(o);
                    } else {
                        meters.deadLetter();
                    }
                }
                if (o != null) {
                    out.next(o);
                }
            }
        }
        return true;
    }

    /** After a failed transaction: a new producer under the same id, which aborts what the old one left open. */
    private void renewProducer() {
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // closing a broken producer
        }
        while (!stopping) {
            try {
                producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
                producer.initTransactions();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.log(Level.WARNING, "the broker is not there yet: " + e.getMessage());
                producer.close(Duration.ZERO);
            }
        }
        throw new KafkaToChainException("stopped while the broker was away");
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, () -> settings + ": assigned " + partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        long since = Long.MAX_VALUE;
        List<PartitionWorker> recovering = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionWorker w = new PartitionWorker(tp, settings, consumer.position(tp));
            workers.put(tp, w);
            OffsetAndMetadata c = committed.get(tp);
            JsonNode meta = metadata(c);
            if (meta == null || meta.path("clean").asBoolean()) {
                if (c != null && meta == null) {
                    LOG.log(Level.WARNING, () -> tp + " has an offset committed by someone else (" + c + "): not looking for requests sent before");
                }
                // nothing to look for; but before this owner sends anything, the offset must say where a
                // later owner would look (no commit yet, or a clean one from the last hand-over)
                w.needsFirstCommit = true;
                w.startClean();
            } else {
                since = Math.min(since, meta.path("since").asLong());
                recovering.add(w);
            }
        }
        if (!recovering.isEmpty()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(recovering.stream().map(w -> w.partition).toList());
            List<TopicPartition> names = recovering.stream().map(w -> w.partition).toList();
            LOG.log(Level.INFO, () -> "looking for what an earlier owner of " + names + " sent");
            reactor.core.publisher.Mono<LandedActions> scan = LandedActions.scan(settings.session().client(),
                    settings.session().actor(), since, settings.expireSeconds(), settings.headInterval())
                    .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                            .maxBackoff(Duration.ofSeconds(10))
                            .doBeforeRetry(r -> LOG.log(Level.WARNING, () -> "looking for what an earlier owner of " + names
                                    + " sent failed, trying again: " + r.failure())))
                    .cache();
            long from = since;
            recovering.forEach(w -> w.startAfter(scan, ends.getOrDefault(w.partition, Long.MAX_VALUE), from));
        }
        consumer.pause(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        handBack(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionWorker w = workers.remove(tp);
            if (w != null) {
                w.cancel();
            }
        }
    }

    /** Stops the partitions, waits for what they have in flight, commits their outcomes (clean), and drops them. */
    private void handBack(Collection<TopicPartition> partitions) {
        List<PartitionWorker> leaving = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionWorker w = workers.get(tp);
            if (w != null) {
                leaving.add(w);
            }
        }
        if (leaving.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> drains = leaving.stream().map(PartitionWorker::revoke).toList();
        try {
            CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new))
                    .get(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, () -> "transactions of " + partitions + " still in flight after " + settings.drainTimeout()
                    + ": the next owner looks for them on chain");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // a drain never fails
        }
        for (int i = 0; i < 3 && !commit(leaving, true); i++) {
            LOG.log(Level.WARNING, () -> "handing back " + partitions + ": the commit failed, trying again");
        }
        leaving.forEach(w -> workers.remove(w.partition));
    }

    /** The outcome and dead-letter topics, with the broker's defaults, if they are not there. */
    private void createTopics() {
        try {
            Topics.createMissing(producerConfig, List.of(new NewTopic(settings.outcomeTopic(), Optional.empty(), Optional.empty()),
                    new NewTopic(settings.deadLetterTopic(), Optional.empty(), Optional.empty())));
        } catch (IllegalStateException e) {
            throw new KafkaToChainException(e.getMessage(), e.getCause());
        }
    }

    private static JsonNode metadata(OffsetAndMetadata c) {
        if (c == null || c.metadata() == null || c.metadata().isEmpty()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(c.metadata());
            return n.path("v").asInt() == 1 && n.path("since").canConvertToLong() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void closeQuietly(boolean failed) {
        try {
            if (consumer != null) {
                consumer.close(failed ? Duration.ZERO : Duration.ofSeconds(30));
            }
        } catch (RuntimeException ignored) {
            // closing
        }
        try {
            if (producer != null) {
                producer.close(failed ? Duration.ZERO : Duration.ofSeconds(30));
            }
        } catch (RuntimeException ignored) {
            // closing
        }
    }
}
