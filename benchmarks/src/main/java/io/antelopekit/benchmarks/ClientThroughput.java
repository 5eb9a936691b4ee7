package io.antelopekit.benchmarks;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.netty.buffer.Unpooled;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.http.server.HttpServer;

/**
 * Requests per second of {@code ChainClient.getInfo()} and {@code sendTransaction(...)} against
 * a local Reactor Netty server on 127.0.0.1 that answers with fixed node-shaped bodies, at
 * concurrency 1 and 64. A plain harness (not JMH): the measured unit is a whole HTTP exchange.
 *
 * <p>The first row of each concurrency is a bare Reactor Netty {@code HttpClient} POST of the
 * same request, the baseline the SDK's client is compared with.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.ClientThroughput [seconds]
 * </pre>
 */
public final class ClientThroughput {

    private static final String GET_INFO = "{\"server_version\":\"d133c641\",\"chain_id\":\"" + Fixtures.CHAIN_ID + "\","
            + "\"head_block_num\":118245591,\"last_irreversible_block_num\":118245256,"
            + "\"last_irreversible_block_id\":\"070c4b88d14a6c8c1f3b6e1f2ab4d6b3b5a4c7bb49e50d5aea1ebb0a6f0e1f21\","
            + "\"head_block_id\":\"070c4cd7d58f04a6b07e2e5d0e3dc2a1b16e3b0f1d8c86a5a4c4c1d0e7f6a5b4\","
            + "\"head_block_time\":\"2026-11-26T04:00:00.000\",\"head_block_producer\":\"eosnationftw\","
            + "\"virtual_block_cpu_limit\":200000000,\"virtual_block_net_limit\":1048576000,\"block_cpu_limit\":199900,"
            + "\"block_net_limit\":1048576,\"server_version_string\":\"v5.0.3\",\"fork_db_head_block_num\":118245591,"
            + "\"fork_db_head_block_id\":\"070c4cd7d58f04a6b07e2e5d0e3dc2a1b16e3b0f1d8c86a5a4c4c1d0e7f6a5b4\"}";

    private ClientThroughput() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        PackedTransaction packed = transaction();
        String sent = "{\"transaction_id\":\"" + packed.id() + "\",\"processed\":{\"id\":\"" + packed.id()
                + "\",\"block_num\":118245592,\"block_time\":\"2026-11-26T04:00:00.500\",\"producer_block_id\":null,"
                + "\"receipt\":{\"status\":\"executed\",\"cpu_usage_us\":155,\"net_usage_words\":16},\"elapsed\":155,"
                + "\"net_usage\":128,\"scheduled\":false,\"action_traces\":[],\"account_ram_delta\":null,\"except\":null,"
                + "\"error_code\":null}}";
        byte[] info = GET_INFO.getBytes(StandardCharsets.UTF_8);
        byte[] push = sent.getBytes(StandardCharsets.UTF_8);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r
                        .post("/v1/chain/get_info", (req, res) -> req.receive().then(
                                res.header("Content-Type", "application/json").sendByteArray(Mono.just(info)).then()))
                        .post("/v1/chain/send_transaction", (req, res) -> req.receive().then(
                                res.header("Content-Type", "application/json").sendByteArray(Mono.just(push)).then())))
                .bindNow();
        ChainClient client = ChainClient.builder()
                .endpoint("http://127.0.0.1:" + server.port())
                .maxConnections(64)
                .build();
        try {
            System.out.printf("%d cores, %s, %d s per figure%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"), seconds);
            HttpClient raw = HttpClient.create(ConnectionProvider.create("raw", 64))
                    .baseUrl("http://127.0.0.1:" + server.port());
            for (int concurrency : new int[] {1, 64}) {
                run("raw reactor-netty", concurrency, seconds, () -> raw.post().uri("/v1/chain/get_info")
                        .send(Mono.just(Unpooled.wrappedBuffer("{}".getBytes(StandardCharsets.UTF_8))))
                        .responseSingle((res, body) -> body.asByteArray()).then());
                run("get_info", concurrency, seconds, () -> client.getInfo().then());
                run("send_transaction", concurrency, seconds, () -> client.sendTransaction(packed).then());
            }
        } finally {
            client.dispose();
            server.disposeNow();
        }
    }

    private static void run(String what, int concurrency, int seconds, Supplier<Mono<Void>> call) {
        measure(concurrency, Duration.ofSeconds(Math.max(2, seconds / 3)), call); // warm-up
        long n = measure(concurrency, Duration.ofSeconds(seconds), call);
        System.out.printf(Locale.ROOT, "%-17s concurrency %2d: %,10.0f requests/s%n", what, concurrency,
                n / (double) seconds);
    }

    private static long measure(int concurrency, Duration duration, Supplier<Mono<Void>> call) {
        Long done = Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> call.get().thenReturn(1), concurrency)
                .take(duration)
                .count()
                .block();
        return done == null ? 0 : done;
    }

    private static PackedTransaction transaction() {
        Abi abi = Abi.fromJson(Fixtures.tokenAbiJson());
        Action action = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"),
                new Fixtures.Transfer("alice", "bob", "1.0000 EOS", "throughput"), abi);
        Transaction trx = Transaction.of(new TransactionHeader(TimePointSec.of(1_800_000_000L), 1, 2, 0, 0, 0), action);
        return trx.sign(Checksum256.from(Fixtures.CHAIN_ID), PrivateKey.from(Fixtures.K1_KEY)).pack(Compression.NONE);
    }
}
