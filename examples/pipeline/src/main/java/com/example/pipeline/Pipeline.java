package com.example.pipeline;

import com.example.pipeline.Forwarder.Transfer;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The pipeline of docs/pipelines.md against an embedded devnet: carol and dave make 8 deposits to
 * alice; a first forwarder process stops after forwarding three of them, carol makes one more, a
 * second process (the same checkpoint file) forwards the rest, and bob gets each deposit once.
 *
 * <pre>
 * mvn -B -q compile exec:java@pipeline                               # checkpoints in forwarder.json
 * mvn -B -q compile exec:java@pipeline -Dexec.args=/tmp/forwarder.json
 * </pre>
 */
public final class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** The longest main waits for anything. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /**
     * How long the hot session's transactions stay valid. A restarted forwarder waits this long
     * before it forwards anything: keep it short.
     */
    static final int EXPIRE_SECONDS = 10;

    /** A client of one chain with several endpoints: it fails over between them. */
    static ChainClient client(String... urls) {
        return ChainClient.builder()
                .endpoints(urls)
                .build();
    }

    /** Logs each irreversible block (at DEBUG). */
    static Disposable logBlocks(ChainClient client) {
        return BlockStream.follow(client)                         // the last irreversible block, from the next one
                .blocks()
                .subscribe(b -> log.debug("block {} {} with {} transactions", b.num(), b.id(), b.transactions().size()),
                        error -> log.error("the block stream stopped", error));
    }

    /** Logs each token transfer to alice. */
    static Disposable logDeposits(ChainClient client) {
        return BlockStream.follow(client)
                .actions(ActionFilter.transfersTo("alice").contract("eosio.token"))
                .subscribe(t -> log.info("{} sent {}", t.data().path("from"), t.data().path("quantity")),
                        error -> log.error("the deposit stream stopped", error));
    }

    /** A token transfer from {@code from} to alice. */
    static void deposit(Devnet devnet, ChainClient client, Abi token, String from, String quantity, String memo) {
        Session depositor = session(devnet, client, from);
        depositor.transact(Action.of("eosio.token", "transfer", depositor.permissionLevel(),
                new Transfer(from, "alice", quantity, memo), token)).block(TIMEOUT);
    }

    /** The session of {@code account} with its devnet key (in production: the key from the environment, see bots.md). */
    static Session session(Devnet devnet, ChainClient client, String account) {
        return Session.builder()
                .chain(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .client(client)
                .actor(account).permission("active")
                .expireSeconds(EXPIRE_SECONDS)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey()))
                .build();
    }

    /**
     * Runs the pipeline against an embedded devnet.
     *
     * @param args the checkpoint file, {@code forwarder.json} by default
     */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "forwarder.json");
        try (Devnet devnet = Devnet.builder().start()) {
            ChainClient client = client(devnet.urls().toArray(String[]::new));
            Disposable blocks = logBlocks(client);
            Disposable deposits = logDeposits(client);
            Abi token = client.abi(Name.from("eosio.token")).block(TIMEOUT);
            long firstBlock = client.getInfo().block(TIMEOUT).headBlockNum() + 1;

            for (int i = 0; i < 8; i++) {
                deposit(devnet, client, token, i % 2 == 0 ? "carol" : "dave", "0.00" + (10 + i) + " EOS", "deposit " + i);
            }

            // the first process stops after three forwards (more may be in flight: they land)
            new Forwarder(client, session(devnet, client, "alice"), EXPIRE_SECONDS,
                    ReactiveSessionStorage.file(file), firstBlock).run().take(3).blockLast(TIMEOUT);
            log.info("the first forwarder stopped after three forwards");

            // one more deposit while no forwarder runs; then a new process on the same checkpoint file
            // waits one expiration, skips the forwards already on chain, and forwards the rest
            deposit(devnet, client, token, "carol", "0.0018 EOS", "deposit 8");
            Checkpoint last = BlockStream.builder(client).follow(Follow.HEAD).from(firstBlock).build()
                    .actions(ActionFilter.transfersTo("alice").where(e -> e.data().path("memo").asText().equals("deposit 8")))
                    .next().block(TIMEOUT).checkpoint();
            log.info("a new forwarder waits {} s, then goes on", EXPIRE_SECONDS);
            new Forwarder(client, session(devnet, client, "alice"), EXPIRE_SECONDS,
                    ReactiveSessionStorage.file(file), firstBlock).run()
                    .takeUntil(checkpoint -> checkpoint.compareTo(last) >= 0).blockLast(TIMEOUT);

            long head = client.getInfo().block(TIMEOUT).headBlockNum() + 2;    // what was accepted is in a block by then
            List<String> forwards = BlockStream.builder(client).follow(Follow.HEAD).from(firstBlock).until(head).build()
                    .actions(ActionFilter.transfersTo("bob").contract("eosio.token")
                            .where(e -> e.data().path("memo").asText().startsWith("fwd ")))
                    .map(e -> e.data().path("memo").asText())
                    .collectList().block(TIMEOUT);
            log.info("bob received {} forwards ({} different deposits) for 9 deposits", forwards.size(),
                    new HashSet<>(forwards).size());
            blocks.dispose();
            deposits.dispose();
            client.dispose();
        }
    }
}
