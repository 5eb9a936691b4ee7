/**
 * Not API: a thin Reactor adapter over the plain Kafka client (Reactor Kafka is discontinued). A
 * transactional producer whose blocking calls run on one dedicated thread and whose sends complete
 * a {@code Mono}; a consumer polled by a thread of its own, paused while nothing is requested.
 */
package io.antelopekit.kafka.internal;
