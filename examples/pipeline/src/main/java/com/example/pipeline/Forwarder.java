package com.example.pipeline;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.session.BatchOptions;
import io.antelopekit.session.Session;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deposit forwarder of docs/pipelines.md: every token deposit to the hot wallet ({@code alice})
 * is forwarded to the cold wallet ({@code bob}) exactly once, also when the process stops halfway.
 */
final class Forwarder {

    /** The data of an {@code eosio.token::transfer}. */
    record Transfer(String from, String to, String quantity, String memo) {
    }

    private final ChainClient client;
    private final Session hot;          // alice's session: a private-key wallet (see bots.md)
    private final int expireSeconds;    // the hot session's Session.builder()...expireSeconds(...)
    private final BlockStream deposits;

    /** The deposits: token transfers to alice, except alice's own (her forwards' change, if any). */
    static final ActionFilter DEPOSITS = ActionFilter.transfersTo("alice").contract("eosio.token")
            .where(e -> !e.data().path("from").asText().equals("alice"));

    /**
     * A forwarder that polls {@code get_block}: it misses the deposits that contracts make.
     *
     * @param firstBlock the first block whose deposits count; only the first run (no checkpoint
     *                   stored yet) starts there, later runs resume after their checkpoint
     */
    Forwarder(ChainClient client, Session hot, int expireSeconds, ReactiveSessionStorage checkpoints, long firstBlock) {
        this(client, null, hot, expireSeconds, checkpoints, firstBlock);
    }

    /**
     * @param stateHistory a state history node ({@code ws://host:port}) to read the deposits from,
     *                     inline ones too; {@code null} polls {@code get_block} instead
     */
    Forwarder(ChainClient client, String stateHistory, Session hot, int expireSeconds,
            ReactiveSessionStorage checkpoints, long firstBlock) {
        this.client = client;
        this.hot = hot;
        this.expireSeconds = expireSeconds;
        BlockStream.Builder source = BlockStream.builder(client);
        if (stateHistory != null) {
            source.stateHistory(stateHistory);                // blocks pushed by the node, with their traces
        }
        this.deposits = source
                .from(firstBlock)
                .checkpoints(checkpoints, "forwarder")
                .build();
    }

    static String key(ActionEvent deposit) {          // the deposit's identity, in the forward's memo
        return "fwd " + deposit.transactionId() + ":" + deposit.actionIndex();
    }

    /** Forwards the deposits, committing each one's checkpoint once its forward is in a block; emits them. */
    Flux<Checkpoint> run() {
        return Mono.zip(alreadyForwarded(), hot.abi(Name.from("eosio.token"))).flatMapMany(t -> {
            Set<String> done = t.getT1();
            Abi token = t.getT2();
            Queue<ActionEvent> inFlight = new ConcurrentLinkedQueue<>();
            Flux<Action> forwards = deposits
                    .actions(DEPOSITS)
                    .filter(e -> !done.contains(key(e)))
                    .doOnNext(inFlight::add)
                    .map(e -> Action.of("eosio.token", "transfer", hot.permissionLevel(),
                            new Transfer("alice", "bob", e.data().path("quantity").asText(), key(e)), token));
            return hot.transactAll(forwards, BatchOptions.builder().ordered(true).build())
                    .concatMap(outcome -> {
                        ActionEvent deposit = inFlight.poll();      // ordered: one outcome per action, in order
                        if (outcome.status() == ActionOutcome.Status.UNKNOWN) {
                            return Mono.error(new IllegalStateException("forward of " + key(deposit)
                                    + " has an unknown fate: check " + outcome.transactionId()));
                        }
                        if (!outcome.isSuccess()) {                 // refused, e.g. the hot wallet ran dry
                            return Mono.error(new IllegalStateException("forward of " + key(deposit)
                                    + " was refused: " + outcome.errorName(), outcome.error()));
                        }
                        return deposits.commit(deposit.checkpoint()).thenReturn(deposit.checkpoint());
                    });
        });
    }

    /** The forwards already on chain after the checkpoint: a restart must not send them again. */
    Mono<Set<String>> alreadyForwarded() {
        // a forward the last run sent lands before it expires, or never: scan up to a block past that
        Mono<Long> settled = client.getInfo().flatMap(start -> {
            long deadline = start.headBlockTime().micros() + expireSeconds * 1_000_000L;
            return Flux.interval(Duration.ZERO, Duration.ofMillis(500))
                    .concatMap(i -> client.getInfo())
                    .filter(info -> info.headBlockTime().micros() > deadline)
                    .next()
                    .map(ChainInfo::headBlockNum);
        });
        return deposits.checkpoint()
                .zipWith(settled)
                .flatMap(t -> BlockStream.builder(client).follow(Follow.HEAD)
                        .from(t.getT1().blockNum()).until(t.getT2()).build()
                        .actions(ActionFilter.transfersTo("bob").contract("eosio.token")
                                .where(e -> e.data().path("memo").asText().startsWith("fwd ")))
                        .map(e -> e.data().path("memo").asText())
                        .collect(HashSet<String>::new, Set::add))
                .map(s -> (Set<String>) s)
                .defaultIfEmpty(Set.of());
    }
}
