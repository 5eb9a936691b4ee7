/**
 * Where a session kit keeps its sessions: a small reactive key/value store holding WharfKit's
 * entries ({@code session}, {@code sessions}) as JSON text. {@code io.antelopekit.redis.RedisSessionStorage} (module antelopekit-redis)
 * shares them between the instances of a service through Redis (with Lettuce, an optional
 * dependency the application adds). The kit changes both entries together, in one atomic
 * {@link io.antelopekit.storage.ReactiveSessionStorage#updateAll updateAll}, so the stored current
 * session is always one of the listed sessions, also after a crash.
 */
package io.antelopekit.storage;
