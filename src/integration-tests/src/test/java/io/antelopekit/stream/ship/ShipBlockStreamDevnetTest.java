package io.antelopekit.stream.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.TableQuery;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.contract.generated.EosioToken;
import io.antelopekit.contract.generated.Kitpayout;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.stream.TableDelta;
import io.antelopekit.stream.TableFilter;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * A pipeline over the devnet's state history: a deposit that a contract made (an inline
 * transfer) reaches {@code transfersTo("bob")}, which the same stream over get_block cannot see;
 * and the token table's rows followed as deltas end equal to what get_table_rows answers.
 */
@ExtendWith(BlockHoundSupport.class)
class ShipBlockStreamDevnetTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    Devnet devnet;
    ChainClient client;

    @BeforeEach
    void start() {
        devnet = Devnet.builder().blockInterval(Duration.ofMillis(100)).stateHistory(true).start();
        client = ChainClient.create(devnet.url());
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

    /** alice funds kitpayout and sends carol 1 EOS; kitpayout pays bob 2.5 EOS inline; the last block. */
    long transfers() {
        EosioToken token = new EosioToken(client);
        List<TransactResult> results = new ArrayList<>();
        StepVerifier.create(session("alice").transact(List.of(
                        token.transfer(Name.from("alice"), Name.from("kitpayout"), Asset.from("10.0000 EOS"), "funds"),
                        token.transfer(Name.from("alice"), Name.from("carol"), Asset.from("1.0000 EOS"), "hi")))
                .then(session("kitpayout").transact(new Kitpayout(client).pay(Name.from("bob"),
                        Asset.from("2.5000 EOS"), "payday"))))
                .recordWith(() -> results).thenConsumeWhile(r -> true).expectComplete().verify(TIMEOUT);
        return results.get(results.size() - 1).response().processed().blockNum();
    }

    BlockStream.Builder stream(long until) {
        return BlockStream.builder(client).follow(Follow.HEAD).from(1).until(until);
    }

    @Test
    void aDepositAContractMadeIsSeenOverStateHistoryNotOverGetBlock() {
        long until = transfers();
        List<ActionEvent> overShip = new ArrayList<>();
        StepVerifier.create(stream(until).stateHistory(devnet.stateHistoryUrl()).build()
                        .actions(ActionFilter.transfersTo("bob")))
                .recordWith(() -> overShip).thenConsumeWhile(e -> true).expectComplete().verify(TIMEOUT);
        assertThat(overShip).hasSize(1);
        ActionEvent deposit = overShip.get(0);
        assertThat(deposit.data().get("from").asText()).isEqualTo("kitpayout");
        assertThat(deposit.data().get("quantity").asText()).isEqualTo("2.5000 EOS");
        assertThat(deposit.inline()).as("kitpayout sent it").isTrue();

        // bob's own copy (the notification), when the filter asks for receivers
        StepVerifier.create(stream(until).stateHistory(devnet.stateHistoryUrl()).build()
                        .actions(ActionFilter.all().receiver("bob")))
                .assertNext(e -> {
                    assertThat(e.receiver()).isEqualTo(Name.from("bob"));
                    assertThat(e.notification()).isTrue();
                    assertThat(e.contract()).isEqualTo(Name.from("eosio.token"));
                })
                .expectComplete().verify(TIMEOUT);

        // get_block has the top-level actions only: kitpayout::pay, not the transfer it sent
        StepVerifier.create(stream(until).build().actions(ActionFilter.transfersTo("bob")))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void theTokenRowsFollowedAsDeltasEndEqualToTheTable() {
        long until = transfers();
        Map<String, String> balances = new TreeMap<>();
        StepVerifier.create(stream(until).stateHistory(devnet.stateHistoryUrl()).build()
                        .tableDeltas(TableFilter.all().code("eosio.token").table("accounts")))
                .recordWith(ArrayList::new).thenConsumeWhile(d -> true)
                .consumeRecordedWith(deltas -> {
                    for (TableDelta d : deltas) {
                        if (d.present()) {
                            balances.put(d.scope().toString(), d.value().get("balance").asText());
                        } else {
                            balances.remove(d.scope().toString());
                        }
                    }
                })
                .expectComplete().verify(TIMEOUT);
        assertThat(balances).containsKeys("alice", "bob", "carol", "kitpayout");
        for (Map.Entry<String, String> e : balances.entrySet()) {
            StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", e.getKey(), "accounts").json(true))
                            .map(r -> r.get("balance").asText()))
                    .expectNext(e.getValue())
                    .expectComplete().verify(TIMEOUT);
        }
    }
    @Test
    void resumesAfterARestartFromItsCheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        EosioToken token = new EosioToken(client);
        long from = client.getInfo().block(TIMEOUT).headBlockNum() + 1;
        List<TransactResult> sent = new ArrayList<>();
        StepVerifier.create(reactor.core.publisher.Flux.concat(
                        session("alice").transact(List.of(
                                token.transfer(Name.from("alice"), Name.from("kitpayout"), Asset.from("5.0000 EOS"), "funds"),
                                token.transfer(Name.from("alice"), Name.from("dave"), Asset.from("0.0010 EOS"), "r1"))),
                        session("bob").transact(token.transfer(Name.from("bob"), Name.from("dave"),
                                Asset.from("0.0010 EOS"), "r2")),
                        session("kitpayout").transact(new Kitpayout(client).pay(Name.from("dave"),
                                Asset.from("0.0010 EOS"), "r3")),
                        session("carol").transact(token.transfer(Name.from("carol"), Name.from("dave"),
                                Asset.from("0.0010 EOS"), "r4"))))
                .recordWith(() -> sent).thenConsumeWhile(r -> true).expectComplete().verify(TIMEOUT);
        long until = sent.get(sent.size() - 1).response().processed().blockNum();
        java.nio.file.Path file = dir.resolve("checkpoints.json");
        ActionFilter toDave = ActionFilter.transfersTo("dave");
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();

        BlockStream first = BlockStream.builder(client).follow(Follow.HEAD).from(from)
                .stateHistory(devnet.stateHistoryUrl())
                .checkpoints(io.antelopekit.storage.FileSessionStorage.open(file), "dave").build();
        StepVerifier.create(first.processActions(toDave, e -> reactor.core.publisher.Mono.fromRunnable(
                        () -> handled.add(e.data().path("memo").asText()))).take(2))
                .expectNextCount(2).expectComplete().verify(TIMEOUT);
        assertThat(handled).containsExactly("r1", "r2");

        // a new process on the same file: the contract-made r3, then r4, each once
        BlockStream second = BlockStream.builder(client).follow(Follow.HEAD).from(from).until(until)
                .stateHistory(devnet.stateHistoryUrl())
                .checkpoints(io.antelopekit.storage.FileSessionStorage.open(file), "dave").build();
        StepVerifier.create(second.processActions(toDave, e -> reactor.core.publisher.Mono.fromRunnable(
                        () -> handled.add(e.data().path("memo").asText()))))
                .thenConsumeWhile(cp -> true).expectComplete().verify(TIMEOUT);
        assertThat(handled).containsExactly("r1", "r2", "r3", "r4");
    }
}
