package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Checksum256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The transaction tracker alone, polling a local node that answers canned get_transaction_status JSON. */
class TransactionTrackerTest {

    static final Duration VERIFY = Duration.ofSeconds(30);

    /** A node's get_transaction_status answer (recorded on Jungle 4), its state to be replaced. */
    static final String RECORDED = "{\"state\":\"UNKNOWN\",\"head_number\":90841456,\"head_id\":"
            + "\"056a217065a468da24de7d0724c7f62fb97961852e5dbc70228a555b706d001f\",\"head_timestamp\":"
            + "\"2023-08-04T18:50:04.500\",\"irreversible_number\":90841122,\"irreversible_id\":"
            + "\"056a20227ecac1a288de07ae6ec484f12d18c624a08025024c74b35f0eedccdc\",\"irreversible_timestamp\":"
            + "\"2023-08-04T18:47:17.500\",\"earliest_tracked_block_id\":"
            + "\"0569cd2cffd2b1e82e14c7813523e559167642571807b560f679815fe2053fd5\",\"earliest_tracked_block_number\":90819884}";

    static final Checksum256 ID = Checksum256.from("6f2ad6d8a5b8dc4cd8b4e3b0bb2d5e52f7f1b1a5ad5e1d2f3c4b5a6978877665");

    /** Fast polling: 10 ms, doubling up to 40 ms, at most 5 s. */
    static final PollPolicy FAST = new PollPolicy(Duration.ofMillis(10), Duration.ofMillis(40), 2.0, Duration.ofSeconds(5));

    private LocalNode node;
    private Transport transport;

