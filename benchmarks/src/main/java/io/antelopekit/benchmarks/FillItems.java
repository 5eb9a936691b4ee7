package io.antelopekit.benchmarks;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.benchmarks.contracts.Kittest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.session.Session;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Flux;

/**
 * Stores the KittestRows items in a scope of the devnet's kittest contract through the generated
 * {@code Kittest} class, 100 {@code setitem} actions a transaction, each owner's session sending
 * its own items (the devnet's dev accounts and their known keys).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.FillItems --url URL [--scope bench] [--items 10000]
 * </pre>
 */
public final class FillItems {

    static final int ACTIONS_PER_TRANSACTION = 100;

    private FillItems() {
    }

    public static void main(String[] args) {
        String url = null;
        String scope = "bench";
        int items = 10_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--scope" -> scope = args[i + 1];
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("usage: FillItems --url URL [--scope bench] [--items 10000]");
        }
        ChainClient client = ChainClient.builder().endpoint(url).responseTimeout(Duration.ofSeconds(60)).build();
        try {
            long t0 = System.nanoTime();
            ChainInfo info = client.getInfo().block(Duration.ofSeconds(60));
            Kittest kittest = new Kittest(client);
            List<Flux<?>> owners = new ArrayList<>();
            for (int o = 0; o < KittestRows.OWNERS.length; o++) {
                String owner = KittestRows.OWNERS[o];
                Session session = Session.builder().chain(ChainDefinition.of(info.chainId(), url)).client(client)
                        .actor(owner).permission("active")
                        .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(owner).privateKey())).build();
                List<List<Action>> batches = new ArrayList<>();
                List<Action> batch = new ArrayList<>();
                for (int id = o; id < items; id += KittestRows.OWNERS.length) {
                    batch.add(kittest.setitem(KittestRows.item(Name.from(scope), id)));
                    if (batch.size() == ACTIONS_PER_TRANSACTION) {
                        batches.add(batch);
                        batch = new ArrayList<>();
                    }
                }
                if (!batch.isEmpty()) {
                    batches.add(batch);
                }
                owners.add(Flux.fromIterable(batches).concatMap(session::transact));
            }
            long sent = Flux.merge(owners).count().block(Duration.ofMinutes(10));
            System.out.printf(Locale.ROOT, "stored %d items of kittest in scope %s in %d transactions, %.1f s%n", items,
                    scope, sent, (System.nanoTime() - t0) / 1e9);
        } finally {
            client.dispose();
        }
    }
}
