/**
 * Where a session kit keeps its sessions: a small reactive key/value store holding WharfKit's
 * entries ({@code session}, {@code sessions}) as JSON text. {@link io.antelopekit.storage.RedisSessionStorage}
 * shares them between the instances of a service through Redis (with Lettuce, an optional
 * dependency the application adds).
 */
package io.antelopekit.storage;
