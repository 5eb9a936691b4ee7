package io.antelopekit.contract;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Compile-only stand-in for antelopekit-contract's Table. */
public final class Table<R> {
    public TableCursor<R, Long> query() {
        throw new UnsupportedOperationException("stub");
    }

    public <K> TableCursor<R, K> query(Index<K> index) {
        throw new UnsupportedOperationException("stub");
    }

    public Mono<R> get(long primaryKey) {
        throw new UnsupportedOperationException("stub");
    }

    public Flux<R> all() {
        throw new UnsupportedOperationException("stub");
    }
}
