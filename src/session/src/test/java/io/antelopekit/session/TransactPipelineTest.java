package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * One transact's steps, run by the pipeline alone against a small canned node on 127.0.0.1: it
 * answers {@code get_info}, refuses {@code send_transaction2} with 404 (an older node) and accepts
 * {@code send_transaction}.
 */
class TransactPipelineTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = ChainJson.mapper();
    static final Checksum256 CHAIN_ID = Checksum256.from("bb".repeat(32));
    static final PermissionLevel ALICE = PermissionLevel.from("alice@active");
    static final PrivateKey KEY = PrivateKey.generate(KeyType.K1);
    static final Name TOKEN_ACCOUNT = Name.from("eosio.token");
    static final Abi TOKEN = Abi.fromJson("""
            {"version":"eosio::abi/1.1","types":[],"structs":[{"name":"transfer","base":"","fields":[
              {"name":"from","type":"name"},{"name":"to","type":"name"},
              {"name":"quantity","type":"asset"},{"name":"memo","type":"string"}]}],
             "actions":[{"name":"transfer","type":"transfer","ricardian_contract":""}]}""");
    static final Instant HEAD_TIME = Instant.parse("2026-11-26T04:00:00Z");
    static final String GET_INFO = "{\"server_version\":\"d133c641\",\"chain_id\":\"" + CHAIN_ID + "\","
            + "\"head_block_num\":1000,\"last_irreversible_block_num\":998,"
            + "\"last_irreversible_block_id\":\"000003e6d14a6c8c1f3b6e1f2ab4d6b3b5a4c7bb49e50d5aea1ebb0a6f0e1f21\","
            + "\"head_block_id\":\"000003e8d58f04a6b07e2e5d0e3dc2a1b16e3b0f1d8c86a5a4c4c1d0e7f6a5b4\","
            + "\"head_block_time\":\"2026-11-26T04:00:00.000\",\"head_block_producer\":\"eosio\","
            + "\"virtual_block_cpu_limit\":200000000,\"virtual_block_net_limit\":1048576000,\"block_cpu_limit\":199900,"
            + "\"block_net_limit\":1048576,\"server_version_string\":\"v5.0.3\"}";

    static DisposableServer node;
    static ChainClient client;
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    static final List<PackedTransaction> sent = new CopyOnWriteArrayList<>();

    static int calls(String api) {
        return calls.computeIfAbsent(api, k -> new AtomicInteger()).get();
    }

    static void count(String api) {
        calls.computeIfAbsent(api, k -> new AtomicInteger()).incrementAndGet();
    }

    @BeforeAll
    static void start() {
        node = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r
                        .post("/v1/chain/get_info", (req, res) -> req.receive().then(Mono.fromRunnable(
                                () -> count("get_info"))).then(res.header("Content-Type", "application/json")
                                .sendString(Mono.just(GET_INFO)).then()))
                        .post("/v1/chain/send_transaction2", (req, res) -> req.receive().then(Mono.fromRunnable(
                                () -> count("send_transaction2"))).then(res.status(404)
                                .header("Content-Type", "text/plain").sendString(Mono.just("Not Found")).then()))
                        .post("/v1/chain/send_transaction", (req, res) -> req.receive().aggregate().asString()
                                .map(TransactPipelineTest::accept)
                                .flatMap(body -> res.header("Content-Type", "application/json")
                                        .sendString(Mono.just(body)).then())))
                .bindNow();
        client = ChainClient.create("http://127.0.0.1:" + node.port());
    }

    @AfterAll
    static void stop() {
        client.dispose();
        node.disposeNow();
    }

    @BeforeEach
    void reset() {
        calls.clear();
        sent.clear();
    }

    /** The node's answer to {@code send_transaction}: executed, no traces. */
    static String accept(String request) {
        try {
            count("send_transaction");
            PackedTransaction packed = JSON.readValue(request, PackedTransaction.class);
            sent.add(packed);
            String id = packed.id().toString();
            ObjectNode processed = JSON.createObjectNode();
            processed.put("id", id).put("block_num", 1001).put("block_time", "2026-11-26T04:00:00.500")
                    .putNull("producer_block_id").putNull("receipt").put("elapsed", 100).put("net_usage", 128)
                    .put("scheduled", false);
            processed.putArray("action_traces");
            processed.putNull("account_ram_delta").putNull("except").putNull("error_code");
            ObjectNode out = JSON.createObjectNode();
            out.put("transaction_id", id);
            out.set("processed", processed);
            return JSON.writeValueAsString(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user interface that notes each callback. */
    static final class RecordingUi implements UserInterface {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        private Mono<Void> note(String event) {
            return Mono.fromRunnable(() -> events.add(event));
        }

        public Mono<Void> onTransact() {
            return note("onTransact");
        }

        public Mono<Void> onSign() {
            return note("onSign");
        }

        public Mono<Void> onSignComplete() {
            return note("onSignComplete");
        }

        public Mono<Void> onBroadcast() {
            return note("onBroadcast");
        }

        public Mono<Void> onBroadcastComplete() {
            return note("onBroadcastComplete");
        }

        public Mono<Void> onTransactComplete() {
            return note("onTransactComplete");
        }

        public Mono<Void> onError(Throwable error) {
            return Mono.fromRunnable(() -> errors.add(error)).then(note("onError"));
        }
    }

    /** A plugin that notes its hooks in the interface's list, answering {@code beforeSign} with nothing. */
    static TransactPlugin noting(String id, RecordingUi ui) {
        return new TransactPlugin() {
            public String id() {
                return id;
            }

            public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                return Mono.fromRunnable(() -> ui.events.add("beforeSign:" + id + ":" + c.allowModify()));
            }

            public Mono<Void> afterSign(SignedTransaction t, TransactContext c) {
                return Mono.fromRunnable(() -> ui.events.add("afterSign:" + id));
            }

            public Mono<Void> afterBroadcast(TransactResult r, TransactContext c) {
                return Mono.fromRunnable(() -> ui.events.add("afterBroadcast:" + id));
            }
        };
    }

    static TransactPipeline pipeline(UserInterface ui, SessionMetrics metrics, TransactPlugin... plugins) {
        Endpoint endpoint = new Endpoint(ChainDefinition.of(CHAIN_ID, "http://127.0.0.1:" + node.port()), client);
        return new TransactPipeline(ALICE, WalletPluginPrivateKey.of(KEY),
                new TransactSettings(List.of(plugins), 120, true, Map.of()), metrics, ui, endpoint,
                new SessionAbis(Map.of(TOKEN_ACCOUNT, TOKEN), null, client),
                new HeadCache(() -> client, Duration.ofMinutes(1), Duration.ofMinutes(2)));
    }

    static TransactArgs transfer(String memo) {
        return TransactArgs.of(ActionRequest.of("eosio.token", "transfer", Map.of("from", "............1",
                "to", "bob", "quantity", "0.0001 EOS", "memo", memo)));
    }

    @Test
    void theStepsRunInOrderAndTheBroadcastFallsBackToSendTransaction() {
        RecordingUi ui = new RecordingUi();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TransactPipeline pipeline = pipeline(ui, SessionMetrics.of(registry, CHAIN_ID.toString(), "w"),
                noting("first", ui), noting("second", ui));

        TransactResult r = pipeline.transact(transfer("one"), TransactOptions.DEFAULT).block(TIMEOUT);

        assertThat(ui.events).containsExactly("onTransact", "beforeSign:first:true", "beforeSign:second:true",
                "onSign", "afterSign:first", "afterSign:second", "onSignComplete", "onBroadcast",
                "afterBroadcast:first", "afterBroadcast:second", "onBroadcastComplete", "onTransactComplete");
        assertThat(ui.errors).isEmpty();
        // built: the placeholder resolved in the data, the header from the cached head
        assertThat(r.transaction().actions().get(0).decodeData(TOKEN).get("from").asText()).isEqualTo("alice");
        TransactionHeader header = r.transaction().header();
        assertThat(header.refBlockNum()).isEqualTo(998);
        assertThat(header.expiration().seconds()).isBetween(HEAD_TIME.getEpochSecond() + 120,
                HEAD_TIME.getEpochSecond() + 130);
        assertThat(r.revisions()).extracting(TransactResult.Revision::pluginId).containsExactly("first", "second");
        // signed by the wallet, sent as signed, answered by the node
        assertThat(r.signatures()).singleElement()
                .satisfies(s -> assertThat(s.recover(r.transaction().signingDigest(CHAIN_ID)))
                        .isEqualTo(KEY.toPublic()));
        assertThat(sent).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(r.id()));
        assertThat(r.response().transactionId()).isEqualTo(r.id());
        assertThat(calls("get_info")).isEqualTo(1);
        assertThat(calls("send_transaction2")).isEqualTo(1);
        assertThat(calls("send_transaction")).isEqualTo(1);
        assertThat(pipeline.endpoint().lacksSendTransaction2()).isTrue();
        assertThat(registry.get(SessionMetrics.TRANSACT).tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get(SessionMetrics.BROADCAST).tag("outcome", "success").timer().count()).isEqualTo(1);

        // the node is remembered: the next broadcast goes to send_transaction at once, the head is cached
        TransactResult next = pipeline.transact(transfer("two"), TransactOptions.DEFAULT).block(TIMEOUT);
        assertThat(next.response().transactionId()).isEqualTo(next.id());
        assertThat(calls("send_transaction2")).isEqualTo(1);
        assertThat(calls("send_transaction")).isEqualTo(2);
        assertThat(calls("get_info")).isEqualTo(1);
    }

    @Test
    void withoutBroadcastNothingIsSent() {
        RecordingUi ui = new RecordingUi();
        TransactPipeline pipeline = pipeline(ui, SessionMetrics.NONE, noting("p", ui));
        Transaction t = Transaction.of(new TransactionHeader(TimePointSec.of(2_000_000_000L), 1, 2, 0, 0, 0),
                io.antelopekit.chain.transaction.Action.of("eosio.token", "transfer", ALICE,
                        Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", ""), TOKEN));

        StepVerifier.create(pipeline.transact(TransactArgs.of(t), TransactOptions.DEFAULT.withBroadcast(false)
                        .withAllowModify(false)))
                .assertNext(r -> {
                    assertThat(r.transaction()).isEqualTo(t);
                    assertThat(r.response()).isNull();
                    assertThat(r.returns()).isEmpty();
                    assertThat(r.signatures()).hasSize(1);
                })
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(ui.events).containsExactly("onTransact", "beforeSign:p:false", "onSign", "afterSign:p",
                "onSignComplete", "onTransactComplete");
        assertThat(calls).as("the header was set: no get_info; nothing sent").isEmpty();
    }

    @Test
    void aHookMayCompleteTheHeaderAndCosignLockingTheTransaction() {
        RecordingUi ui = new RecordingUi();
        PrivateKey cosigner = PrivateKey.generate(KeyType.K1);
        TransactPlugin cosigns = new TransactPlugin() {
            public String id() {
                return "cosigns";
            }

            public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                return c.resolveHeader(t).map(h -> TransactHookResult.sign(h,
                        List.of(cosigner.signDigest(h.signingDigest(c.chain().id())))));
            }
        };
        TransactPipeline pipeline = pipeline(ui, SessionMetrics.NONE, cosigns, noting("later", ui));

        StepVerifier.create(pipeline.transact(transfer("cosigned"), TransactOptions.DEFAULT.withBroadcast(false)))
                .assertNext(r -> {
                    assertThat(r.revisions().get(0).modified()).as("the header completed").isTrue();
                    assertThat(r.revisions().get(0).signatures()).isEqualTo(1);
                    assertThat(r.revisions().get(1).allowModify()).as("locked by the signature").isFalse();
                    Checksum256 digest = r.transaction().signingDigest(CHAIN_ID);
                    assertThat(r.signatures()).extracting(s -> s.recover(digest))
                            .containsExactly(cosigner.toPublic(), KEY.toPublic());
                })
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(ui.events).contains("beforeSign:later:false");
    }

    @Test
    void anErrorKeepsItsTypeAndReachesTheUserInterface() {
        RecordingUi ui = new RecordingUi();
        // completing the header is always applied; another change is not, nor may it be signed
        TransactPlugin changesAndSigns = new TransactPlugin() {
            public String id() {
                return "changes-and-signs";
            }

            public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                return c.resolveHeader(t).map(h -> {
                    Transaction changed = h.withActions(List.of(h.actions().get(0), h.actions().get(0)));
                    return TransactHookResult.sign(changed, List.of(KEY.signDigest(changed.signingDigest(CHAIN_ID))));
                });
            }
        };
        TransactPipeline pipeline = pipeline(ui, SessionMetrics.NONE, changesAndSigns, noting("never", ui));

        StepVerifier.create(pipeline.transact(transfer("refused"), TransactOptions.DEFAULT.withAllowModify(false)))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(SessionException.class)
                        .hasMessageContaining("changes-and-signs").hasMessageContaining("not applied"))
                .verify(TIMEOUT);
        assertThat(ui.events).containsExactly("onTransact", "onError");
        assertThat(ui.errors).singleElement().isInstanceOf(SessionException.class);
        assertThat(calls("send_transaction2") + calls("send_transaction")).isZero();
    }

    @Test
    void aCopyWithAnotherInterfaceSharesTheHeadAnotherEndpointHasItsOwn() {
        RecordingUi first = new RecordingUi();
        RecordingUi second = new RecordingUi();
        TransactPipeline pipeline = pipeline(first, SessionMetrics.NONE);
        TransactOptions signOnly = TransactOptions.DEFAULT.withBroadcast(false);
        pipeline.transact(transfer("a"), signOnly).block(TIMEOUT);
        assertThat(calls("get_info")).isEqualTo(1);

        TransactPipeline other = pipeline.withUserInterface(second);
        other.transact(transfer("b"), signOnly).block(TIMEOUT);
        assertThat(second.events).startsWith("onTransact").endsWith("onTransactComplete");
        assertThat(first.events).hasSize(4);
        assertThat(calls("get_info")).as("the head cache is shared").isEqualTo(1);
        assertThat(other.endpoint()).isSameAs(pipeline.endpoint());

        TransactPipeline moved = pipeline.on(Endpoint.withClientUrls(pipeline.endpoint().chain, client));
        moved.transact(transfer("c"), signOnly).block(TIMEOUT);
        assertThat(calls("get_info")).as("another endpoint reads its own head").isEqualTo(2);
        assertThat(moved.endpoint().chain.urls()).containsExactly("http://127.0.0.1:" + node.port());
        assertThat(moved.abis().cache()).isNotSameAs(pipeline.abis().cache());
    }

    @Test
    void signingAloneAsksTheWalletOnly() {
        RecordingUi ui = new RecordingUi();
        TransactPipeline pipeline = pipeline(ui, SessionMetrics.NONE, noting("p", ui));
        Transaction t = Transaction.of(TransactionAssembler.UNSET_HEADER,
                io.antelopekit.chain.transaction.Action.of("eosio.token", "transfer", ALICE,
                        Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", ""), TOKEN));

        StepVerifier.create(pipeline.sign(t))
                .assertNext(sigs -> assertThat(sigs).singleElement()
                        .satisfies(s -> assertThat(s.recover(t.signingDigest(CHAIN_ID))).isEqualTo(KEY.toPublic())))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(ui.events).isEmpty();
        assertThat(calls).isEmpty();
    }
}
