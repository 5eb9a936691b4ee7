package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's caches, counted at the HTTP level: a proxy in front of the devnet counts each
 * chain API request by path. One {@code get_raw_abi} per contract, shared by concurrent
 * transacts, a failed fetch not kept; TAPoS from a cached head, not one {@code get_info} per
 * transaction.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionCachesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final TransactOptions NO_BROADCAST = TransactOptions.DEFAULT.withBroadcast(false);

    static Devnet devnet;
    static CountingProxy proxy;
    static ChainDefinition chain;

    /**
     * Forwards every request to a node and counts it by path; may answer the next requests of a
     * path with a 503 instead.
     */
    static final class CountingProxy implements AutoCloseable {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
        private final ConnectionProvider pool = ConnectionProvider.builder("counting-proxy").maxConnections(256)
                .pendingAcquireMaxCount(-1).build();
        private final DisposableServer server;

        CountingProxy(String target) {
            HttpClient upstream = HttpClient.create(pool).baseUrl(target);
            server = HttpServer.create().host("127.0.0.1").port(0)
                    .handle((req, res) -> {
                        String path = req.uri();
                        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                        AtomicInteger fail = failNext.get(path);
                        if (fail != null && fail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            return req.receive().then(res.status(503).sendString(Mono.just("unavailable")).then());
                        }
                        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                                .flatMap(body -> upstream.post().uri(path)
                                        .send(Mono.just(Unpooled.wrappedBuffer(body)))
                                        .responseSingle((r, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                                                .map(bytes -> Map.entry(r.status().code(), bytes))))
                                .flatMap(answer -> res.status(answer.getKey())
                                        .header("Content-Type", "application/json")
                                        .sendByteArray(Mono.just(answer.getValue())).then());
                    })
                    .bindNow();
        }

        String url() {
            return "http://127.0.0.1:" + server.port();
        }

        int count(String api) {
            AtomicInteger n = counts.get("/v1/chain/" + api);
            return n == null ? 0 : n.get();
        }

        void failNext(String api, int times) {
            failNext.put("/v1/chain/" + api, new AtomicInteger(times));
        }

        void reset() {
            counts.clear();
            failNext.clear();
        }

        @Override
        public void close() {
            server.disposeNow();
            pool.dispose();
        }
    }

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        proxy = new CountingProxy(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), proxy.url());
        warmUp(devnet);
    }

    /**
     * One transact and one status read before a test runs many at once: Jackson builds a type's
     * deserializer under a lock on first use, and BlockHound reports the wait when two event
     * loops race for it (reported to the owner of the chain client).
     */
    static void warmUp(Devnet devnet) {
        ChainClient client = ChainClient.create(devnet.url());
        try {
            Session s = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                    .actor("alice").permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
            TransactResult r = s.transact(TransactArgs.of(transfer("warm-up " + System.nanoTime()))).block(TIMEOUT);
            client.getTransactionStatus(r.id()).block(TIMEOUT);
        } finally {
            client.dispose();
        }
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void reset() {
        proxy.reset();
    }

    static Session.Builder alice(ChainClient client) {
        return Session.builder().chain(chain).client(client).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()));
    }

    static ActionRequest transfer(String memo) {
        return ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", "0.0001 EOS", "memo", memo));
    }

    @Test
    void concurrentTransactsForOneContractShareOneAbiFetch() {
        ChainClient client = ChainClient.create(proxy.url());
        try {
            Session session = alice(client).build();
            int n = 50;
            List<TransactResult> results = Flux.range(0, n)
                    .flatMap(i -> session.transact(TransactArgs.of(transfer("abi " + i))), n)
                    .collectList().block(TIMEOUT);
            assertThat(results).hasSize(n).allSatisfy(r -> assertThat(r.response()).isNotNull());
            assertThat(proxy.count("get_raw_abi")).isEqualTo(1);
            assertThat(proxy.count("get_abi")).isZero();
            assertThat(proxy.count("send_transaction2")).isEqualTo(n);

            // later transacts and abi() use the cached ABI
            session.transact(TransactArgs.of(transfer("abi later")), NO_BROADCAST).block(TIMEOUT);
            assertThat(session.abi(Name.from("eosio.token")).block(TIMEOUT)).isNotNull();
            assertThat(proxy.count("get_raw_abi")).isEqualTo(1);
        } finally {
            client.dispose();
        }
    }

    @Test
    void aFailedAbiFetchIsNotKept() {
        ChainClient client = ChainClient.builder().endpoints(proxy.url()).readRetry(RetryPolicy.none()).build();
        try {
            Session session = alice(client).build();
            proxy.failNext("get_raw_abi", 1);
            StepVerifier.create(session.transact(TransactArgs.of(transfer("fails")), NO_BROADCAST))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainApiException.class))
                    .verify(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(1);

            TransactResult r = session.transact(TransactArgs.of(transfer("works")), NO_BROADCAST).block(TIMEOUT);
            assertThat(r.transaction().actions()).hasSize(1);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);

            session.transact(TransactArgs.of(transfer("cached")), NO_BROADCAST).block(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);
        } finally {
            client.dispose();
        }
    }

    @Test
    void concurrentTransactsOfAFailingFetchAllFailThenTheNextFetchesAgain() {
        ChainClient client = ChainClient.builder().endpoints(proxy.url()).readRetry(RetryPolicy.none()).build();
        try {
            Session session = alice(client).build();
            proxy.failNext("get_raw_abi", 1);
            List<Throwable> errors = Flux.range(0, 20)
                    .flatMap(i -> session.abi(Name.from("eosio.token")).then(Mono.<Throwable>empty())
                            .onErrorResume(Mono::just), 20)
                    .collectList().block(TIMEOUT);
            // the concurrent requests shared the failed fetch, or started one new fetch after it
            assertThat(errors).isNotEmpty();
            int afterFailure = proxy.count("get_raw_abi");
            assertThat(afterFailure).isBetween(1, 2);
            assertThat(session.abi(Name.from("eosio.token")).block(TIMEOUT)).isNotNull();
            assertThat(proxy.count("get_raw_abi")).isBetween(afterFailure, 2);
        } finally {
            client.dispose();
        }
    }

    @Test
    void oneHundredTransactsShareOneGetInfo() {
        ChainClient client = ChainClient.create(proxy.url());
        try {
            // a head cache that is not refreshed during the test: exactly one get_info
            Session session = alice(client).headCache(Duration.ofMinutes(5), Duration.ofMinutes(10)).build();
            List<TransactResult> results = Flux.range(0, 100)
                    .flatMap(i -> session.transact(TransactArgs.of(transfer("tapos " + i))), 100)
                    .collectList().block(TIMEOUT);
            assertThat(results).hasSize(100).allSatisfy(r -> assertThat(r.response()).isNotNull());
            assertThat(proxy.count("get_info")).isEqualTo(1);
            TransactionHeader h = results.get(0).transaction().header();
            assertThat(results).allSatisfy(r -> assertThat(r.transaction().header().refBlockNum())
                    .isEqualTo(h.refBlockNum()));
        } finally {
            client.dispose();
        }
    }

    @Test
    void withTheDefaultHeadCacheGetInfoIsNotCalledPerTransaction() {
        ChainClient client = ChainClient.create(proxy.url());
        try {
            Session session = alice(client).build();
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                session.transact(TransactArgs.of(transfer("default " + i)), NO_BROADCAST).block(TIMEOUT);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            // at most one background refresh per second of the run, plus the first fetch
            assertThat(proxy.count("get_info")).isLessThanOrEqualTo((int) seconds + 2).isLessThan(100);
        } finally {
            client.dispose();
        }
    }

    @Test
    void aTransactionWhoseHeaderIsSetNeedsNoGetInfo() {
        ChainClient client = ChainClient.create(proxy.url());
        try {
            Session session = alice(client).build();
            Transaction prepared = session.transact(TransactArgs.of(transfer("prepared")), NO_BROADCAST)
                    .block(TIMEOUT).transaction();
            proxy.reset();
            Session fresh = alice(client).build();
            TransactResult r = fresh.transact(TransactArgs.of(prepared)).block(TIMEOUT);
            assertThat(r.transaction().header()).isEqualTo(prepared.header());
            assertThat(r.id()).isEqualTo(prepared.id());
            assertThat(proxy.count("get_info")).isZero();
            assertThat(proxy.count("send_transaction2")).isEqualTo(1);
            // a header with only limits set counts as unset: TAPoS and expiration are filled, limits kept
            Transaction limitsOnly = prepared.withHeader(
                    new TransactionHeader(TimePointSec.of(0), 0, 0, 100, 5, 0));
            TransactResult filled = fresh.transact(TransactArgs.of(limitsOnly), NO_BROADCAST).block(TIMEOUT);
            assertThat(filled.transaction().header().maxNetUsageWords()).isEqualTo(100);
            assertThat(filled.transaction().header().maxCpuUsageMs()).isEqualTo(5);
            assertThat(filled.transaction().header().expiration().seconds()).isPositive();
            assertThat(proxy.count("get_info")).isEqualTo(1);
        } finally {
            client.dispose();
        }
    }
}
