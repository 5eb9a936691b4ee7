package com.example.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.pipeline.Forwarder.Transfer;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.session.Session;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * The balance watcher of docs/pipelines.md: the balances it keeps from the token table's rows are
 * the ones the node answers, also for a transfer that a contract made.
 */
@ExtendWith(BlockHoundSupport.class)
class BalanceWatcherTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static Devnet devnet;
    static ChainClient client;

    @BeforeAll
    static void start() {
        // blocks made when the test asks: each transaction below has a block of its own
        devnet = Devnet.builder().manualBlockProduction().stateHistory(true).start();
        client = ChainClient.create(devnet.url());
    }

    @AfterAll
    static void stop() {
        client.dispose();
        devnet.stop();
    }

    /** One action of {@code account}'s, signed with its devnet key, in a block of its own; that block. */
    static long send(String account, String contract, String action, Object data) {
        Session s = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(account).permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey())).build();
        Abi abi = client.abi(Name.from(contract)).block(TIMEOUT);
        TransactResult result = s.transact(Action.of(contract, action, s.permissionLevel(), data, abi)).block(TIMEOUT);
        devnet.produceBlock().block(TIMEOUT);
        return result.response().processed().blockNum();
    }

    @Test
    void theBalancesFromTheRowsAreTheNodes() {
        devnet.produceBlock().block(TIMEOUT);
        long first = client.getInfo().block(TIMEOUT).headBlockNum() + 1;
        send("alice", "eosio.token", "transfer", new Transfer("alice", "carol", "1.0000 EOS", "a"));
        send("dave", "eosio.token", "transfer", new Transfer("dave", "alice", "0.5000 EOS", "b"));
        send("alice", "eosio.token", "transfer", new Transfer("alice", "kitpayout", "1.0000 EOS", "funds"));
        // kitpayout pays bob with an inline transfer: its rows change as any transfer's do
        long last = send("kitpayout", "kitpayout", "pay", Map.of("to", "bob", "quantity", "0.2500 EOS", "memo", "payday"));
        devnet.produceBlocks(Devnet.DEFAULT_IRREVERSIBLE_DISTANCE).block(TIMEOUT);   // the last one irreversible

        BalanceWatcher watcher = new BalanceWatcher(BlockStream.builder(client).stateHistory(devnet.stateHistoryUrl())
                .from(first).until(last).build());
        StepVerifier.create(watcher.run())
                .thenConsumeWhile(row -> true)
                .expectComplete()
                .verify(TIMEOUT);

        for (String account : List.of("alice", "bob", "carol", "dave", "kitpayout")) {
            StepVerifier.create(client.getCurrencyBalance(Name.from("eosio.token"), Name.from(account), SymbolCode.from("EOS")))
                    .assertNext(node -> assertThat(watcher.balance(account, "EOS")).as(account).contains(node.balances().get(0)))
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }
}
