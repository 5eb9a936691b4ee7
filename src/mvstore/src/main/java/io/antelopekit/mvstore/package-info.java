/**
 * An embedded, local session store on H2's MVStore ({@link io.antelopekit.mvstore.MvStoreSessionStorage}):
 * one file, one key per entry in a B-tree, so that an operation costs the same whether the store
 * holds ten keys or a hundred thousand (unlike the JSON file store of the client module, which
 * rewrites the whole file on every change). Changes are atomic, also {@code updateAll} across a
 * crash, and durable before their {@code Mono} completes.
 *
 * <p>The module {@code antelopekit-mvstore} depends on {@code antelopekit-client} and on
 * {@code com.h2database:h2} (pure Java, no native library; only its {@code org.h2.mvstore}
 * packages are used).
 */
package io.antelopekit.mvstore;
