package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.PackedTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Sending transactions (with safe retries), following their status, and new heads. */
@ExtendWith(NonBlocking.class)
class ChainClientTransactionTest {

    static final String SENT = "session/0652676688efdffc663db55fbeb24c69265f0685.json";
    static final String PUSHED = "antelope/14ff8bc4f0b171d7494bcd6b5caa83a0be4e162a.json";
    static final String STATUS = ChainClientReadTest.TRX_STATUS;
    static final String DUPLICATE = "{\"code\":409,\"message\":\"Conflict\",\"error\":{\"code\":3040008,"
            + "\"name\":\"tx_duplicate\",\"what\":\"Duplicate transaction\",\"details\":[{\"message\":"
            + "\"duplicate transaction\",\"file\":\"producer_plugin.cpp\",\"line_number\":628,\"method\":\"process_incoming_transaction_async\"}]}}";

    private MockNode node;
    private ChainClient client;
    private PackedTransaction packed;

    @BeforeEach
    void start() {
        node = MockNode.start();
        client = Clients.fast(node).build();
        packed = Fixtures.packed();
    }

    @AfterEach
    void stop() {
        client.dispose();
        node.close();
    }

    /** The recorded get_transaction_status answer with another state and irreversible time. */
    static MockNode.Reply status(String state, String irreversibleTimestamp, String expiration) {
        ObjectNode s = (ObjectNode) Recorded.of(STATUS).json().deepCopy();
        s.put("state", state);
        if (irreversibleTimestamp != null) {
            s.put("irreversible_timestamp", irreversibleTimestamp);
        }
        if (expiration != null) {
            s.put("expiration", expiration);
        }
        return MockNode.json(200, s.toString());
    }

    static MockNode.Reply status(String state) {
        return status(state, null, null);
    }

    @Test
    void sendTransactionPostsThePackedTransaction() {
        JsonNode recorded = Recorded.of(SENT).json();
        node.chain("send_transaction", MockNode.recorded(SENT));
        StepVerifier.create(client.sendTransaction(packed))
                .assertNext(r -> {
                    assertThat(r.transactionId().toString()).isEqualTo(recorded.get("transaction_id").asText());
                    assertThat(r.processed()).isNotNull();
                })
                .expectComplete().verify(Clients.VERIFY);
        JsonNode body = node.requests("send_transaction").get(0).json();
        assertThat(body).isEqualTo(ChainJson.mapper().valueToTree(packed));
        assertThat(body.get("packed_trx").asText()).isEqualTo(packed.packedTrx().toString());
        assertThat(body.get("compression").asInt()).isEqualTo(packed.compression().code());
    }

