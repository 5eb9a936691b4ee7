package io.antelopekit.contract;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.BinaryDecoder;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import java.util.List;
import reactor.core.publisher.Mono;

/** Compile-only stand-in for antelopekit-contract's Contract until that module is on main. */
public final class Contract {
    public static Contract of(ChainClient client, Name account, Abi abi) {
        throw new UnsupportedOperationException("stub");
    }

    public Name account() {
        throw new UnsupportedOperationException("stub");
    }

    public Abi abi() {
        throw new UnsupportedOperationException("stub");
    }

    public ChainClient client() {
        throw new UnsupportedOperationException("stub");
    }

    public Action action(Name action, BinaryEncodable data) {
        throw new UnsupportedOperationException("stub");
    }

    public Action action(Name action, BinaryEncodable data, List<PermissionLevel> authorization) {
        throw new UnsupportedOperationException("stub");
    }

    public <R> Table<R> table(Name table, String scope, BinaryDecoder<R> rows) {
        throw new UnsupportedOperationException("stub");
    }

    public <R> Mono<R> readOnly(Name action, BinaryEncodable data, BinaryDecoder<R> result) {
        throw new UnsupportedOperationException("stub");
    }
}
