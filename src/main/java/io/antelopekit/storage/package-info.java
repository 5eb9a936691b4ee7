/**
 * Where a session kit keeps its sessions: a small reactive key/value store holding WharfKit's
 * entries ({@code session}, {@code sessions}) as JSON text.
 */
package io.antelopekit.storage;