    @BeforeEach
    void start() {
        node = new LocalNode();
        transport = node.transport();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** The recorded answer in {@code state}, with another irreversible time and expiration when given. */
    static String status(String state, String irreversibleTimestamp, String expiration) {
        try {
            ObjectNode s = (ObjectNode) ChainJson.mapper().readTree(RECORDED);
            s.put("state", state);
            if (irreversibleTimestamp != null) {
                s.put("irreversible_timestamp", irreversibleTimestamp);
            }
            if (expiration != null) {
                s.put("expiration", expiration);
            }
            return s.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String status(String state) {
        return status(state, null, null);
    }

    /** get_transaction_status through the transport, without retries. */
    private Mono<TransactionStatus> fetch(Checksum256 id) {
        return transport.execute(Api.GET_TRANSACTION_STATUS, null, () -> RequestBodies.field("id", id.toString()),
                Answers.json(TransactionStatus.class), RetryPolicy.none(), null);
    }

    private TransactionTracker tracker(PollPolicy policy) {
        return new TransactionTracker(this::fetch, policy, URI.create("http://node.example/v1/chain/get_transaction_status"),
                Schedulers.parallel(), System::nanoTime);
    }

    @Test
    void reportsEachStateOnceInOrderAndStopsAtIrreversible() {
        node.chain("get_transaction_status", status("LOCALLY_APPLIED"), status("LOCALLY_APPLIED"), status("IN_BLOCK"),
                status("IN_BLOCK"), status("IN_BLOCK"), status("IRREVERSIBLE"), status("FORKED_OUT"));
        StepVerifier.create(tracker(FAST).track(ID, null).map(TransactionStatus::knownState))
                .expectNext(TransactionState.LOCALLY_APPLIED, TransactionState.IN_BLOCK, TransactionState.IRREVERSIBLE)
                .expectComplete()
                .verify(VERIFY);
        List<JsonNode> polls = node.requests("get_transaction_status");
        assertThat(polls).as("no poll after the final state").hasSize(6);
        assertThat(polls).allSatisfy(body -> assertThat(body.get("id").asText()).isEqualTo(ID.toString()));
    }

    @Test
    void aFinalFirstAnswerIsTheOnlyOne() {
        node.chain("get_transaction_status", status("FAILED"), status("IRREVERSIBLE"));
        StepVerifier.create(tracker(FAST).track(ID, null).map(TransactionStatus::knownState))
                .expectNext(TransactionState.FAILED)
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_transaction_status")).hasSize(1);
    }

    @Test
    void nothingIsSentBeforeSubscriptionAndEachSubscriptionTracksAnew() {
        node.chain("get_transaction_status", status("IRREVERSIBLE"));
        TransactionTracker tracker = tracker(FAST);
        var tracking = tracker.track(ID, null);
        assertThat(node.requests("get_transaction_status")).isEmpty();
        StepVerifier.create(tracking).expectNextCount(1).expectComplete().verify(VERIFY);
        StepVerifier.create(tracking).expectNextCount(1).expectComplete().verify(VERIFY);
        assertThat(node.requests("get_transaction_status")).hasSize(2);
    }

    @Test
    void waitsGrowWhileNothingChanges() {
        node.chain("get_transaction_status", status("LOCALLY_APPLIED"), status("LOCALLY_APPLIED"),
                status("LOCALLY_APPLIED"), status("LOCALLY_APPLIED"), status("IRREVERSIBLE"));
        long start = System.nanoTime();
        StepVerifier.create(tracker(FAST).track(ID, null).map(TransactionStatus::knownState))
                .expectNext(TransactionState.LOCALLY_APPLIED, TransactionState.IRREVERSIBLE)
                .expectComplete()
                .verify(VERIFY);
        // four waits: 10, 20, 40 and 40 ms (the cap)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(110);
        assertThat(node.requests("get_transaction_status")).hasSize(5);
    }

    @Test
    void aTransactionPastItsKnownExpirationIsReportedExpired() {
        // not in a block, and the last irreversible block (2023-08-04T18:47:17.5) is past the expiration
        node.chain("get_transaction_status", status("LOCALLY_APPLIED", "2023-08-04T18:40:00.000", null), status("UNKNOWN"));
        Instant expiration = Instant.parse("2023-08-04T18:45:00Z");
        StepVerifier.create(tracker(FAST).track(ID, expiration))
                .assertNext(s -> assertThat(s.knownState()).isEqualTo(TransactionState.LOCALLY_APPLIED))
                .assertNext(s -> {
                    assertThat(s.knownState()).isEqualTo(TransactionState.EXPIRED);
                    assertThat(s.irreversibleNumber()).as("the node's other fields are kept").isEqualTo(90841122L);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_transaction_status")).hasSize(2);
    }

    @Test
    void theNodesExpirationWinsOverTheKnownOne() {
        node.chain("get_transaction_status", status("UNKNOWN", null, "2023-08-04T18:47:00.000"));
        StepVerifier.create(tracker(FAST).track(ID, Instant.parse("2023-08-04T19:00:00Z")).map(TransactionStatus::knownState))
                .expectNext(TransactionState.EXPIRED)
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void aTransactionInABlockNeverExpires() {
        TransactionStatus inBlock = read(status("IN_BLOCK", null, "2023-08-04T18:00:00.000"));
        assertThat(TransactionTracker.expired(inBlock, null)).isSameAs(inBlock);
        TransactionStatus unknown = read(status("UNKNOWN"));
        assertThat(TransactionTracker.expired(unknown, null)).as("no expiration known").isSameAs(unknown);
        assertThat(TransactionTracker.expired(unknown, Instant.parse("2023-08-04T18:48:00Z")))
                .as("expires after the last irreversible block").isSameAs(unknown);
    }

    @Test
    void givesUpAtTheTimeoutOfItsOwnClock() {
        node.chain("get_transaction_status", status("UNKNOWN"));
        // the tracker measures its five minutes with this clock, moved by hand; it waits 10 ms between polls
        AtomicLong clock = new AtomicLong();
        PollPolicy fiveMinutes = new PollPolicy(Duration.ofMillis(10), Duration.ofMillis(10), 1, Duration.ofMinutes(5));
        TransactionTracker tracker = new TransactionTracker(this::fetch, fiveMinutes,
                URI.create("http://node.example/v1/chain/get_transaction_status"), Schedulers.parallel(), clock::get);
        Duration took = StepVerifier.create(tracker.track(ID, null))
                .assertNext(s -> assertThat(s.knownState()).isEqualTo(TransactionState.UNKNOWN))
                .then(() -> clock.addAndGet(Duration.ofMinutes(4).toNanos()))
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> clock.addAndGet(Duration.ofMinutes(1).toNanos()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainTimeoutException.class, t -> {
                    assertThat(t).hasMessageContaining(ID.toString()).hasMessageContaining("still UNKNOWN")
                            .hasMessageContaining("PT5M");
                    assertThat(t.endpoint()).hasToString("http://node.example/v1/chain/get_transaction_status");
                    assertThat(t.timeout()).isEqualTo(Duration.ofMinutes(5));
                }))
                .verify(VERIFY);
        assertThat(took).as("five minutes of the tracker's clock, not of the wall's").isLessThan(Duration.ofMinutes(1));
        assertThat(node.requests("get_transaction_status").size()).as("polled meanwhile").isGreaterThan(2);
    }

    private static TransactionStatus read(String json) {
        try {
            return ChainJson.mapper().readValue(json, TransactionStatus.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
