/**
 * A Kafka broker in the JVM, for tests and demos: {@link io.antelopekit.kafkatest.EmbeddedKafka}
 * (one KRaft node on free ports of 127.0.0.1) and its JUnit 5 extension
 * {@link io.antelopekit.kafkatest.EmbeddedKafkaExtension}. Not for production: one node, one
 * replica of everything.
 */
package io.antelopekit.kafkatest;
