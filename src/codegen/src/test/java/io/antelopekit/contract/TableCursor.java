package io.antelopekit.contract;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Compile-only stand-in for antelopekit-contract's TableCursor. */
public final class TableCursor<R, K> {
    public TableCursor<R, K> from(K key) {
        return this;
    }

    public TableCursor<R, K> to(K key) {
        return this;
    }

    public Flux<R> rows() {
        throw new UnsupportedOperationException("stub");
    }

    public Mono<R> first() {
        throw new UnsupportedOperationException("stub");
    }
}
