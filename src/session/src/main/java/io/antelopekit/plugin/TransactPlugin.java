package io.antelopekit.plugin;

import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import reactor.core.publisher.Mono;

/**
 * Hooks around a session's transactions, run in the order the plugins are given. Each hook is a
 * function to a {@code Mono}, so it may do I/O; the defaults do nothing.
 *
 * <pre>{@code
 * TransactPlugin memo = new TransactPlugin() {
 *     public String id() { return "log"; }
 *     public Mono<Void> afterBroadcast(TransactResult r, TransactContext c) {
 *         return Mono.fromRunnable(() -> log.info("sent {}", r.id()));
 *     }
 * };
 * }</pre>
 */
public interface TransactPlugin {

    /** The plugin's id, named in revisions and options. */
    String id();

    /** Before the wallet signs: may change the transaction or add signatures; empty for no change. */
    default Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
        return Mono.empty();
    }

    /** After the wallet signed, before the broadcast. */
    default Mono<Void> afterSign(SignedTransaction transaction, TransactContext context) {
        return Mono.empty();
    }

    /** After the broadcast was accepted. */
    default Mono<Void> afterBroadcast(TransactResult result, TransactContext context) {
        return Mono.empty();
    }
}
