package io.antelopekit.session;

/**
 * How a {@link SessionKit} lays its sessions out in its {@link io.antelopekit.storage.ReactiveSessionStorage}
 * ({@link SessionKit.Builder#storageLayout(StorageLayout)}); {@link SessionKit#migrateStorage} moves
 * a store from one to the other.
 */
public enum StorageLayout {

    /**
     * WharfKit's layout (the default): a {@code session} key holding the current session's JSON
     * and a {@code sessions} key holding one JSON array of every session, sorted by chain, actor
     * and permission, with {@code "default": true} on one session per chain. WharfKit reads what
     * the kit writes and the other way round. Every login, logout and restore reads (and a login
     * or logout rewrites) the whole array: right for an application's few sessions, costly for a
     * service's many, and an expiry applies to the whole array.
     */
    WHARFKIT,

    /**
     * One key per session, so that a login, a restore and a logout touch a few keys whatever the
     * number of sessions stored: {@code <app>/session/<chain>/<actor>@<permission>} holds the
     * session's JSON (WharfKit's serialized session, without its {@code default} flag),
     * {@code <app>/default/<chain>} the key of the chain's default session, and
     * {@code <app>/current} the key of the current session ({@code <app>} is the kit's app name,
     * {@code %} and {@code /} escaped as {@code %25} and {@code %2F}). A login or logout changes
     * the session's key and the pointers in one atomic
     * {@link io.antelopekit.storage.ReactiveSessionStorage#updateAll updateAll}; the sessions are
     * listed by prefix ({@link io.antelopekit.storage.ReactiveSessionStorage#keys keys}), so the
     * store must be able to list its keys; each session can expire on its own
     * ({@link SessionKit.Builder#sessionTtl}). WharfKit does not read this layout.
     */
    PER_SESSION
}
