package io.antelopekit.kafka.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A transactional {@link KafkaProducer} of strings: every call on it (they block: metadata,
 * {@code initTransactions}, {@code commitTransaction}) runs on one thread of its own, never on a
 * Reactor or Netty thread, in the order subscribed; {@link #send} completes when the broker
 * acknowledges the record, {@link #sendAll} when it has acknowledged every record of a list sent
 * back to back (the producer is idempotent, so each partition keeps their order).
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

    /** Begins a transaction (on the producer's thread). */
    public Mono<Void> beginTransaction() {
        return on(() -> {
            producer.beginTransaction();
            inTransaction = true;
        });
    }

    /** Sends {@code record}; completes with its metadata when the broker acknowledges it. */
    public Mono<RecordMetadata> send(ProducerRecord<String, String> record) {
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (metadata, error) -> {
            if (error != null) {
                sink.error(error);
            } else {
                sink.success(metadata);
            }
        })).subscribeOn(thread);
    }

    /**
     * Sends {@code records} back to back, in order, without waiting for one's acknowledgement
     * before the next (with idempotence on, each partition keeps their order); completes when the
     * broker has acknowledged all of them, or fails with the first error (a record the producer
     * refuses at once stops the records after it from being sent). Completes at once for none.
     */
    public Mono<Void> sendAll(List<ProducerRecord<String, String>> records) {
        List<ProducerRecord<String, String>> all = List.copyOf(records);
        if (all.isEmpty()) {
            return Mono.empty();
        }
        return Mono.<Void>create(sink -> {
            AtomicInteger pending = new AtomicInteger(all.size());
            AtomicBoolean failed = new AtomicBoolean();
            for (ProducerRecord<String, String> record : all) {
                try {
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            if (failed.compareAndSet(false, true)) {
                                sink.error(error);
                            }
                        } else if (pending.decrementAndGet() == 0 && !failed.get()) {
                            sink.success();
                        }
                    });
                } catch (RuntimeException e) {
                    if (failed.compareAndSet(false, true)) {
                        sink.error(e);
                    }
                    return;
                }
            }
        }).subscribeOn(thread);
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
