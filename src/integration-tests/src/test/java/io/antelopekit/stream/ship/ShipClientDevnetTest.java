package io.antelopekit.stream.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.contract.generated.EosioToken;
import io.antelopekit.contract.generated.Kitpayout;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.session.Session;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The SDK's SHiP client against the devnet's state history endpoint: a transfer a contract made
 * (an inline action) seen through its notification to the receiver, the token table's deltas
 * matching the balances, and a second client resuming where the first stopped.
 */
@ExtendWith(BlockHoundSupport.class)
class ShipClientDevnetTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Name TOKEN = Name.from("eosio.token");

    Devnet devnet;
    ChainClient client;
    ShipClient ship;

    @BeforeEach
    void start() {
        devnet = Devnet.builder().blockInterval(Duration.ofMillis(100)).stateHistory(true).start();
        client = ChainClient.create(devnet.url());
        ConcurrentHashMap<Name, Mono<Optional<Abi>>> abis = new ConcurrentHashMap<>();
        ship = ShipClient.builder(devnet.stateHistoryUrl())
                .abis(account -> abis.computeIfAbsent(account, a -> client.abi(a).map(Optional::of).cache()))
                .build();
    }

    @AfterEach
    void stop() {
        client.dispose();
        devnet.close();
    }

    Session session(String actor) {
        return Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(actor).permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(actor).privateKey())).build();
    }

    /** alice funds kitpayout, which then pays bob 2.5 EOS with an inline transfer; the block of the payout. */
    long payBob() {
        EosioToken token = new EosioToken(client);
        Kitpayout payout = new Kitpayout(client);
        List<TransactResult> results = new ArrayList<>();
        StepVerifier.create(session("alice").transact(token.transfer(Name.from("alice"), Name.from("kitpayout"),
                        Asset.from("10.0000 EOS"), "funds"))
                .then(session("kitpayout").transact(payout.pay(Name.from("bob"), Asset.from("2.5000 EOS"), "payday"))))
                .recordWith(() -> results).thenConsumeWhile(r -> true).expectComplete().verify(TIMEOUT);
        return results.get(0).response().processed().blockNum();
    }

    static Flux<ShipBlock> until(Flux<ShipBlock> blocks, long blockNum) {
        return blocks.takeUntil(b -> b.num() >= blockNum);
    }

    @Test
    void aTransferMadeByAContractIsSeenThroughItsNotificationToTheReceiver() {
        long block = payBob();
        List<ShipTransactionTrace> paying = new ArrayList<>();
        StepVerifier.create(until(ship.blocks(ShipRequest.from(1).withTraces(true)), block)
                        .flatMapIterable(ShipBlock::traces)
                        .filter(t -> t.actionTraces().stream().anyMatch(a -> a.receiver().equals(Name.from("bob")))))
                .recordWith(() -> paying).thenConsumeWhile(t -> true).expectComplete().verify(TIMEOUT);
        assertThat(paying).hasSize(1);
        List<ShipActionTrace> traces = paying.get(0).actionTraces();
        assertThat(traces).extracting(a -> a.actionOrdinal() + " " + a.creatorActionOrdinal() + " " + a.receiver() + " "
                + a.act().account() + "::" + a.act().name())
                .containsExactly("1 0 kitpayout kitpayout::pay", "2 1 eosio.token eosio.token::transfer",
                        "3 2 kitpayout eosio.token::transfer", "4 2 bob eosio.token::transfer");
        ShipActionTrace deposit = traces.get(3);
        assertThat(deposit.isNotification()).as("bob's copy of the transfer").isTrue();
        ShipActionTrace transfer = traces.get(deposit.creatorActionOrdinal() - 1);
        assertThat(transfer.isInline()).as("kitpayout sent the transfer, not the transaction").isTrue();
        assertThat(deposit.data().get("from").asText()).isEqualTo("kitpayout");
        assertThat(deposit.data().get("quantity").asText()).isEqualTo("2.5000 EOS");
    }

    @Test
    void theTokenTablesDeltasMatchTheBalances() {
        long block = payBob();
        java.util.Map<String, String> balances = new java.util.TreeMap<>();
        StepVerifier.create(until(ship.blocks(ShipRequest.from(1).withDeltas(true)), block)
                        .flatMapIterable(ShipBlock::deltas)
                        .filter(d -> d.table().equals(ShipDelta.CONTRACT_ROW) && d.present()
                                && d.row().get("code").asText().equals("eosio.token")
                                && d.row().get("table").asText().equals("accounts")))
                .recordWith(ArrayList::new).thenConsumeWhile(d -> true)
                .consumeRecordedWith(deltas -> deltas.forEach(d ->
                        balances.put(d.row().get("scope").asText(), d.data().get("balance").asText())))
                .expectComplete().verify(TIMEOUT);
        assertThat(balances).containsKeys("alice", "bob", "kitpayout");
        for (String account : List.of("alice", "bob", "kitpayout")) {
            StepVerifier.create(client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS")))
                    .assertNext(b -> assertThat(b.toString()).contains(balances.get(account)))
                    .expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void aSecondClientResumesAfterTheLastBlockTheFirstSaw() {
        List<ShipBlock> first = new ArrayList<>();
        StepVerifier.create(ship.blocks(ShipRequest.from(1)).take(5))
                .recordWith(() -> first).thenConsumeWhile(b -> true).expectComplete().verify(TIMEOUT);
        ShipBlock last = first.get(first.size() - 1);
        ShipClient again = ShipClient.builder(devnet.stateHistoryUrl()).build();
        StepVerifier.create(again.blocks(ShipRequest.from(last.num() + 1).havePositions(List.of(last.position())))
                        .take(3).map(ShipBlock::num))
                .expectNext(last.num() + 1, last.num() + 2, last.num() + 3)
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(again.status())
                .assertNext(s -> assertThat(s.head().blockNum()).isGreaterThanOrEqualTo(last.num() + 3))
                .expectComplete().verify(TIMEOUT);
    }
    @Test
    void theEndpointStoppedAndStartedMidStreamLosesAndRepeatsNothing() {
        ShipClient patient = ShipClient.builder(devnet.stateHistoryUrl())
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
        List<Long> nums = new ArrayList<>();
        StepVerifier.create(patient.blocks(ShipRequest.from(2))
                        .doOnNext(b -> {
                            if (b.num() == 6 && restarted.compareAndSet(false, true)) {
                                // the node goes away mid-stream, blocks go on meanwhile, and it comes back;
                                // the result does not depend on how long it is away
                                devnet.stopStateHistory().then(Mono.delay(Duration.ofMillis(300)))
                                        .then(devnet.startStateHistory()).subscribe();
                            }
                        })
                        .map(ShipBlock::num)
                        .take(20))
                .recordWith(() -> nums).thenConsumeWhile(n -> true).expectComplete().verify(TIMEOUT);
        assertThat(restarted).isTrue();
        assertThat(nums).isEqualTo(java.util.stream.LongStream.rangeClosed(2, 21).boxed().toList());
    }
    @Test
    void anEndpointThatIsDownIsPassedOverForTheNext() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        ShipClient failover = ShipClient.builder("ws://127.0.0.1:" + closed, devnet.stateHistoryUrl())
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
        StepVerifier.create(failover.blocks(ShipRequest.from(2)).take(3).map(ShipBlock::num))
                .expectNext(2L, 3L, 4L)
                .expectComplete().verify(TIMEOUT);
    }
}
