package io.antelopekit.kafka.internal;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A transactional {@link KafkaProducer} of strings: every call on it (they block: metadata,
 * {@code initTransactions}, {@code commitTransaction}) runs on one thread of its own, never on a
 * Reactor or Netty thread, in the order subscribed; {@link #send} completes when the broker
 * acknowledges the record.
 */
public final class TransactionalSender {

    private final ExecutorService executor;
    private final Scheduler thread;
    private final KafkaProducer<String, String> producer;
    private volatile boolean inTransaction;

    private TransactionalSender(Map<String, Object> config, String threadName) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.thread = Schedulers.fromExecutorService(executor, threadName);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * A producer with {@code config} (which names {@code transactional.id}), its transactions
     * initialised: a pending transaction of an earlier producer with the same id is aborted, and
     * that producer fenced.
     */
    public static Mono<TransactionalSender> create(Map<String, Object> config, String threadName) {
        return Mono.fromCallable(() -> new TransactionalSender(config, threadName))
                .flatMap(s -> s.on(s.producer::initTransactions).onErrorResume(e -> s.close().then(Mono.error(e))).thenReturn(s));
    }

    public Mono<Void> beginTransaction() {
        return on(() -> {
            producer.beginTransaction();
            inTransaction = true;
        });
    }

    public Mono<RecordMetadata> send(ProducerRecord<String, String> record) {
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (metadata, error) -> {
            if (error != null) {
                sink.error(error);
            } else {
                sink.success(metadata);
            }
        })).subscribeOn(thread);
    }

    /** The partitions of {@code topic} (created if the broker creates topics on use). */
    public Mono<List<PartitionInfo>> partitionsFor(String topic) {
        return Mono.fromCallable(() -> producer.partitionsFor(topic)).subscribeOn(thread);
    }

    /** Flushes the transaction's records and commits them. */
    public Mono<Void> commitTransaction() {
        return on(() -> {
            producer.commitTransaction();
            inTransaction = false;
        });
    }

    /** Aborts the open transaction, if one is open. */
    public Mono<Void> abortTransaction() {
        return on(() -> {
            if (inTransaction) {
                inTransaction = false;
                producer.abortTransaction();
            }
        });
    }

    /** Closes the producer (after the calls queued before) and its thread. */
    public Mono<Void> close() {
        return on(producer::close).doFinally(s -> {
            thread.dispose();
            executor.shutdown();
        });
    }

    private Mono<Void> on(Runnable call) {
        return Mono.fromRunnable(call).subscribeOn(thread).then();
    }
}
