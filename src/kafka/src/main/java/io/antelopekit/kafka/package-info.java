/**
 * A chain into Kafka: {@link io.antelopekit.kafka.ChainToKafka} writes the actions a
 * {@link io.antelopekit.stream.BlockStream} reads to a topic, exactly once, with its checkpoint in
 * the same Kafka transactions.
 */
package io.antelopekit.kafka;
