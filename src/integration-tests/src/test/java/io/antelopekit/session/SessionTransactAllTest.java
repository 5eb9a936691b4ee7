package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.ChainClientException;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.api.model.ChainErrorDetail;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Session#transactAll}: batched transactions against the embedded devnet. What lands is
 * proved by balances on chain; a refused action is isolated; order, byte limit, time window,
 * backpressure and cancellation. Balance tests move tokens from alice to bob; tests that leave
 * transactions behind (backpressure, cancellation) move them from carol to dave.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionTransactAllTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final Name TOKEN = Name.from("eosio.token");

    static Devnet devnet;
    static ChainClient client;
    static ChainDefinition chain;
    static Abi tokenAbi;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        SessionCachesTest.warmUp(devnet);
        tokenAbi = client.abi(TOKEN).block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session session(String account) {
        return session(account, client);
    }

    static Session session(String account, ChainClient via) {
        return Session.builder().chain(chain).client(via).actor(account).permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey())).build();
    }

    static Action transfer(String from, String to, long units, String memo) {
        return transfer(from, PermissionLevel.from(from + "@active"), to, units, memo);
    }

    static Action transfer(String from, PermissionLevel auth, String to, long units, String memo) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", to);
        data.put("quantity", String.format("%d.%04d EOS", units / 10_000, units % 10_000));
        data.put("memo", memo);
        return Action.of(TOKEN, "transfer", auth, data, tokenAbi);
    }

    static long balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0).units()).block(TIMEOUT);
    }

    static List<ActionOutcome> all(Flux<ActionOutcome> outcomes) {
        return outcomes.collectList().block(TIMEOUT);
    }

    static Set<Checksum256> transactions(List<ActionOutcome> outcomes) {
        return outcomes.stream().map(ActionOutcome::transactionId).collect(Collectors.toSet());
    }

    static String details(Throwable e) {
        return ((ChainApiException) e).details().stream().map(ChainErrorDetail::message)
                .collect(Collectors.joining("; "));
    }

    /** Counts the transactions signed (just before each broadcast). */
    static final class SignedCounter implements TransactPlugin {
        final AtomicInteger signed = new AtomicInteger();

        @Override
        public String id() {
            return "test.signed-counter";
        }

        @Override
        public Mono<Void> afterSign(SignedTransaction transaction, TransactContext context) {
            return Mono.fromRunnable(signed::incrementAndGet);
        }
    }

    // ---------------------------------------------------------------- landing exactly once

    @Test
    void fiveHundredTwentyTransfersLandExactlyOnceInFullTransactions() {
        int n = 520;
        List<Action> actions = new ArrayList<>(n);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long units = 1 + i % 7;
            sum += units;
            actions.add(transfer("alice", "bob", units, "batch " + i));
        }
        long alice = balance("alice");
        long bob = balance("bob");
        // a long window: the input is synchronous, so every batch but the last is full
        BatchOptions options = BatchOptions.builder().maxWait(Duration.ofSeconds(10)).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.fromIterable(actions), options));

        assertThat(outcomes).hasSize(n).allSatisfy(o -> {
            assertThat(o.isSuccess()).as("%s", o).isTrue();
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.EXECUTED);
            assertThat(o.transactionId()).isNotNull();
            assertThat(o.blockNum()).isPositive();
            assertThat(o.error()).isNull();
            assertThat(o.action()).isEqualTo(actions.get((int) o.index()));
        });
        assertThat(outcomes.stream().mapToLong(ActionOutcome::index))
                .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
        Set<Checksum256> ids = transactions(outcomes);
        assertThat(ids).hasSize((n + BatchOptions.DEFAULT_MAX_ACTIONS - 1) / BatchOptions.DEFAULT_MAX_ACTIONS);
        Map<Checksum256, Long> perTransaction = outcomes.stream()
                .collect(Collectors.groupingBy(ActionOutcome::transactionId, Collectors.counting()));
        assertThat(perTransaction.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(50L));
        for (Checksum256 id : ids) {
            assertThat(client.getTransactionStatus(id).block(TIMEOUT).knownState())
                    .isIn(TransactionState.LOCALLY_APPLIED, TransactionState.IN_BLOCK, TransactionState.IRREVERSIBLE);
        }
        assertThat(balance("bob") - bob).isEqualTo(sum);
        assertThat(alice - balance("alice")).isEqualTo(sum);
    }

    @Test
    void batchesOfIdenticalActionsAreKeptApartAndAllLand() {
        // ten identical transactions would be one transaction id (same actions, TAPoS and
        // expiration): a node refuses all but the first as tx_duplicate
        Action same = transfer("alice", "bob", 1, "same every time");
        long bob = balance("bob");
        BatchOptions options = BatchOptions.builder().maxActions(5).concurrency(4)
                .maxWait(Duration.ofSeconds(10)).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.range(0, 50).map(i -> same), options));

        assertThat(outcomes).hasSize(50).allSatisfy(o -> assertThat(o.isSuccess()).as("%s", o).isTrue());
        assertThat(transactions(outcomes)).hasSize(10);
        assertThat(balance("bob") - bob).isEqualTo(50);
    }

    // ---------------------------------------------------------------- isolating refusals

    @Test
    void anOverdrawnTransferAndAnOverlongMemoFailAloneAndEveryOtherTransferLandsOnce() {
        int n = 200;
        int overdrawn = 37;
        int longMemo = 151;
        long alice = balance("alice");
        long bob = balance("bob");
        List<Action> actions = new ArrayList<>(n);
        long landed = 0;
        for (int i = 0; i < n; i++) {
            if (i == overdrawn) {
                actions.add(transfer("alice", "bob", alice + 10_000, "too much"));
            } else if (i == longMemo) {
                actions.add(transfer("alice", "bob", 3, "m".repeat(257)));
            } else {
                long units = 1 + i % 5;
                landed += units;
                actions.add(transfer("alice", "bob", units, "iso " + i));
            }
        }
        BatchOptions options = BatchOptions.builder().maxActions(50).concurrency(4).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.fromIterable(actions), options));

        assertThat(outcomes).hasSize(n);
        assertThat(outcomes.stream().mapToLong(ActionOutcome::index))
                .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
        Map<Long, ActionOutcome> failed = new HashMap<>();
        for (ActionOutcome o : outcomes) {
            if (!o.isSuccess()) {
                failed.put(o.index(), o);
            } else {
                assertThat(o.transactionId()).isNotNull();
            }
        }
        assertThat(failed).containsOnlyKeys((long) overdrawn, (long) longMemo);
        ActionOutcome a = failed.get((long) overdrawn);
        assertThat(a.status()).isEqualTo(ActionOutcome.Status.FAILED);
        assertThat(a.error()).isInstanceOf(ChainApiException.class);
        assertThat(a.errorName()).isEqualTo("eosio_assert_message_exception");
        assertThat(details(a.error())).contains("overdrawn balance");
        assertThat(a.transactionId()).as("the refused transaction").isNotNull();
        assertThat(a.action()).isEqualTo(actions.get(overdrawn));
        ActionOutcome m = failed.get((long) longMemo);
        assertThat(m.status()).isEqualTo(ActionOutcome.Status.FAILED);
        assertThat(m.errorName()).isEqualTo("eosio_assert_message_exception");
        assertThat(details(m.error())).contains("memo has more than 256 bytes");
        // the refused transactions never reached the chain
        assertThat(client.getTransactionStatus(a.transactionId()).block(TIMEOUT).knownState())
                .isIn(TransactionState.UNKNOWN, TransactionState.FAILED);
        assertThat(balance("bob") - bob).isEqualTo(landed);
        assertThat(alice - balance("alice")).isEqualTo(landed);
    }

    @Test
    void anActionWithAnAuthorityTheWalletCannotSignForFailsAloneWithTheNodesErrorName() {
        long carol = balance("carol");
        List<Action> actions = indexed("alice", "bob", 12, "auth ");
        // alice's session cannot sign for carol's tokens
        actions.set(5, transfer("carol", "bob", 1, "not alice's"));
        BatchOptions options = BatchOptions.builder().maxActions(12).maxWait(Duration.ofSeconds(10)).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.fromIterable(actions), options));

        assertThat(outcomes).hasSize(12);
        assertThat(outcomes.stream().filter(o -> !o.isSuccess()).map(ActionOutcome::index)).containsExactly(5L);
        ActionOutcome bad = outcomes.get(5);
        assertThat(bad.errorName()).isEqualTo("unsatisfied_authorization");
        assertThat(bad.status()).isEqualTo(ActionOutcome.Status.FAILED);
        assertThat(balance("carol")).isEqualTo(carol);
    }

    // ---------------------------------------------------------------- order

    /** Delays the transactions that hold one of {@code slow}, so later batches finish first. */
    static TransactPlugin delaying(Set<Action> slow) {
        return new TransactPlugin() {
            @Override
            public String id() {
                return "test.delay";
            }

            @Override
            public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
                boolean delay = transaction.actions().stream().anyMatch(slow::contains);
                return delay ? Mono.delay(Duration.ofMillis(300)).then(Mono.empty()) : Mono.empty();
            }
        };
    }

    static List<Action> indexed(String from, String to, int n, String prefix) {
        List<Action> actions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            actions.add(transfer(from, to, 1, prefix + i));
        }
        return actions;
    }

    @Test
    void orderedOutcomesComeInInputOrderWhileLaterTransactionsFinishFirst() {
        List<Action> actions = indexed("alice", "bob", 60, "ordered ");
        Set<Action> slow = Set.of(actions.get(0), actions.get(20), actions.get(40));
        long bob = balance("bob");
        BatchOptions options = BatchOptions.builder().maxActions(5).concurrency(4).ordered(true)
                .transactOptions(TransactOptions.DEFAULT.withTransactPlugins(List.of(delaying(slow)))).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.fromIterable(actions), options));

        assertThat(outcomes.stream().map(ActionOutcome::index).toList())
                .containsExactlyElementsOf(LongStream.range(0, 60).boxed().toList());
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.isSuccess()).as("%s", o).isTrue();
            assertThat(o.action()).isEqualTo(actions.get((int) o.index()));
        });
        assertThat(balance("bob") - bob).isEqualTo(60);
    }

    @Test
    void unorderedOutcomesComeAsTransactionsEndAndCoverEveryActionOnce() {
        List<Action> actions = indexed("alice", "bob", 60, "unordered ");
        Set<Action> slow = Set.of(actions.get(0), actions.get(20), actions.get(40));
        long bob = balance("bob");
        BatchOptions options = BatchOptions.builder().maxActions(5).concurrency(4).ordered(false)
                .transactOptions(TransactOptions.DEFAULT.withTransactPlugins(List.of(delaying(slow)))).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.fromIterable(actions), options));

        assertThat(outcomes.stream().map(ActionOutcome::index))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 60).boxed().toList());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.isSuccess()).as("%s", o).isTrue());
        // a transaction's actions stay together and in order
        Map<Checksum256, List<Long>> byTransaction = new LinkedHashMap<>();
        outcomes.forEach(o -> byTransaction.computeIfAbsent(o.transactionId(), k -> new ArrayList<>()).add(o.index()));
        assertThat(byTransaction.values()).allSatisfy(ix -> assertThat(ix).isSorted().hasSizeLessThanOrEqualTo(5));
        assertThat(balance("bob") - bob).isEqualTo(60);
    }

    // ---------------------------------------------------------------- size and time

    @Test
    void theByteLimitSplitsBigActionsAcrossTransactionsAndALargerActionGoesAlone() {
        // each transfer with a 200-byte memo packs to 269 bytes: two fit in 600, three do not
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            actions.add(transfer("alice", "bob", 1, String.format("%03d", i) + "y".repeat(197)));
        }
        assertThat(Batcher.packedSize(actions.get(0))).isEqualTo(actions.get(0).toBytes().length).isEqualTo(269);
        BatchOptions options = BatchOptions.builder().maxBytes(600).maxWait(Duration.ofSeconds(10)).build();

        List<ActionOutcome> outcomes = all(session("alice").transactAll(Flux.fromIterable(actions), options));

        assertThat(outcomes).hasSize(9).allSatisfy(o -> assertThat(o.isSuccess()).as("%s", o).isTrue());
        Map<Checksum256, Long> perTransaction = outcomes.stream()
                .collect(Collectors.groupingBy(ActionOutcome::transactionId, LinkedHashMap::new,
                        Collectors.counting()));
        assertThat(perTransaction.values()).containsExactly(2L, 2L, 2L, 2L, 1L);

        // a limit below one action's size: each goes alone, and the node takes it
        List<ActionOutcome> alone = all(session("alice").transactAll(Flux.fromIterable(actions.subList(0, 3)),
                options.mutate().maxBytes(100).build()));
        assertThat(alone).hasSize(3).allSatisfy(o -> assertThat(o.isSuccess()).as("%s", o).isTrue());
        assertThat(transactions(alone)).hasSize(3);
    }

    @Test
    void theTimeWindowSendsAPartialBatchOfASlowInput() {
        List<Action> three = indexed("alice", "bob", 3, "slow input ");
        Flux<Action> slow = Flux.fromIterable(three).concatWith(Flux.never());
        BatchOptions options = BatchOptions.builder().maxActions(50).maxWait(Duration.ofMillis(200)).build();

        List<ActionOutcome> outcomes = session("alice").transactAll(slow, options).take(3).collectList()
                .block(TIMEOUT);

        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o.isSuccess()).as("%s", o).isTrue());
        assertThat(transactions(outcomes)).hasSize(1);
    }

    // ---------------------------------------------------------------- backpressure and cancellation

    @Test
    void aConsumerTakingOneOutcomeAtATimeKeepsTheInputDemandBounded() {
        AtomicLong requested = new AtomicLong();
        AtomicLong maxAhead = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        Flux<Action> input = Flux.range(0, 5_000).map(i -> transfer("carol", "dave", 1, "bp " + i))
                .doOnRequest(n -> {
                    long total = requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    maxAhead.accumulateAndGet(total - consumed.get(), Math::max);
                });
        SignedCounter counter = new SignedCounter();
        int maxActions = 10;
        int concurrency = 2;
        BatchOptions options = BatchOptions.builder().maxActions(maxActions).concurrency(concurrency)
                .transactOptions(TransactOptions.DEFAULT.withTransactPlugins(List.of(counter))).build();

        List<ActionOutcome> outcomes = session("carol").transactAll(input, options)
                .limitRate(1)
                .concatMap(o -> Mono.delay(Duration.ofMillis(20)).thenReturn(o)
                        .doOnNext(x -> consumed.incrementAndGet()), 1)
                .take(40)
                .collectList()
                .block(TIMEOUT);

        assertThat(outcomes).hasSize(40).allSatisfy(o -> assertThat(o.isSuccess()).as("%s", o).isTrue());
        // in flight or waiting for the slow consumer, the batch being filled, and the outcome being consumed
        long bound = (long) (concurrency + 2) * maxActions;
        assertThat(maxAhead.get()).as("input requested ahead of the consumer").isLessThanOrEqualTo(bound);
        assertThat(requested.get()).isLessThanOrEqualTo(40 + bound);
        assertThat(counter.signed.get()).as("transactions signed")
                .isLessThanOrEqualTo(40 / maxActions + concurrency + 2);
    }

    @Test
    void cancellingTheOutcomesStopsNewBroadcasts() throws InterruptedException {
        SignedCounter counter = new SignedCounter();
        AtomicLong pulled = new AtomicLong();
        Flux<Action> endless = Flux.range(0, 1_000_000).map(i -> transfer("carol", "dave", 1, "cancel " + i))
                .doOnNext(a -> pulled.incrementAndGet());
        BatchOptions options = BatchOptions.builder().maxActions(5).concurrency(2)
                .transactOptions(TransactOptions.DEFAULT.withTransactPlugins(List.of(counter))).build();

        List<ActionOutcome> first = session("carol").transactAll(endless, options).take(7).collectList()
                .block(TIMEOUT);

        assertThat(first).hasSize(7);
        // stay: broadcasts to the real devnet that were in flight at the cancel may still finish (no
        // event marks the last one), then a window of wall time in which nothing new may be signed
        Thread.sleep(300);
        int atCancel = counter.signed.get();
        long pulledAtCancel = pulled.get();
        Thread.sleep(1_500);
        assertThat(counter.signed.get()).as("transactions signed after cancelling").isEqualTo(atCancel);
        assertThat(pulled.get()).isEqualTo(pulledAtCancel);
        assertThat(atCancel).isLessThanOrEqualTo(2 + 2 + 2);
    }

    // ---------------------------------------------------------------- failures that are not the actions'

    @Test
    void aBroadcastWithoutAnAnswerIsUnknownOnEveryActionAndNotResent() {
        try (SessionCachesTest.CountingProxy proxy = new SessionCachesTest.CountingProxy(devnet.url())) {
            ChainClient via = ChainClient.builder().endpoint(proxy.url()).broadcastRetry(RetryPolicy.none()).build();
            try {
                proxy.failNext("send_transaction2", 1_000);
                List<Action> actions = indexed("alice", "bob", 6, "unknown ");
                long bob = balance("bob");

                List<ActionOutcome> outcomes = all(session("alice", via).transactAll(Flux.fromIterable(actions),
                        BatchOptions.builder().maxActions(6).maxWait(Duration.ofSeconds(10)).build()));

                assertThat(outcomes).hasSize(6).allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(ActionOutcome.Status.UNKNOWN);
                    assertThat(o.isSuccess()).isFalse();
                    assertThat(o.error()).isInstanceOf(ChainClientException.class);
                    assertThat(((ChainClientException) o.error()).isTransient()).isTrue();
                });
                assertThat(transactions(outcomes)).hasSize(1).doesNotContainNull();
                assertThat(proxy.count("send_transaction2")).as("sent once, not split or resent").isEqualTo(1);
                assertThat(balance("bob")).isEqualTo(bob);
            } finally {
                via.dispose();
            }
        }
    }

    @Test
    void aFailureBeforeSigningFailsEveryActionWithoutATransaction() {
        try (SessionCachesTest.CountingProxy proxy = new SessionCachesTest.CountingProxy(devnet.url())) {
            ChainClient via = ChainClient.builder().endpoint(proxy.url()).readRetry(RetryPolicy.none()).build();
            try {
                proxy.failNext("get_info", 1_000);
                List<ActionOutcome> outcomes = all(session("alice", via).transactAll(
                        Flux.fromIterable(indexed("alice", "bob", 4, "no head ")),
                        BatchOptions.builder().maxActions(4).maxWait(Duration.ofSeconds(10)).build()));

                assertThat(outcomes).hasSize(4).allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(ActionOutcome.Status.FAILED);
                    assertThat(o.transactionId()).isNull();
                    assertThat(o.error()).isInstanceOf(ChainApiException.class);
                    assertThat(((ChainApiException) o.error()).httpStatus()).isEqualTo(503);
                });
                assertThat(proxy.count("send_transaction2")).isZero();
            } finally {
                via.dispose();
            }
        }
    }

    // ---------------------------------------------------------------- the stream itself

    @Test
    void anEmptyInputCompletesWithoutTransactions() {
        SignedCounter counter = new SignedCounter();
        StepVerifier.create(session("alice").transactAll(Flux.empty(), BatchOptions.builder()
                        .transactOptions(TransactOptions.DEFAULT.withTransactPlugins(List.of(counter))).build()))
                .expectComplete().verify(TIMEOUT);
        assertThat(counter.signed.get()).isZero();
    }

    @Test
    void nothingIsSentBeforeSubscription() {
        SignedCounter counter = new SignedCounter();
        AtomicInteger pulled = new AtomicInteger();
        Flux<ActionOutcome> outcomes = session("alice").transactAll(
                Flux.fromIterable(indexed("alice", "bob", 3, "cold ")).doOnNext(a -> pulled.incrementAndGet()),
                BatchOptions.builder().transactOptions(TransactOptions.DEFAULT.withTransactPlugins(List.of(counter)))
                        .build());
        assertThat(pulled.get()).isZero();
        assertThat(counter.signed.get()).isZero();
        StepVerifier.create(outcomes).expectNextCount(3).expectComplete().verify(TIMEOUT);
        assertThat(counter.signed.get()).isEqualTo(1);
    }

    @Test
    void anInputErrorEndsTheOutcomesAfterTheTransactionsInFlight() {
        Flux<Action> failing = Flux.fromIterable(indexed("alice", "bob", 4, "then error "))
                .concatWith(Mono.delay(Duration.ofSeconds(2))
                        .then(Mono.error(new IllegalStateException("input broke"))));
        StepVerifier.create(session("alice").transactAll(failing,
                        BatchOptions.builder().maxWait(Duration.ofMillis(50)).build()))
                .recordWith(ArrayList::new)
                .expectNextCount(4)
                .consumeRecordedWith(r -> assertThat(r).allSatisfy(o -> assertThat(o.isSuccess()).isTrue()))
                .expectErrorMessage("input broke")
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- the packer alone

    static Flux<List<Batcher.Item>> pack(Flux<Batcher.Item> input, int maxActions, long maxBytes, Duration maxWait,
            Scheduler timer) {
        return Flux.from(d -> input.subscribe(new Batcher.Packer(Operators.toCoreSubscriber(d), maxActions, maxBytes,
                maxWait, timer)));
    }

    static Batcher.Item item(long index, int size) {
        return new Batcher.Item(index, transfer("alice", "bob", 1, "item"), size);
    }

    static List<Long> indexes(List<Batcher.Item> batch) {
        return batch.stream().map(Batcher.Item::index).toList();
    }

    @Test
    void thePackerAsksItsInputOnlyForTheBatchItsSubscriberWants() {
        AtomicLong requested = new AtomicLong();
        Flux<Batcher.Item> input = Flux.range(0, 1_000).map(i -> item(i, 10)).doOnRequest(requested::addAndGet);
        StepVerifier.create(pack(input, 10, 1_000, Duration.ofSeconds(30), Schedulers.parallel()), 0)
                .expectSubscription()
                .then(() -> assertThat(requested.get()).isZero())
                .thenRequest(1)
                .assertNext(b -> assertThat(indexes(b)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L))
                .then(() -> assertThat(requested.get()).isEqualTo(10))
                .thenRequest(2)
                .expectNextCount(2)
                .then(() -> assertThat(requested.get()).isEqualTo(30))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void thePackerCutsByBytesAndSendsALargerItemAlone() {
        Flux<Batcher.Item> input = Flux.just(item(0, 400), item(1, 400), item(2, 400), item(3, 1_500), item(4, 10),
                item(5, 10), item(6, 1_000));
        StepVerifier.create(pack(input, 50, 1_000, Duration.ofSeconds(30), Schedulers.parallel()))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(0L, 1L))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(2L))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(3L))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(4L, 5L))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(6L))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void thePackerSendsAPartialBatchWhenItsTimeIsUpAndTheLastOneBeforeTheInputsEnd() {
        Sinks.Many<Batcher.Item> sink = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.withVirtualTime(() -> pack(sink.asFlux(), 10, 1_000, Duration.ofMillis(100),
                        VirtualTimeScheduler.get()))
                .expectSubscription()
                .then(() -> {
                    sink.tryEmitNext(item(0, 10));
                    sink.tryEmitNext(item(1, 10));
                })
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(0L, 1L))
                .then(() -> sink.tryEmitNext(item(2, 10)))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> sink.tryEmitError(new IllegalStateException("input broke")))
                .assertNext(b -> assertThat(indexes(b)).containsExactly(2L))
                .expectErrorMessage("input broke")
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- values

    @Test
    void batchOptionsHaveDocumentedDefaultsAndRefuseBadValues() {
        BatchOptions d = BatchOptions.DEFAULT;
        assertThat(d.maxActions()).isEqualTo(50);
        assertThat(d.maxBytes()).isEqualTo(262_144).isLessThan((int) Devnet.DEFAULT_MAX_TRANSACTION_NET_USAGE);
        assertThat(d.maxWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(d.concurrency()).isEqualTo(4);
        assertThat(d.ordered()).isTrue();
        assertThat(d.transactOptions()).isEqualTo(TransactOptions.DEFAULT);
        assertThat(BatchOptions.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);
        BatchOptions changed = d.mutate().maxActions(7).ordered(false).build();
        assertThat(changed).isNotEqualTo(d);
        assertThat(changed.maxActions()).isEqualTo(7);
        assertThat(changed.maxBytes()).isEqualTo(d.maxBytes());
        assertThat(changed.toString()).contains("maxActions=7", "ordered=false");

        assertThatThrownBy(() -> BatchOptions.builder().maxActions(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxActions")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> BatchOptions.builder().maxBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> BatchOptions.builder().maxWait(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWait");
        assertThatThrownBy(() -> BatchOptions.builder().concurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> BatchOptions.builder().transactOptions(TransactOptions.DEFAULT.withBroadcast(false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast");
        assertThatThrownBy(() -> session("alice").transactAll(null, d)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> session("alice").transactAll(Flux.empty(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anOutcomeHasAnErrorExactlyWhenItIsNotExecuted() {
        Action a = transfer("alice", "bob", 1, "value");
        Checksum256 id = Checksum256.hash(new byte[] {1});
        ActionOutcome ok = new ActionOutcome(3, a, id, ActionOutcome.Status.EXECUTED, 12, null);
        assertThat(ok.isSuccess()).isTrue();
        assertThat(ok.errorName()).isNull();
        assertThat(ok.toString()).contains("#3", "EXECUTED", id.toString(), "block 12", "eosio.token::transfer");
        ActionOutcome failed = new ActionOutcome(4, a, null, ActionOutcome.Status.FAILED, 0,
                new IllegalStateException("no"));
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.errorName()).isNull();
        assertThat(failed.toString()).contains("FAILED", "IllegalStateException: no");
        assertThatThrownBy(() -> new ActionOutcome(0, a, id, ActionOutcome.Status.EXECUTED, 1, new RuntimeException()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActionOutcome(0, a, id, ActionOutcome.Status.FAILED, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActionOutcome(0, a, null, ActionOutcome.Status.EXECUTED, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActionOutcome(-1, a, id, ActionOutcome.Status.EXECUTED, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A node that refuses every transaction with the chain exception code set in {@code code}. */
    @Test
    void onlyRefusalsAnActionMayHaveCausedAreSplit() {
        AtomicLong code = new AtomicLong();
        AtomicInteger status = new AtomicInteger(500);
        DisposableServer node = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().then(res.status(status.get())
                        .header("Content-Type", "application/json")
                        .sendString(Mono.fromSupplier(() -> "{\"code\":" + status.get() + ",\"message\":\"refused\","
                                + "\"error\":{\"code\":" + code.get() + ",\"name\":\"test_exception\","
                                + "\"what\":\"test\",\"details\":[]}}")).then()))
                .bindNow();
        ChainClient refusing = ChainClient.builder().endpoint("http://127.0.0.1:" + node.port())
                .broadcastRetry(RetryPolicy.none()).build();
        try {
            SignedTransaction signed = SignedTransaction.of(Transaction.of(
                    new io.antelopekit.chain.transaction.TransactionHeader(io.antelopekit.chain.TimePointSec.of(1), 0, 0, 0, 0, 0),
                    transfer("alice", "bob", 1, "")));
            java.util.function.LongFunction<Throwable> refusal = c -> {
                code.set(c);
                return refusing.sendTransaction(io.antelopekit.chain.transaction.PackedTransaction.from(signed,
                        io.antelopekit.chain.transaction.Compression.NONE)).then(Mono.<Throwable>empty())
                        .onErrorResume(Mono::just).block(TIMEOUT);
            };
            // an action's doing: assertions, authorities, bad data, the transaction's own net usage
            for (long c : new long[] {3050003, 3050004, 3090003, 3090004, 3090005, 3015014, 3010001, 3080002,
                    3070000}) {
                Throwable e = refusal.apply(c);
                assertThat(e).isInstanceOf(ChainApiException.class);
                assertThat(Batcher.splittable(e)).as("code %d", c).isTrue();
                assertThat(Batcher.refused(e)).isTrue();
            }
            // the transaction's or the account's: expiration, TAPoS, duplicate, signatures, CPU, RAM
            for (long c : new long[] {3040005, 3040006, 3040007, 3040008, 3090001, 3090002, 3080001, 3080004,
                    3080006, 3081001}) {
                Throwable e = refusal.apply(c);
                assertThat(Batcher.splittable(e)).as("code %d", c).isFalse();
                assertThat(Batcher.refused(e)).isTrue();
            }
            // transient answers are neither split nor definite
            status.set(503);
            code.set(0);
            Throwable unavailable = refusal.apply(0);
            assertThat(Batcher.splittable(unavailable)).isFalse();
            assertThat(Batcher.refused(unavailable)).isFalse();
            assertThat(Batcher.splittable(new IllegalStateException())).isFalse();
            assertThat(Batcher.refused(new IllegalStateException())).isFalse();
        } finally {
            refusing.dispose();
            node.disposeNow();
        }
    }
}
