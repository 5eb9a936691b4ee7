package com.example.bot;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.session.ActionOutcome;
import io.antelopekit.session.BatchOptions;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import io.antelopekit.transact.AllowListPlugin;
import io.antelopekit.transact.ResourcePayerPlugin;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The bot of docs/bots.md: alice's bot pays out token transfers in batches, guarded by an
 * allow-list, with the account {@code payer} paying its CPU and NET, and thanks everyone who sends
 * alice tokens, once each, also across restarts.
 *
 * <pre>
 * mvn -B -q compile exec:java@bot                                   # checkpoints in bot-checkpoints.json
 * mvn -B -q compile exec:java@bot -Dexec.args=/tmp/checkpoints.json
 * </pre>
 */
public final class Bot {

    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    /** The longest main waits for anything. */
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** The data of an {@code eosio.token::transfer}. */
    record Transfer(String from, String to, String quantity, String memo) {
    }

    /** A payout to make: your id for it, the account and the amount. */
    record Payout(long id, String account, String amount) {
    }

    private final Session bot;
    private final Abi token;
    private final Ledger ledger;

    Bot(Session bot, Abi token, Ledger ledger) {
        this.bot = bot;
        this.token = token;
        this.ledger = ledger;
    }

    /**
     * The environment variable {@code name}, read as a private key.
     *
     * @throws IllegalStateException naming the variable when it is not set
     */
    static PrivateKey requiredKey(String name) {
        return requiredKey(name, System.getenv());
    }

    static PrivateKey requiredKey(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the environment variable " + name
                    + " is not set: it holds the private key (PVT_K1_...) the bot signs with");
        }
        return PrivateKey.from(value.trim());
    }

    /** The bot's session: alice's key, the allow-list first, then the resource payer. */
    static Session session(ChainDefinition chain, ChainClient client, PrivateKey key, PrivateKey payerKey) {
        AllowListPlugin guard = AllowListPlugin.builder()
                .allow("eosio.token::transfer", "alice@active")   // this action, with this authority only
                .allow("greymassnoop::noop", "payer@cosign")      // the resource payer's no-op
                .build();
        ResourcePayerPlugin payer = ResourcePayerPlugin.builder()
                .payer("payer@cosign")                      // a permission linked to greymassnoop::noop only
                .key(payerKey)
                .build();
        return Session.builder()
                .chain(chain)
                .client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(key))
                .transactPlugins(guard, payer)   // the guard first
                .build();
    }

    /** Pays out, 50 transfers per transaction; one outcome per payout, as they come. */
    Flux<ActionOutcome> payOut(List<Payout> payouts) {
        Flux<Action> transfers = Flux.fromIterable(payouts)
                .map(p -> Action.of("eosio.token", "transfer", bot.permissionLevel(),
                        new Transfer("alice", p.account(), p.amount(), "payout " + p.id()), token));
        return bot.transactAll(transfers, BatchOptions.builder()
                        .maxActions(50)                  // actions per transaction
                        .maxWait(Duration.ofMillis(50))  // a partial batch leaves after this long
                        .concurrency(4)                  // transactions in flight
                        .ordered(false)                  // outcomes as they come
                        .build())
                .doOnNext(outcome -> {
                    Payout p = payouts.get((int) outcome.index());
                    if (outcome.isSuccess()) {
                        ledger.paid(p.id(), outcome.transactionId(), outcome.blockNum());
                    } else if (outcome.status() == ActionOutcome.Status.UNKNOWN) {
                        ledger.unknown(p.id(), outcome.transactionId());   // signed, fate unknown: never resent
                    } else {
                        ledger.failed(p.id(), outcome.errorName());        // e.g. eosio_assert_message_exception
                    }
                });
    }

    /**
     * Thanks everyone who sends alice tokens, once each and in chain order, committing a checkpoint
     * after each answer; emits the checkpoints. Without a stored checkpoint it starts at
     * {@code firstBlock}; after a restart, right after the last transfer it answered.
     */
    Flux<Checkpoint> thankYou(ChainClient client, ReactiveSessionStorage checkpoints, long firstBlock) {
        BlockStream incoming = BlockStream.builder(client)      // the last irreversible block by default
                .from(firstBlock)                                // when no checkpoint is stored
                .checkpoints(checkpoints, "thank-you")
                .build();
        return incoming.processActions(ActionFilter.transfersTo("alice").contract("eosio.token"), t ->
                bot.transact(Action.of("eosio.token", "transfer", bot.permissionLevel(),
                        new Transfer("alice", t.data().path("from").asText(), "0.0001 EOS", thanks(t)), token)));
    }

    /** The thank-you's memo: the amount, and the incoming transfer's place, so that an answer can be found again. */
    static String thanks(ActionEvent t) {
        return "thanks for " + t.data().path("quantity").asText() + " (" + t.transactionId() + ":" + t.actionIndex() + ")";
    }

    /**
     * Runs the bot against an embedded devnet: 20 payouts, then a transfer from carol to alice,
     * which the bot thanks her for.
     *
     * @param args the checkpoint file, {@code bot-checkpoints.json} by default
     */
    public static void main(String[] args) {
        Path checkpointFile = Path.of(args.length > 0 ? args[0] : "bot-checkpoints.json");
        try (Devnet devnet = Devnet.builder().start()) {                 // in production: the chain's URLs
            ChainClient client = ChainClient.create(devnet.url());
            ChainDefinition chain = ChainDefinition.of(devnet.chainId(), devnet.url());
            // the devnet's documented test keys; in production requiredKey("BOT_KEY") and requiredKey("PAYER_KEY")
            PrivateKey key = DevAccount.of("alice").privateKey();
            PrivateKey payerKey = DevAccount.of("payer").privateKey();
            Session session = session(chain, client, key, payerKey);
            Abi token = session.abi(Name.from("eosio.token")).block(TIMEOUT);   // once, at start-up
            Ledger ledger = new Ledger();
            Bot bot = new Bot(session, token, ledger);
            long firstBlock = client.getInfo().block(TIMEOUT).headBlockNum();

            Disposable thanking = bot.thankYou(client, ReactiveSessionStorage.file(checkpointFile), firstBlock)
                    .subscribe(checkpoint -> log.debug("answered up to {}", checkpoint),
                            error -> log.error("the thank-you stream stopped", error));

            List<Payout> payouts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                payouts.add(new Payout(i, List.of("bob", "carol", "dave").get(i % 3), "0.0100 EOS"));
            }
            bot.payOut(payouts).blockLast(TIMEOUT);
            log.info("payouts: {}", ledger.summary());

            // someone sends alice tokens: once the transfer is irreversible, the bot thanks them
            Session carol = Session.builder().chain(chain).client(client).actor("carol").permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("carol").privateKey())).build();
            carol.transact(Action.of("eosio.token", "transfer", carol.permissionLevel(),
                    new Transfer("carol", "alice", "1.0000 EOS", "for the bot"), token)).block(TIMEOUT);
            ActionEvent answer = BlockStream.builder(client).follow(Follow.HEAD).from(firstBlock).build()
                    .actions(ActionFilter.transfersTo("carol").contract("eosio.token")
                            .where(e -> e.data().path("memo").asText().startsWith("thanks for ")))
                    .next().block(TIMEOUT);
            log.info("alice thanked carol in block {}: \"{}\"", answer.blockNum(), answer.data().path("memo").asText());
            thanking.dispose();
            client.dispose();
        }
    }
}
