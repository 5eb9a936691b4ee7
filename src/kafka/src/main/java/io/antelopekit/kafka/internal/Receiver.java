package io.antelopekit.kafka.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Consumers of strings, each polled by a thread of its own. */
public final class Receiver {

    private static final Duration POLL = Duration.ofMillis(100);

    private Receiver() {
    }

    /**
     * The records of {@code topics} from the start, in the order polled: one thread polls the
     * consumer, pausing its partitions while nothing is requested (and resuming them on demand);
     * cancelling wakes it and closes the consumer.
     */
    public static Flux<ConsumerRecord<String, String>> receive(Map<String, Object> config, Collection<String> topics, String threadName) {
        return Flux.create(sink -> {
            AtomicBoolean closed = new AtomicBoolean();
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
            Thread poller = new Thread(() -> poll(consumer, topics, sink, closed), threadName);
            poller.setDaemon(true);
            sink.onDispose(() -> {
                closed.set(true);
                consumer.wakeup();
            });
            poller.start();
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private static void poll(KafkaConsumer<String, String> consumer, Collection<String> topics,
            FluxSink<ConsumerRecord<String, String>> sink, AtomicBoolean closed) {
        try (consumer) {
            consumer.subscribe(topics);
            while (!closed.get()) {
                if (sink.requestedFromDownstream() == 0) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    sink.next(r);
                }
            }
        } catch (WakeupException e) {
            // cancelled
        } catch (RuntimeException e) {
            sink.error(e);
        }
    }

    /**
     * The value last written under {@code key} to {@code topic} as {@code config}'s isolation level
     * sees it (read_committed: what committed transactions wrote), read from the start of every
     * partition to its end on a thread of its own; empty if there is none, or no such topic.
     */
    public static Mono<Optional<String>> lastValue(Map<String, Object> config, String topic, String key) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "antelopekit-kafka-read-" + topic);
            t.setDaemon(true);
            return t;
        });
        return Mono.fromCallable(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    return Optional.<String>empty();
                }
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                String value = null;
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                        if (key.equals(r.key())) {
                            value = r.value();
                        }
                    }
                }
                return Optional.ofNullable(value);
            }
        }).subscribeOn(Schedulers.fromExecutorService(executor)).doFinally(s -> executor.shutdown());
    }
}