    @Test
    void pushTransaction() {
        node.chain("push_transaction", MockNode.recorded(PUSHED));
        StepVerifier.create(client.pushTransaction(packed))
                .assertNext(r -> assertThat(r.transactionId().toString())
                        .isEqualTo(Recorded.of(PUSHED).json().get("transaction_id").asText()))
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("push_transaction")).hasSize(1);
    }

    @Test
    void sendTransaction2SendsItsOptions() {
        node.chain("send_transaction2", MockNode.recorded(SENT));
        StepVerifier.create(client.sendTransaction2(packed, SendOptions.DEFAULT.withRetryTrx(3)))
                .expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        JsonNode body = node.requests("send_transaction2").get(0).json();
        assertThat(body.get("retry_trx").asBoolean()).isTrue();
        assertThat(body.get("retry_trx_num_blocks").asInt()).isEqualTo(3);
        assertThat(body.get("return_failure_trace").asBoolean()).isTrue();
        assertThat(body.get("transaction")).isEqualTo(ChainJson.mapper().valueToTree(packed));
    }

    @Test
    void computeAndReadOnlyTransactionsAreRetriedLikeReads() {
        node.chain("compute_transaction", MockNode.json(503, "busy"), MockNode.recorded(SENT));
        node.chain("send_read_only_transaction", MockNode.recorded(SENT));
        StepVerifier.create(client.computeTransaction(packed)).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        StepVerifier.create(client.sendReadOnlyTransaction(packed)).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("compute_transaction")).hasSize(2);
        assertThat(node.requests("compute_transaction").get(1).json().get("transaction"))
                .as("nodeos and WharfKit wrap the packed transaction").isEqualTo(ChainJson.mapper().valueToTree(packed));
        assertThat(node.requests("send_read_only_transaction").get(0).json().get("transaction"))
                .isEqualTo(ChainJson.mapper().valueToTree(packed));
    }

    @Test
    void aDuplicateAnswerToARetryMeansTheFirstTryGotThrough() {
        node.chain("send_transaction", MockNode.stall(), MockNode.json(409, DUPLICATE));
        ChainClient impatient = Clients.fast(node).responseTimeout(Duration.ofMillis(2000)).build();
        StepVerifier.create(impatient.sendTransaction(packed))
                .assertNext(r -> {
                    assertThat(r.transactionId()).isEqualTo(packed.id());
                    assertThat(r.processed()).as("the trace of the first try is unknown").isNull();
                })
                .expectComplete().verify(Clients.VERIFY);
        List<MockNode.Request> sent = node.requests("send_transaction");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).body()).as("a retry sends the same transaction").isEqualTo(sent.get(0).body());
        impatient.dispose();
    }

    @Test
    void aDuplicateAnswerToTheFirstTryIsAnError() {
        node.chain("send_transaction", MockNode.json(409, DUPLICATE));
        StepVerifier.create(client.sendTransaction(packed))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainApiException.class, a -> {
                    assertThat(a.isDuplicateTransaction()).isTrue();
                    assertThat(a.httpStatus()).isEqualTo(409);
                }))
                .verify(Clients.VERIFY);
        assertThat(node.count()).isEqualTo(1);
    }

    @Test
    void aRefusedTransactionIsNotRetried() {
        node.chain("send_transaction", MockNode.json(500, ChainClientResilienceTest.ASSERT_FAILED));
        StepVerifier.create(client.sendTransaction(packed))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainApiException.class,
                        a -> assertThat(a.name()).isEqualTo("eosio_assert_message_exception")))
                .verify(Clients.VERIFY);
        assertThat(node.count()).isEqualTo(1);
    }

    @Test
    void broadcastEmitsTheResultThenEachStateChange() {
        node.chain("send_transaction", MockNode.recorded(SENT));
        node.chain("get_transaction_status", status("LOCALLY_APPLIED"), status("LOCALLY_APPLIED"),
                status("IN_BLOCK"), status("IN_BLOCK"), status("IRREVERSIBLE"));
        Checksum256 id = packed.id();
        StepVerifier.create(client.broadcast(packed))
                .assertNext(e -> {
                    assertThat(e).isInstanceOf(BroadcastEvent.Accepted.class);
                    assertThat(((BroadcastEvent.Accepted) e).duplicate()).isFalse();
                    assertThat(e.transactionId()).isEqualTo(id);
                })
                .assertNext(e -> assertThat(((BroadcastEvent.StatusChanged) e).state()).isEqualTo(TransactionState.LOCALLY_APPLIED))
                .assertNext(e -> assertThat(((BroadcastEvent.StatusChanged) e).state()).isEqualTo(TransactionState.IN_BLOCK))
                .assertNext(e -> assertThat(((BroadcastEvent.StatusChanged) e).state()).isEqualTo(TransactionState.IRREVERSIBLE))
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_transaction_status")).hasSize(5)
                .allSatisfy(r -> assertThat(r.json().get("id").asText()).isEqualTo(id.toString()));
        assertThat(packed.id().toString()).isEqualTo(Fixtures.transactionId());
    }

    @Test
    void broadcastSaysWhenTheResultCameFromADuplicate() {
        node.chain("send_transaction", MockNode.stall(), MockNode.json(409, DUPLICATE));
        node.chain("get_transaction_status", status("IRREVERSIBLE"));
        ChainClient impatient = Clients.fast(node).responseTimeout(Duration.ofMillis(2000)).build();
        StepVerifier.create(impatient.broadcast(packed))
                .assertNext(e -> assertThat(((BroadcastEvent.Accepted) e).duplicate()).isTrue())
                .assertNext(e -> assertThat(((BroadcastEvent.StatusChanged) e).state()).isEqualTo(TransactionState.IRREVERSIBLE))
                .expectComplete().verify(Clients.VERIFY);
        impatient.dispose();
    }

    @Test
    void broadcastsComposeInAPipeline() {
        node.chain("send_transaction", MockNode.recorded(SENT));
        node.chain("get_transaction_status", status("IRREVERSIBLE"));
        StepVerifier.create(Flux.just(packed, packed, packed).concatMap(client::broadcast)
                        .filter(BroadcastEvent.StatusChanged.class::isInstance))
                .expectNextCount(3)
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("send_transaction")).hasSize(3);
    }

    @Test
    void broadcastEndsWithTheRefusal() {
        node.chain("send_transaction", MockNode.json(500, ChainClientResilienceTest.ASSERT_FAILED));
        StepVerifier.create(client.broadcast(packed)).expectError(ChainApiException.class).verify(Clients.VERIFY);
        assertThat(node.requests("get_transaction_status")).isEmpty();
    }

    @Test
    void trackingWaitsLongerWhileNothingChanges() {
        node.chain("get_transaction_status", status("LOCALLY_APPLIED"), status("LOCALLY_APPLIED"),
                status("LOCALLY_APPLIED"), status("LOCALLY_APPLIED"), status("FAILED"));
        StepVerifier.create(client.trackTransaction(packed.id()).map(TransactionStatus::knownState))
                .expectNext(TransactionState.LOCALLY_APPLIED, TransactionState.FAILED)
                .expectComplete().verify(Clients.VERIFY);
        List<MockNode.Request> polls = node.requests("get_transaction_status");
        assertThat(polls).hasSize(5);
        // PollPolicy of Clients.fast: 10 ms, doubling, at most 40 ms
        long[] least = {10, 20, 40, 40};
        for (int i = 0; i < least.length; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(polls.get(i + 1).nanos() - polls.get(i).nanos());
            assertThat(gap).as("wait before poll %d", i + 2).isGreaterThanOrEqualTo(least[i] - 1);
        }
    }

    @Test
    void pollPolicyGrowsToItsCap() {
        PollPolicy p = new PollPolicy(Duration.ofMillis(100), Duration.ofMillis(250), 2.0, Duration.ofSeconds(1));
        assertThat(p.next(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(200));
        assertThat(p.next(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aTransactionPastItsExpirationIsReportedExpired() {
        node.chain("get_transaction_status",
                status("UNKNOWN", "2024-10-30T08:20:00.000", null));
        node.chain("send_transaction", MockNode.recorded(SENT));
        // the transaction expires at 2024-10-30T08:16:03; the node's last irreversible block is later
        StepVerifier.create(client.broadcast(packed).ofType(BroadcastEvent.StatusChanged.class)
                        .map(BroadcastEvent.StatusChanged::state))
                .expectNext(TransactionState.EXPIRED)
                .expectComplete().verify(Clients.VERIFY);
    }

    @Test
    void trackingUsesTheExpirationTheNodeReports() {
        node.chain("get_transaction_status", status("UNKNOWN", null, null),
                status("UNKNOWN", "2023-08-04T18:50:00.000", "2023-08-04T18:49:00.000"));
        StepVerifier.create(client.trackTransaction(packed.id()).map(TransactionStatus::knownState))
                .expectNext(TransactionState.UNKNOWN, TransactionState.EXPIRED)
                .expectComplete().verify(Clients.VERIFY);
    }

    @Test
    void trackingGivesUpAfterItsTimeout() {
        node.chain("get_transaction_status", status("UNKNOWN"));
        ChainClient brief = Clients.fast(node)
                .statusPolling(new PollPolicy(Duration.ofMillis(20), Duration.ofMillis(20), 1, Duration.ofMillis(2000)))
                .build();
        StepVerifier.create(brief.trackTransaction(packed.id()))
                .assertNext(s -> assertThat(s.knownState()).isEqualTo(TransactionState.UNKNOWN))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainTimeoutException.class)
                        .hasMessageContaining(packed.id().toString()).hasMessageContaining("still UNKNOWN"))
                .verify(Clients.VERIFY);
        brief.dispose();
    }

    @Test
    void headsEmitsEachNewHeadOnce() {
        long[] heads = {100, 100, 101, 99, 103, 104};
        AtomicInteger i = new AtomicInteger();
        ObjectNode info = (ObjectNode) Recorded.of(ChainClientReadTest.GET_INFO).json();
        node.chain("get_info", MockNode.dynamic(r -> {
            ObjectNode copy = info.deepCopy();
            copy.put("head_block_num", heads[Math.min(i.getAndIncrement(), heads.length - 1)]);
            return MockNode.json(200, copy.toString());
        }));
        StepVerifier.create(client.heads().map(ChainInfo::headBlockNum).take(4))
                .expectNext(100L, 101L, 103L, 104L)
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_info")).hasSize(6);
    }

    @Test
    void headsWaitsBetweenPolls() {
        node.chain("get_info", MockNode.recorded(ChainClientReadTest.GET_INFO));
        ChainClient slow = Clients.fast(node).headsInterval(Duration.ofMillis(300)).build();
        List<Long> seen = new ArrayList<>();
        StepVerifier.create(slow.heads().map(ChainInfo::headBlockNum).doOnNext(seen::add))
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(1000))
                .thenCancel()
                .verify(Clients.VERIFY);
        // 1 s at one poll per 300 ms is at most 4 more polls; a client that did not wait would send hundreds.
        assertThat(node.requests("get_info").size()).as("polled every 300 ms, same head").isBetween(2, 5);
        slow.dispose();
    }
}
