package com.example.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.bot.Bot.Payout;
import com.example.bot.Bot.Transfer;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bot of docs/bots.md against the embedded devnet, with BlockHound watching every event loop. */
@ExtendWith(BlockHoundSupport.class)
class BotTest {

    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final Name TOKEN = Name.from("eosio.token");

    /** A devnet, its client and alice's bot (payer paying), closed together. */
    static final class Run implements AutoCloseable {
        final Devnet devnet = Devnet.builder().start();
        final ChainClient client = ChainClient.create(devnet.url());
        final ChainDefinition chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        final Session session = Bot.session(chain, client, DevAccount.of("alice").privateKey(),
                DevAccount.of("payer").privateKey());
        final Abi token = session.abi(TOKEN).block(TIMEOUT);
        final Ledger ledger = new Ledger();
        final Bot bot = new Bot(session, token, ledger);
        final long firstBlock = head();

        long head() {
            return client.getInfo().block(TIMEOUT).headBlockNum();
        }

        long balance(String account) {
            return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS")).block(TIMEOUT)
                    .balances().get(0).units();
        }

        void send(String from, String quantity) {
            Session s = Session.builder().chain(chain).client(client).actor(from).permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(from).privateKey())).build();
            s.transact(Action.of("eosio.token", "transfer", s.permissionLevel(),
                    new Transfer(from, "alice", quantity, "to the bot"), token)).block(TIMEOUT);
        }

        /** The actions in blocks from the first up to two blocks past the head now (anything accepted by then is in them). */
        List<ActionEvent> actions(ActionFilter filter) {
            return BlockStream.builder(client).follow(Follow.HEAD).from(firstBlock).until(head() + 2).build()
                    .actions(filter).collectList().block(TIMEOUT);
        }

        /** The thank-yous alice sent, by recipient. */
        Map<String, Long> thanks() {
            return actions(ActionFilter.all().contract("eosio.token").action("transfer")
                    .where(e -> e.data().path("memo").asText().startsWith("thanks for ")))
                    .stream().collect(Collectors.groupingBy(e -> e.data().path("to").asText(), Collectors.counting()));
        }

        @Override
        public void close() {
            client.dispose();
            devnet.stop();
        }
    }

    @Test
    void payoutsLandOnceAndTheOneBadPayoutFailsAlone() {
        try (Run run = new Run()) {
            long bob = run.balance("bob");
            List<Payout> payouts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                payouts.add(new Payout(i, List.of("bob", "carol", "dave").get(i % 3), "0.0001 EOS"));
            }
            payouts.add(new Payout(300, "nobody", "0.0001 EOS"));    // no such account: the chain refuses it

            List<ActionOutcome> outcomes = run.bot.payOut(payouts).collectList().block(TIMEOUT);

            assertThat(outcomes).hasSize(301);
            assertThat(run.ledger.summary()).isEqualTo(Map.of(Ledger.State.PAID, 300, Ledger.State.FAILED, 1));
            assertThat(run.ledger.state(300)).isEqualTo(Ledger.State.FAILED);
            assertThat(outcomes.stream().filter(o -> !o.isSuccess()).findFirst().orElseThrow().errorName())
                    .isEqualTo("eosio_assert_message_exception");
            assertThat(run.balance("bob") - bob).isEqualTo(100 * Asset.from("0.0001 EOS").units());

            // every transaction of the bot starts with the payer's no-op: payer@cosign pays its CPU and NET
            long transactions = outcomes.stream().filter(ActionOutcome::isSuccess).map(ActionOutcome::transactionId)
                    .distinct().count();
            List<ActionEvent> noops = run.actions(ActionFilter.all().contract("greymassnoop"));
            assertThat(noops).hasSize((int) transactions);
            assertThat(noops).allSatisfy(e -> {
                assertThat(e.actionIndex()).isZero();
                assertThat(e.action().authorization()).containsExactly(Devnet.RESOURCE_PAYER);
            });
        }
    }

    @Test
    void everyIncomingTransferIsThankedOnceAcrossARestartAndAFreshDevnetStartsOver(@TempDir Path dir) {
        Path file = dir.resolve("bot-checkpoints.json");
        try (Run run = new Run()) {
            run.send("carol", "1.0000 EOS");
            run.send("dave", "2.0000 EOS");
            // the first process answers both, then stops
            assertThat(run.bot.thankYou(run.client, ReactiveSessionStorage.file(file), run.firstBlock)
                    .filter(cp -> !cp.isWholeBlock()).take(2).collectList().block(TIMEOUT)).hasSize(2);

            // a new process on the same checkpoint file answers only what came since
            run.send("carol", "3.0000 EOS");
            Bot again = new Bot(run.session, run.token, new Ledger());
            assertThat(again.thankYou(run.client, ReactiveSessionStorage.file(file), run.firstBlock)
                    .filter(cp -> !cp.isWholeBlock()).take(1).collectList().block(TIMEOUT)).hasSize(1);
            assertThat(run.thanks()).isEqualTo(Map.of("carol", 2L, "dave", 1L));
        }

        // a fresh devnet (the same chain id, a new chain): the old chain's checkpoint is not resumed from
        try (Run fresh = new Run()) {
            fresh.send("dave", "4.0000 EOS");
            assertThat(fresh.bot.thankYou(fresh.client, ReactiveSessionStorage.file(file), fresh.firstBlock)
                    .filter(cp -> !cp.isWholeBlock()).take(1).collectList().block(TIMEOUT)).hasSize(1);
            assertThat(fresh.thanks()).isEqualTo(Map.of("dave", 1L));
        }
    }

    @Test
    void mainRunsTwiceOnTheSameCheckpointFile(@TempDir Path dir) {
        String file = dir.resolve("bot-checkpoints.json").toString();
        Bot.main(new String[] {file});
        Bot.main(new String[] {file});       // a fresh devnet, the first run's checkpoints
    }

    @Test
    void aKeyMissingFromTheEnvironmentIsAClearError() {
        assertThatThrownBy(() -> Bot.requiredKey("BOT_KEY", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the environment variable BOT_KEY is not set: it holds the private key (PVT_K1_...) the bot signs with");
        assertThat(Bot.requiredKey("BOT_KEY", Map.of("BOT_KEY", DevAccount.of("alice").privateKey().toSecretString())))
                .isEqualTo(DevAccount.of("alice").privateKey());
    }
}
