package io.antelopekit.stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.session.BatchOptions;
import io.antelopekit.session.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.storage.FileSessionStorage;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pipeline of docs/pipelines.md, run: every token deposit to alice (the hot wallet) is
 * forwarded to bob (the cold wallet) once, also when the pipeline stops in the middle and starts
 * again from its checkpoint file.
 */
@ExtendWith(BlockHoundSupport.class)
class PipelineGuideTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final Name TOKEN = Name.from("eosio.token");

    static Devnet devnet;
    static ChainClient client;
    static Abi token;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(50)).irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        token = client.abi(TOKEN).block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    /** The hot session's transactions expire this long after they are made (the guide says 30 s). */
    static final int EXPIRE_SECONDS = 2;

    static Session session(String account) {
        return Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(account).permission("active").expireSeconds(EXPIRE_SECONDS)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey())).build();
    }

    record Transfer(String from, String to, String quantity, String memo) {
    }

    static Action transfer(String from, String to, String quantity, String memo) {
        return Action.of(TOKEN, "transfer", PermissionLevel.from(from + "@active"),
                new Transfer(from, to, quantity, memo), token);
    }

    /** The guide's forwarder. */
    static final class Forwarder {
        final ChainClient client;
        final Session hot;
        final BlockStream deposits;

        Forwarder(ChainClient client, Session hot, ReactiveSessionStorage checkpoints, long firstBlock) {
            this.client = client;
            this.hot = hot;
            this.deposits = BlockStream.builder(client).from(firstBlock).checkpoints(checkpoints, "forwarder").build();
        }

        static String key(ActionEvent deposit) {
            return "fwd " + deposit.transactionId() + ":" + deposit.actionIndex();
        }

        /** Forwards, committing each deposit's checkpoint once its forward is in a block. */
        Flux<Checkpoint> run() {
            return alreadyForwarded().flatMapMany(done -> {
                Queue<ActionEvent> inFlight = new ConcurrentLinkedQueue<>();
                Flux<Action> forwards = deposits
                        .actions(ActionFilter.transfersTo("alice").contract("eosio.token")
                                .where(e -> !e.data().path("from").asText().equals("alice")))
                        .filter(e -> !done.contains(key(e)))
                        .doOnNext(inFlight::add)
                        .map(e -> transfer("alice", "bob", e.data().path("quantity").asText(), key(e)));
                return hot.transactAll(forwards, BatchOptions.builder().ordered(true).build())
                        .concatMap(outcome -> {
                            ActionEvent deposit = inFlight.poll();
                            if (outcome.status() == ActionOutcome.Status.UNKNOWN) {
                                return Mono.error(new IllegalStateException("forward of " + key(deposit)
                                        + " in transaction " + outcome.transactionId() + " has an unknown fate"));
                            }
                            return deposits.commit(deposit.checkpoint()).thenReturn(deposit.checkpoint());
                        });
            });
        }

        /**
         * The forwards already on chain since the checkpoint: a restart must not send them again.
         * The scan goes up to a head block made after every forward the last run could have sent
         * expired: until then one accepted but not yet in a block could still land (one full run
         * under load forwarded 5 of 8 deposits twice when the scan stopped at the head of its start).
         */
        Mono<Set<String>> alreadyForwarded() {
            Mono<Long> settled = client.getInfo().flatMap(start -> {
                long deadline = start.headBlockTime().micros() + EXPIRE_SECONDS * 1_000_000L;
                return Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                        .concatMap(i -> client.getInfo())
                        .filter(info -> info.headBlockTime().micros() > deadline)
                        .next()
                        .map(info -> info.headBlockNum());
            });
            return deposits.checkpoint()
                    .zipWith(settled)
                    .flatMap(t -> BlockStream.builder(client).follow(Follow.HEAD).from(t.getT1().blockNum())
                            .until(t.getT2()).build()
                            .actions(ActionFilter.transfersTo("bob").contract("eosio.token")
                                    .where(e -> e.data().path("memo").asText().startsWith("fwd ")))
                            .map(e -> e.data().path("memo").asText())
                            .collect(HashSet<String>::new, Set::add))
                    .map(s -> (Set<String>) s)
                    .defaultIfEmpty(Set.of());
        }
    }

    @Test
    void everyDepositIsForwardedOnceAcrossARestart(@TempDir Path dir) {
        long first = client.getInfo().block(TIMEOUT).headBlockNum() + 1;
        List<String> memos = List.of("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8");
        for (int i = 0; i < memos.size(); i++) {
            String from = i % 2 == 0 ? "carol" : "dave";
            session(from).transact(transfer(from, "alice", "0.00" + (10 + i) + " EOS", memos.get(i))).block(TIMEOUT);
        }
        Path file = dir.resolve("forwarder.json");

        // the first run stops after three forwards are committed
        List<Checkpoint> firstRun = new Forwarder(client, session("alice"), FileSessionStorage.open(file), first).run()
                .take(3).collectList().block(TIMEOUT);
        assertThat(firstRun).hasSize(3);

        // a new process: the rest, and nothing twice (whatever the first run had in flight)
        Forwarder second = new Forwarder(client, session("alice"), FileSessionStorage.open(file), first);
        second.run().take(Duration.ofSeconds(3)).blockLast(TIMEOUT);

        long head = client.getInfo().block(TIMEOUT).headBlockNum();
        List<ActionEvent> forwards = BlockStream.builder(client).follow(Follow.HEAD).from(first).until(head).build()
                .actions(ActionFilter.transfersTo("bob").where(e -> e.data().path("memo").asText().startsWith("fwd ")))
                .collectList().block(TIMEOUT);
        assertThat(forwards).hasSize(memos.size());
        assertThat(forwards.stream().map(e -> e.data().path("memo").asText()).distinct()).hasSize(memos.size());
        Map<String, Long> total = Map.of("sum", forwards.stream()
                .mapToLong(e -> Math.round(Double.parseDouble(e.data().path("quantity").asText().split(" ")[0]) * 10_000))
                .sum());
        assertThat(total.get("sum")).isEqualTo(10 + 11 + 12 + 13 + 14 + 15 + 16 + 17);
    }
}
