package io.antelopekit.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a devnet until stopped (Ctrl-C) and prints its URLs, chain id and the dev accounts' keys.
 *
 * <pre>
 * DevnetMain [--port 8888] [--host 127.0.0.1] [--genesis genesis.json] [--block-ms 500] [--lib-distance 3]
 *            [--endpoints 1] [--max-body-size 2097152] [--max-trx-cpu 150000] [--history-blocks 7200]
 *            [--no-empty-blocks] [--state-history] [--state-history-port 8080]
 * </pre>
 *
 * <p>{@code --state-history} serves the node's state history (SHiP) WebSocket protocol on a free
 * port, {@code --state-history-port N} on that one (the node's {@code state-history-endpoint});
 * its URL is printed.
 *
 * <p>{@code --endpoints N} serves the one chain on N HTTP endpoints (at most 16): the first on
 * {@code --port}, the others on free ports, all printed.
 *
 * <p>{@code --max-body-size BYTES} is the largest request body (nodeos's {@code max-body-size},
 * 2 MiB by default); {@code --max-trx-cpu MICROS} the largest billed CPU time of a transaction
 * (the chain's {@code max_transaction_cpu_usage}, 150000 by default).
 *
 * <p>{@code --history-blocks N} is how many past blocks the devnet keeps and serves (7200 by
 * default, an hour of 500 ms blocks): with short blocks ({@code --block-ms 20}) raise it to keep
 * the same span. {@code --no-empty-blocks} skips the slots where no transaction is pending, so
 * every block holds one (see {@link Devnet.Builder#emptyBlocks(boolean)}).
 *
 * <p>The printed private keys are the documented dev keys ({@link DevAccount}): public test
 * keys, never for anything real.
 */
public final class DevnetMain {

    private DevnetMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Devnet.Builder b = Devnet.builder().port(8888);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (a.equals("--no-empty-blocks")) {
                b.emptyBlocks(false);
                continue;
            }
            if (a.equals("--state-history")) {
                b.stateHistory(true);
                continue;
            }
            switch (a) {
                case "--port" -> b.port(Integer.parseInt(require(a, v)));
                case "--host" -> b.host(require(a, v));
                case "--genesis" -> b.genesis(Genesis.fromFile(Path.of(require(a, v))));
                case "--block-ms" -> b.blockInterval(Duration.ofMillis(Long.parseLong(require(a, v))));
                case "--lib-distance" -> b.irreversibleDistance(Integer.parseInt(require(a, v)));
                case "--endpoints" -> b.endpoints(Integer.parseInt(require(a, v)));
                case "--max-body-size" -> b.maxBodySize(Long.parseLong(require(a, v)));
                case "--max-trx-cpu" -> b.maxTransactionCpuUsage(Long.parseLong(require(a, v)));
                case "--history-blocks" -> b.historyBlocks(Integer.parseInt(require(a, v)));
                case "--state-history-port" -> b.stateHistoryPort(Integer.parseInt(require(a, v)));
                case "-h", "--help" -> {
                    System.out.println("usage: DevnetMain [--port 8888] [--host 127.0.0.1] [--genesis genesis.json]"
                            + " [--block-ms 500] [--lib-distance 3] [--endpoints 1] [--max-body-size 2097152]"
                            + " [--max-trx-cpu 150000] [--history-blocks 7200] [--no-empty-blocks] [--state-history]"
                            + " [--state-history-port 8080]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
            i++;
        }
        Devnet devnet = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devnet.stop();
            stopped.countDown();
        }, "devnet-shutdown"));
        System.out.println("antelopekit devnet");
        System.out.println("url       " + devnet.url());
        for (int i = 1; i < devnet.urls().size(); i++) {
            System.out.printf("url %-5d %s%n", i, devnet.urls().get(i));
        }
        if (devnet.hasStateHistory()) {
            System.out.println("ship      " + devnet.stateHistoryUrl());
        }
        System.out.println("chain id  " + devnet.chainId());
        System.out.println("dev accounts (documented test keys: private key = sha256(\"" + DevAccount.SEED_PREFIX
                + "\" + name); never use them for anything real):");
        for (DevAccount d : devnet.devAccounts()) {
            System.out.printf("  %-12s %s  %s%n", d.name(), d.publicKey(), d.privateKey().toSecretString());
        }
        if (devnet.hasResourcePayer()) {
            DevAccount payer = DevAccount.of(Devnet.RESOURCE_PAYER.actor());
            System.out.printf("  %-12s %s  %s  (%s, linked to greymassnoop::noop: a resource payer)%n", payer.name(),
                    payer.publicKey(), payer.privateKey().toSecretString(), Devnet.RESOURCE_PAYER);
        }
        System.out.println("contracts eosio.token, greymassnoop (noop), " + Devnet.TEST_CONTRACT
                + " (setitem, delitem, stats: the test contract), kitpayout (pay: an inline eosio.token::transfer)"
                + " unless the genesis replaced them");
        System.out.println("Ctrl-C to stop");
        System.out.flush();
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return value;
    }
}
