package io.antelopekit.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainTimeoutException;
import io.antelopekit.api.ChainTransportException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.session.BatchOptions;
import io.antelopekit.session.Session;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * One assigned partition of the request topic: its records in offset order, fed through one
 * {@link Session#transactAll} in that order; each record becomes done with its outcome record (or
 * its dead letter). Its entries and state are the poll thread's; only an entry's result is set
 * from elsewhere (the pipeline's threads).
 */
final class PartitionWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record of the partition and, once done, what to write for it. */
    static final class Entry {
        final long offset;
        final long since;
        final ConsumerRecord<String, String> record;
        ActionRequest request;
        volatile Result result;

        Entry(ConsumerRecord<String, String> record, long since) {
            this.offset = record.offset();
            this.record = record;
            this.since = since;
        }
    }

    /** What a done entry writes: its outcome (null for a dead letter) and its record. */
    record Result(RequestOutcome outcome, ProducerRecord<String, String> record) {
    }

    /** The done entries at the head of the partition, and the offset after them. */
    record Prefix(List<Entry> entries, long nextOffset) {
    }

    final TopicPartition partition;
    private final KafkaToChain settings;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final Sinks.Many<Entry> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final Map<Long, Entry> sent = new ConcurrentHashMap<>();
    private final AtomicLong sentCount = new AtomicLong();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean revoked;
    private volatile LandedActions landed;
    private volatile long recoverBelow;
    /** The earlier owner's since: what it may have sent, below {@link #recoverBelow}, landed from there. */
    private long recoverySince = Long.MAX_VALUE;
    private volatile Throwable failure;
    private Disposable pipeline;
    private Disposable recovery;
    /** The offset of the next record this partition reads; for a commit when nothing is done. */
    long position;
    /** Whether the offset and a since block must be committed before the partition may run. */
    boolean needsFirstCommit;
    /** Whether the recovery scan (or none) is over and the pipeline runs. */
    private volatile boolean recovered;
    /** When the partition's offsets were last committed (System.nanoTime). */
    long lastCommitNanos;

    PartitionWorker(TopicPartition partition, KafkaToChain settings, long position) {
        this.partition = partition;
        this.settings = settings;
        this.position = position;
        this.lastCommitNanos = System.nanoTime();
    }

    /** Starts with nothing to recover. */
    void startClean() {
        recovered = true;
    }

    /**
     * Starts once {@code scan} has found what an earlier owner sent; only records below
     * {@code endOffset} (those there when the partition was taken over) are looked for in it.
     */
    void startAfter(Mono<LandedActions> scan, long endOffset, long since) {
        this.recoverBelow = endOffset;
        this.recoverySince = since;
        recovery = scan.subscribe(l -> {
            landed = l;
            recovered = true;
        }, e -> failure = e);
    }

    /** Whether the recovery scan (or none) is over: only then may its offsets be committed. */
    boolean isRecovered() {
        return recovered;
    }

    /** Whether the partition may run: recovered and its first offset committed. */
    boolean ready() {
        return recovered && !needsFirstCommit;
    }

    /** A pipeline's fatal error (the recovery scan's, or transactAll's), or null. */
    Throwable failure() {
        return failure;
    }

    /** Takes a polled record: a malformed one is done at once (a dead letter), the others queue for the pipeline. */
    void offer(ConsumerRecord<String, String> record, long since) {
        Entry e = new Entry(record, record.offset() < recoverBelow ? Math.min(since, recoverySince) : since);
        position = record.offset() + 1;
        entries.add(e);
        try {
            e.request = ActionRequest.parse(record.value());
        } catch (MalformedRequestException m) {
            deadLetter(e, m.getMessage());
            return;
        }
        waiting.add(e);
        emitWaiting();
    }

    /** Once ready, starts the pipeline and hands it the entries waiting. */
    void emitWaiting() {
        if (!ready() || revoked) {
            return;
        }
        if (pipeline == null) {
            pipeline = start();
        }
        Entry e;
        while ((e = waiting.poll()) != null) {
            sink.tryEmitNext(e);
        }
    }

    /** The records taken and not yet committed. */
    int backlog() {
        return entries.size();
    }

    /** The done entries at the head, without removing them. */
    Prefix donePrefix() {
        List<Entry> done = new ArrayList<>();
        long next = entries.isEmpty() ? position : entries.peekFirst().offset;
        for (Entry e : entries) {
            if (e.result == null) {
                break;
            }
            done.add(e);
            next = e.offset + 1;
        }
        return new Prefix(done, next);
    }

    /** Drops the entries of a committed prefix. */
    void committed(Prefix prefix) {
        for (int i = 0; i < prefix.entries().size(); i++) {
            entries.poll();
        }
        lastCommitNanos = System.nanoTime();
    }

    /**
     * The block from which a later owner must look for what this one sent after {@code prefix}:
     * the oldest since of the entries after it, or {@code lib} when there are none.
     */
    long sinceAfter(Prefix prefix, long lib) {
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; i < prefix.entries().size(); i++) {
            it.next();
        }
        long since = it.hasNext() ? it.next().since : lib;
        // records an earlier owner may have sent and this one has not settled yet: a later owner looks from its since
        return prefix.nextOffset() < recoverBelow ? Math.min(since, recoverySince) : since;
    }

    /** Whether every record handed to transactAll has its outcome. */
    boolean nothingInFlight() {
        return sent.isEmpty();
    }

    /** Stops taking records: those not handed to transactAll yet are left for the next owner; completes when the ones in flight end. */
    CompletableFuture<Void> revoke() {
        revoked = true;
        if (recovery != null) {
            recovery.dispose();
        }
        if (pipeline == null) {
            drained.complete(null);
        } else {
            sink.tryEmitComplete();
        }
        return drained;
    }

    /** The partition was lost: stops everything at once. */
    void cancel() {
        revoked = true;
        if (recovery != null) {
            recovery.dispose();
        }
        if (pipeline != null) {
            pipeline.dispose();
        }
        drained.complete(null);
    }

    private Disposable start() {
        Session session = settings.session();
        Flux<Action> actions = sink.asFlux().concatMap(e -> revoked ? Mono.empty() : encode(e).flatMap(a -> {
            LandedActions l = landed;
            LandedActions.Found f = l == null || e.offset >= recoverBelow ? null : l.take(a);
            if (f != null) {
                done(e, new RequestOutcome(e.request.id(), partition.partition(), e.offset, RequestOutcome.Status.EXECUTED,
                        f.transactionId(), f.blockNum(), true, null, null));
                return Mono.empty();
            }
            sent.put(sentCount.getAndIncrement(), e);
            return Mono.just(a);
        }));
        BatchOptions options = settings.batchOptions();
        Map<Checksum256, Mono<Long>> lookups = new ConcurrentHashMap<>();
        return session.transactAll(actions, options).concatMap(o -> {
            Entry e = sent.get(o.index());
            if (e == null) {
                return Mono.empty();
            }
            if (o.status() != ActionOutcome.Status.UNKNOWN || o.transactionId() == null) {
                sent.remove(o.index());
                done(e, outcome(e, o));
                return Mono.empty();
            }
            // no answer: wait until its transaction has landed or expired, then say which (one look per transaction)
            Mono<Long> landedIn = lookups.computeIfAbsent(o.transactionId(), id -> LandedActions.blockOf(session.client(), id,
                    e.since, settings.expireSeconds(), settings.headInterval())
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
                    .cache());
            return landedIn.map(block -> new RequestOutcome(e.request.id(), partition.partition(), e.offset,
                            RequestOutcome.Status.EXECUTED, o.transactionId(), block, false, null, null))
                    .defaultIfEmpty(new RequestOutcome(e.request.id(), partition.partition(), e.offset, RequestOutcome.Status.FAILED,
                            o.transactionId(), 0, false, RequestOutcome.EXPIRED_UNANSWERED, "no node answered for transaction "
                            + o.transactionId() + " (" + o.error().getMessage() + "), and it expired without landing"))
                    .doOnNext(outcome -> {
                        sent.remove(o.index());
                        done(e, outcome);
                    })
                    .then();
        }).subscribe(null, error -> {
            failure = error;
            drained.complete(null);
        }, () -> drained.complete(null));
    }

    private Mono<Action> encode(Entry e) {
        ActionRequest r = e.request;
        List<PermissionLevel> auth = r.authorization().isEmpty() ? List.of(settings.session().permissionLevel())
                : r.authorization();
        return settings.session().abi(r.contract())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .filter(t -> t instanceof ChainTransportException || t instanceof ChainTimeoutException))
                .map(abi -> Action.of(r.contract(), r.action().toString(), auth, r.data(), abi))
                .onErrorResume(error -> {
                    deadLetter(e, "request " + r.id() + " (" + r.contract() + "::" + r.action() + ") does not encode: "
                            + error.getMessage());
                    return Mono.empty();
                });
    }

    private RequestOutcome outcome(Entry e, ActionOutcome o) {
        RequestOutcome.Status status = switch (o.status()) {
            case EXECUTED -> RequestOutcome.Status.EXECUTED;
            case FAILED -> RequestOutcome.Status.FAILED;
            case UNKNOWN -> RequestOutcome.Status.UNKNOWN;
        };
        return new RequestOutcome(e.request.id(), partition.partition(), e.offset, status, o.transactionId(), o.blockNum(),
                false, o.errorName(), o.error() == null ? null : String.valueOf(o.error().getMessage()));
    }

    private void done(Entry e, RequestOutcome outcome) {
        e.result = new Result(outcome, new ProducerRecord<>(settings.outcomeTopic(), outcome.id(), outcome.toJson()));
    }

    private void deadLetter(Entry e, String reason) {
        String value = JSON.createObjectNode().put("schema", RequestOutcome.SCHEMA).put("reason", reason)
                .put("topic", partition.topic()).put("partition", partition.partition()).put("offset", e.offset)
                .put("key", e.record.key()).put("value", e.record.value()).toString();
        e.result = new Result(null, new ProducerRecord<>(settings.deadLetterTopic(), e.record.key(), value));
    }

    @Override
    public String toString() {
        return "PartitionWorker[" + partition + ", " + entries.size() + " taken, " + sent.size() + " in flight]";
    }
}
