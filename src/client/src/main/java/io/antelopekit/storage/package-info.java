/**
 * Where a session kit keeps its sessions: a small reactive key/value store of JSON text, holding
 * WharfKit's entries ({@code session}, {@code sessions}) or, in the kit's per-session layout, one
 * key per session and two pointers. {@code io.antelopekit.redis.RedisSessionStorage} (module
 * antelopekit-redis) shares them between the instances of a service through Redis (with Lettuce,
 * an optional dependency the application adds). The kit changes the keys of one login or logout
 * together, in one atomic
 * {@link io.antelopekit.storage.ReactiveSessionStorage#updateAll updateAll}, so the stored current
 * session is always one of the stored sessions, also after a crash; a store that lists its keys by
 * prefix ({@link io.antelopekit.storage.ReactiveSessionStorage#keys keys}) and expires keys
 * ({@link io.antelopekit.storage.ReactiveSessionStorage#updateAll(java.util.Set, java.util.function.UnaryOperator, java.util.Map)
 * updateAll with times to live}) serves the per-session layout and its expiry. The memory, file
 * and Redis stores do both.
 */
package io.antelopekit.storage;
