package io.antelopekit.session;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.SendOptions;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.transaction.PackedTransaction;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session's chain (with the URLs its client reaches) and client, and what the session learned
 * of that node: whether it serves {@code send_transaction2}.
 */
final class Endpoint {

    private static final SendOptions SEND_OPTIONS = new SendOptions(false, null, false);

    final ChainDefinition chain;
    final ChainClient client;
    /** Set once the node answered 404 to {@code send_transaction2}. */
    private volatile boolean noSendTransaction2;

    Endpoint(ChainDefinition chain, ChainClient client) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.client = Objects.requireNonNull(client, "client");
    }

    /** {@code client} serving {@code chain}: the chain definition takes the client's URLs. */
    static Endpoint withClientUrls(ChainDefinition chain, ChainClient client) {
        List<URI> urls = client.config().endpoints();
        List<String> list = new ArrayList<>(urls.size());
        urls.forEach(u -> list.add(u.toString()));
        return new Endpoint(chain.withUrls(list), client);
    }

    /**
     * Broadcasts {@code packed} with {@code send_transaction2}; a node that answers it with 404
     * gets {@code send_transaction} instead, from then on.
     */
    Mono<TransactionResponse> send(PackedTransaction packed) {
        if (noSendTransaction2) {
            return client.sendTransaction(packed);
        }
        return client.sendTransaction2(packed, SEND_OPTIONS).onErrorResume(
                x -> x instanceof ChainApiException a && a.httpStatus() == 404,
                x -> {
                    noSendTransaction2 = true;
                    return client.sendTransaction(packed);
                });
    }

    /** Whether the node was found to lack {@code send_transaction2}. */
    boolean lacksSendTransaction2() {
        return noSendTransaction2;
    }
}
