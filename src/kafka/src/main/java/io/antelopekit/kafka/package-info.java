/**
 * Kafka in and out, exactly once. {@link io.antelopekit.kafka.ChainToKafka} writes the actions a
 * {@link io.antelopekit.stream.BlockStream} reads to a topic, with the stream's checkpoint in the
 * same Kafka transactions. {@link io.antelopekit.kafka.KafkaToChain} sends the
 * {@link io.antelopekit.kafka.ActionRequest}s of a topic to the chain from a consumer group, each
 * partition through one {@link io.antelopekit.session.Session#transactAll transactAll}, and writes
 * each {@link io.antelopekit.kafka.RequestOutcome} with the request's offset in one Kafka
 * transaction. See {@code docs/kafka.md}.
 */
package io.antelopekit.kafka;
